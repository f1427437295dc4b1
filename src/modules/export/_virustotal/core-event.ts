/**
 * A normalised event back in MISP core format (everything inside `Event`),
 * the shape upstream's `normalize_misp_data` builds before sending an event
 * to VirusTotal: attributes, objects and tags nested, the models MISP puts
 * beside `Event` (Orgc, Org, …) folded in. Both of MISP's shapes give the
 * same document.
 */
import type { NormalizedEvent } from '../../../misp/event.js';

export function coreEvent(event: NormalizedEvent): { Event: Record<string, unknown> } {
  return {
    Event: {
      ...event.event,
      Attribute: event.attributes,
      Object: event.objects,
      Tag: event.tags,
      Galaxy: event.galaxies,
      EventReport: event.reports,
    },
  };
}
