/**
 * Waits until a condition holds (e.g. a fake server's open connections drop
 * to zero after an abort). Polls; fails with `message` after `limitMs`, a
 * generous bound that only matters when the behaviour is broken.
 */
import { setTimeout as sleep } from 'node:timers/promises';

export async function waitFor(condition: () => boolean, message: string, limitMs = 5000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > limitMs) throw new Error(`Gave up waiting: ${message}`);
    await sleep(10);
  }
}
