/**
 * A value the views watch: views re-render when it is replaced or when
 * `changed()` says it was modified in place (the session tree is).
 */
import { useEffect, useState } from 'preact/hooks';

export class Store<T> {
  private listeners = new Set<() => void>();
  /** Counts changes, for views that cache what they draw from a value changed in place. */
  version = 0;
  constructor(private value: T) {}

  get(): T {
    return this.value;
  }

  set(value: T): void {
    this.value = value;
    this.changed();
  }

  changed(): void {
    this.version++;
    for (const listener of [...this.listeners]) listener();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** The store's value; the component re-renders on every change. */
export function useStore<T>(store: Store<T>): T {
  const [, setVersion] = useState(0);
  useEffect(() => store.subscribe(() => setVersion((v) => v + 1)), [store]);
  return store.get();
}
