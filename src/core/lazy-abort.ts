/**
 * An abort controller whose AbortSignal is created only when someone asks for
 * it. AbortController/AbortSignal are costly to create on Node 20 (an
 * EventTarget each), and most quick modules never look at their signal.
 */
export class LazyAbort {
  private controller: AbortController | undefined;
  private reason: unknown;
  private done = false;
  private readonly listeners: Array<(reason: unknown) => void> = [];
  /** When the query's timeout fires (ms since the epoch), where the runner knows it. */
  deadline: number | undefined;

  get aborted(): boolean {
    return this.done;
  }

  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.done) this.controller.abort(this.reason);
    }
    return this.controller.signal;
  }

  /** Calls `listener` once on abort (at once if already aborted). */
  onAbort(listener: (reason: unknown) => void): void {
    if (this.done) listener(this.reason);
    else this.listeners.push(listener);
  }

  abort(reason: unknown): void {
    if (this.done) return;
    this.done = true;
    this.reason = reason;
    this.controller?.abort(reason);
    for (const listener of this.listeners.splice(0)) listener(reason);
  }
}
