/** Modules that misbehave on purpose, to test the runner and the server around them. */
import { setTimeout as sleep } from 'node:timers/promises';
import { ModuleError } from '../../src/base/errors.js';
import { defineModule, type ModuleDefinition } from '../../src/core/module.js';

const meta = (description: string) => ({ version: '1', author: 'tests', description, name: description });

/** Shared by the test and the module: records what happened to each run. */
export interface SleeperProbe {
  started: number;
  aborted: number;
  finished: number;
}

export function sleeperModule(probe: SleeperProbe): ModuleDefinition {
  return defineModule({
    name: 'test_sleeper',
    kind: 'expansion',
    moduleType: ['expansion'],
    meta: meta('Waits for the given number of seconds, or until aborted'),
    attributes: { input: ['text'] },
    async handle(query, ctx) {
      probe.started++;
      const seconds = Number(query['text']);
      try {
        await sleep(seconds * 1000, undefined, { signal: ctx.signal });
      } catch (error) {
        probe.aborted++;
        throw error;
      }
      probe.finished++;
      return { results: [{ types: ['text'], values: [`slept ${seconds}`] }] };
    },
  });
}

export const throwerModule = defineModule({
  name: 'test_thrower',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: meta('Throws an unexpected error'),
  attributes: { input: ['text'] },
  async handle() {
    throw new TypeError('Cannot read properties of undefined (reading "boom")');
  },
});

export const userErrorModule = defineModule({
  name: 'test_user_error',
  kind: 'expansion',
  moduleType: ['expansion'],
  meta: meta('Fails with a user-facing error that mentions its API key'),
  config: { api_key: { description: 'the key', secret: true }, region: { description: 'a plain setting', default: 'eu' } },
  attributes: { input: ['text'] },
  async handle(_query, ctx) {
    ctx.log.info(`calling upstream with key ${ctx.config['api_key']} in region ${ctx.config['region']}`);
    ctx.log.debug('details', { sent: { apikey: ctx.config['api_key'] } });
    throw new ModuleError(`Upstream refused the key ${ctx.config['api_key']}.`);
  },
});

export const badResultModule = defineModule({
  name: 'test_bad_result',
  kind: 'expansion',
  moduleType: ['expansion'],
  meta: meta('Returns nothing, or something JSON cannot hold'),
  attributes: { input: ['text'] },
  async handle(query) {
    if (query['text'] === 'undefined') return undefined as never;
    if (query['text'] === 'bigint') return { results: [{ types: ['text'], values: [10n] }] };
    const circular: Record<string, unknown> = {};
    circular['self'] = circular;
    return circular;
  },
});

export const echoModule = defineModule({
  name: 'test_echo',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: meta('Echoes what it received'),
  config: { setting: { description: 'a setting' }, with_default: { description: 'defaulted', default: 'fallback' } },
  attributes: { input: ['text', 'domain'], format: 'misp_standard' },
  async handle(query, ctx) {
    return { results: { Attribute: [] }, echo: { query, config: { ...ctx.config }, configProvided: ctx.configProvided } };
  },
});
