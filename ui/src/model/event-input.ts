/**
 * A MISP event pasted or uploaded for an export module, read into the list
 * `data` carries: `{"Event": {…}}` (MISP's JSON export), a list of those, or
 * a REST search answer (`{"response": [...]}`).
 */
export type EventInput = { events: unknown[] } | { problem: string };

export function readEventJson(text: string): EventInput {
  if (text.trim() === '') return { problem: 'Paste or upload a MISP event (JSON) first.' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { problem: `This is not JSON: ${(error as Error).message}` };
  }
  const isEvent = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { Event?: unknown }).Event === 'object';
  const response = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as { response?: unknown }).response : undefined;
  const events = Array.isArray(parsed) ? parsed : Array.isArray(response) ? response : [parsed];
  if (events.length === 0) return { problem: 'The list holds no event.' };
  const wrong = events.findIndex((e) => !isEvent(e));
  if (wrong >= 0) return { problem: `Item ${wrong + 1} is not a MISP event: each must be an object with an "Event" inside ({"Event": {"info": …, "Attribute": […]}}).` };
  return { events };
}
