/**
 * Past sessions (queries and their result trees) in this browser's
 * IndexedDB, newest first. Nothing of it reaches the server.
 */
import type { Session } from './session.js';

const DB_NAME = 'misp-modules-ui';
const STORE = 'sessions';

let opening: Promise<IDBDatabase> | undefined;

function database(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened'));
  });
  opening.catch(() => (opening = undefined));
  return opening;
}

async function transact<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await database();
  return new Promise<T>((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const request = work(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(request.result);
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

export async function saveSession(session: Session): Promise<void> {
  // A plain copy: the live session keeps changing while the write is queued.
  const copy = JSON.parse(JSON.stringify(session)) as Session;
  await transact('readwrite', (store) => store.put(copy));
}

export async function listSessions(): Promise<Session[]> {
  const sessions = await transact('readonly', (store) => store.getAll() as IDBRequest<Session[]>);
  return sessions.sort((a, b) => b.updatedAt - a.updatedAt);
}

export async function loadSession(id: string): Promise<Session | undefined> {
  return transact('readonly', (store) => store.get(id) as IDBRequest<Session | undefined>);
}

export async function deleteSession(id: string): Promise<void> {
  await transact('readwrite', (store) => store.delete(id));
}

export async function clearHistory(): Promise<void> {
  await transact('readwrite', (store) => store.clear());
}
