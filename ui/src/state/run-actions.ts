/**
 * Running modules: a new session (one value or file through the chosen
 * modules), pivots (a result's attribute through more modules), each query
 * sent at once and its run updated as its own answer arrives. Every change is
 * saved to the history.
 */
import { ApiError, fetchModules, postQuery } from '../api/client.js';
import { expansionQuery, importQuery } from '../model/build-query.js';
import { saveSession } from '../model/history-store.js';
import { settingsOf } from '../model/module-settings.js';
import { toModuleInfo, type ModuleInfo } from '../model/modules.js';
import { readAnswer, type ViewAttribute } from '../model/results.js';
import { newRun, newSession, pivotNode, type QueryInput, type QueryNode, type RunRecord, type Session } from '../model/session.js';
import { catalogue, currentSession } from './app-state.js';

export async function loadCatalogue(): Promise<void> {
  catalogue.set({ state: 'loading' });
  try {
    const modules = (await fetchModules()).map(toModuleInfo).sort((a, b) => a.name.localeCompare(b.name));
    catalogue.set({ state: 'ready', modules });
  } catch (error) {
    catalogue.set({ state: 'failed', message: (error as Error).message });
  }
}

export interface FileInput {
  name: string;
  size: number;
  /** The bytes, base64. */
  data: string;
}

export interface RunOptions {
  timeoutSeconds: number;
  file?: FileInput;
  /** Answers to each import module's form, by module. */
  importAnswers?: Record<string, Record<string, string>>;
}

const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;

function failureText(error: unknown, options: RunOptions): string {
  const message = (error as Error).message;
  if (error instanceof ApiError && error.status === 413 && options.file) {
    return `${message} The file is ${megabytes(options.file.size)}, ${megabytes(options.file.data.length)} once encoded in the query.`;
  }
  return message;
}

/** Sessions with queries in flight in this page: reopening one from the history shows the live one. */
const live = new Map<string, { session: Session; running: number }>();

export function liveSession(id: string): Session | undefined {
  return live.get(id)?.session;
}

function track(session: Session, delta: number): void {
  const entry = live.get(session.id) ?? { session, running: 0 };
  entry.running += delta;
  if (entry.running > 0) live.set(session.id, entry);
  else live.delete(session.id);
}

function persist(session: Session): void {
  session.updatedAt = Date.now();
  saveSession(session).catch((error: unknown) => console.warn('history not saved', error));
}

async function runModule(session: Session, node: QueryNode, module: ModuleInfo, options: RunOptions): Promise<void> {
  const run: RunRecord = newRun(module.name);
  node.runs.push(run);
  track(session, +1);
  currentSession.changed();
  const config = settingsOf(module.name);
  const queryOptions = { config, timeoutSeconds: options.timeoutSeconds, ...(options.file ? { fileData: options.file.data } : {}) };
  const body =
    module.family === 'import' && options.file
      ? importQuery(module, { name: options.file.name, data: options.file.data }, options.importAnswers?.[module.name] ?? {}, queryOptions)
      : expansionQuery(module, node.input, queryOptions);
  const started = performance.now();
  try {
    const answer = await postQuery(body, options.timeoutSeconds);
    const outcome = readAnswer(answer);
    run.answer = answer;
    if (outcome.result) run.result = outcome.result;
    if (outcome.exportData !== undefined) run.exportData = outcome.exportData;
    if (outcome.note) run.note = outcome.note;
    if (outcome.error !== undefined) {
      run.error = outcome.error === 'Timeout.' ? `Timeout. The module did not answer within the query's ${options.timeoutSeconds} s.` : outcome.error;
    }
    run.status = outcome.error !== undefined ? 'error' : 'done';
  } catch (error) {
    run.status = 'error';
    run.error = failureText(error, options);
  }
  run.durationMs = Math.round(performance.now() - started);
  track(session, -1);
  currentSession.changed();
  persist(session);
}

/** A new session on screen: the input through every chosen module at once. */
export function startSession(input: QueryInput, modules: ModuleInfo[], options: RunOptions): Session {
  const session = newSession(input);
  currentSession.set(session);
  persist(session);
  for (const module of modules) void runModule(session, session.root, module, options);
  return session;
}

/** A result's attribute through more modules: a child of the run that found it. */
export function pivot(session: Session, run: RunRecord, attribute: Pick<ViewAttribute, 'uuid' | 'type' | 'value' | 'category'>, modules: ModuleInfo[], timeoutSeconds: number): void {
  const node = pivotNode(run, {
    uuid: attribute.uuid,
    type: attribute.type,
    value: attribute.value,
    ...(attribute.category ? { category: attribute.category } : {}),
  });
  for (const module of modules) void runModule(session, node, module, { timeoutSeconds });
}
