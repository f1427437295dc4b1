/**
 * A module's user-facing messages as a catalogue, the way ESLint rules
 * declare `meta.messages` and report by `messageId`: every error a module can
 * give is declared once, by id, with `{placeholders}`; code throws by id.
 *
 *   const MESSAGES = defineMessages({
 *     noKey: 'A VirusTotal api key is required for this module.',
 *     notFound: 'Nothing known about {value}.',
 *   });
 *   throw MESSAGES.error('notFound', { value });          // a ModuleError
 *   return textResult(MESSAGES.format('notFound', { value }));
 *   defineModule({ …, messages: MESSAGES, … });
 *
 * The ids are checked by TypeScript, and test/modules/messages.test.ts checks
 * that a module uses every message it declares and declares every one it uses.
 */
import { ModuleError } from './errors.js';

export type MessageData = Readonly<Record<string, string | number | boolean | undefined>>;

export interface MessageCatalogue<Id extends string = string> {
  /** The declared templates, by id (what /modules docs and tests read). */
  readonly templates: Readonly<Record<Id, string>>;
  /** The message text with its placeholders filled. */
  format(id: Id, data?: MessageData): string;
  /** A ModuleError carrying the message and its id, ready to throw. */
  error(id: Id, data?: MessageData, options?: { cause?: unknown }): ModuleError;
}

const PLACEHOLDER = /\{(\w+)\}/g;

/** Fills `{name}` placeholders; a placeholder without data stays as written (a bug the tests show). */
export function formatMessage(template: string, data: MessageData = {}): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = data[name];
    return value === undefined ? whole : String(value);
  });
}

/** The placeholder names a template uses. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

export function defineMessages<const T extends Record<string, string>>(templates: T): MessageCatalogue<Extract<keyof T, string>> {
  type Id = Extract<keyof T, string>;
  const frozen = Object.freeze({ ...templates }) as Readonly<Record<Id, string>>;
  const template = (id: Id): string => {
    const text = frozen[id];
    if (typeof text !== 'string') throw new TypeError(`Unknown message id "${id}"`);
    return text;
  };
  return Object.freeze({
    templates: frozen,
    format: (id: Id, data?: MessageData) => formatMessage(template(id), data),
    error: (id: Id, data?: MessageData, options?: { cause?: unknown }) =>
      new ModuleError(formatMessage(template(id), data), { ...options, messageId: id }),
  });
}

export function isMessageCatalogue(value: unknown): value is MessageCatalogue {
  return typeof value === 'object' && value !== null && 'templates' in value && typeof (value as MessageCatalogue).error === 'function';
}
