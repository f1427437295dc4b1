/**
 * The `port` and `timeout` settings upstream reads as `int(config.get("port")
 * or DEFAULT)` and `float(config.get("timeout") or 5)`: empty means the default.
 * Undefined when the admin's value is not usable (the module says so).
 */
export function portSetting(value: string | undefined, fallback: number): number | undefined {
  const text = value?.trim() ?? '';
  if (text === '') return fallback;
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : undefined;
}

/** Seconds (fractions allowed) → milliseconds. */
export function timeoutSetting(value: string | undefined, fallbackSeconds: number): number | undefined {
  const text = value?.trim() ?? '';
  if (text === '') return fallbackSeconds * 1000;
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(text)) return undefined;
  const seconds = Number(text);
  return seconds > 0 && seconds <= 3600 ? Math.ceil(seconds * 1000) : undefined;
}
