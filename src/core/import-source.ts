/**
 * Imports a module file from a worker thread. Running from source
 * (development, tests), files are `.ts` and tsx's loader hooks do not reach
 * worker threads on Node 20, so those are imported through tsx's scoped API.
 */
export async function importSource<T>(url: string): Promise<T> {
  if (!url.endsWith('.ts')) return (await import(url)) as T;
  const tsxApi = 'tsx/esm/api';
  const { tsImport } = (await import(tsxApi)) as { tsImport: (specifier: string, parent: string) => Promise<T> };
  return tsImport(url, import.meta.url);
}
