/**
 * The sandbox's limits. Every evaluated node costs a step; building strings
 * and lists costs steps in proportion to their size, so the step budget also
 * bounds the memory a template can allocate. The clock is checked every few
 * thousand steps.
 */
import { TemplateLimitError } from './errors.js';

export interface TemplateLimits {
  /** Evaluation steps (nodes, loop iterations, items and characters built). */
  maxSteps: number;
  /** Characters of output, and of any one string built on the way. */
  maxOutputChars: number;
  /** Wall-clock time of one render. */
  maxMillis: number;
  /** Nested macro calls and recursive loops. */
  maxCallDepth: number;
  /** Items of one list built by the template (`range`, `*`, `+`, `append`). */
  maxItems: number;
}

export const DEFAULT_LIMITS: Readonly<TemplateLimits> = Object.freeze({
  maxSteps: 20_000_000,
  maxOutputChars: 10 * 1024 * 1024,
  maxMillis: 5_000,
  maxCallDepth: 100,
  maxItems: 1_000_000,
});

/** Jinja's SandboxedEnvironment.MAX_RANGE. */
export const MAX_RANGE = 100_000;

const CLOCK_EVERY = 4096;

export function formatChars(count: number): string {
  return count >= 1024 * 1024 ? `${Math.round((count / (1024 * 1024)) * 10) / 10} MiB` : `${count} characters`;
}

export class Budget {
  private steps = 0;
  private nextClock = CLOCK_EVERY;
  private readonly deadline: number;

  constructor(readonly limits: TemplateLimits) {
    this.deadline = Date.now() + limits.maxMillis;
  }

  tick(cost = 1): void {
    this.steps += cost;
    if (this.steps > this.limits.maxSteps) {
      throw new TemplateLimitError(`the template ran more than ${this.limits.maxSteps} steps (an endless or very large loop?)`);
    }
    if (this.steps >= this.nextClock) {
      this.nextClock = this.steps + CLOCK_EVERY;
      if (Date.now() > this.deadline) throw new TemplateLimitError(`rendering took longer than ${this.limits.maxMillis / 1000} s`);
    }
  }

  /** Before building a string of `length` characters. */
  string(length: number): void {
    if (length > this.limits.maxOutputChars) {
      throw new TemplateLimitError(`the template builds a text of more than ${formatChars(this.limits.maxOutputChars)}`);
    }
    this.tick(1 + (length >> 8));
  }

  /** Before building a list of `count` items. */
  items(count: number): void {
    if (count > this.limits.maxItems) throw new TemplateLimitError(`the template builds a list of more than ${this.limits.maxItems} items`);
    this.tick(1 + count);
  }
}

/** Rendered text, refused past the output limit as it grows. */
export class Output {
  private readonly parts: string[] = [];
  private length = 0;

  constructor(private readonly budget: Budget) {}

  push(text: string): void {
    if (text === '') return;
    this.length += text.length;
    if (this.length > this.budget.limits.maxOutputChars) {
      throw new TemplateLimitError(`the output is larger than ${formatChars(this.budget.limits.maxOutputChars)}`);
    }
    this.budget.tick(1 + (text.length >> 8));
    this.parts.push(text);
  }

  toString(): string {
    return this.parts.join('');
  }
}
