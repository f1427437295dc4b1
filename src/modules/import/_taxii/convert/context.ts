/**
 * The state of one STIX → MISP conversion: the STIX objects by id, what each
 * became in MISP (for relationships and report references), the SCOs folded
 * into another MISP object, and the uuids already given out.
 */
import { randomUUID } from 'node:crypto';
import { MispResultBuilder } from '../../../../misp/standard-result.js';
import type { ResultAttribute, ResultObject } from '../../../../misp/types.js';
import type { JsonRecord } from '../../../_shared/json-record.js';

/** A STIX object with the two fields every object has. */
export type StixObject = JsonRecord & { readonly type: string; readonly id: string };

/** What one STIX object became. */
export interface Converted {
  /** Uuids a reference to the STIX object points at (its attributes and objects). */
  readonly targets: string[];
  /** Uuids of the MISP objects it became (only objects can carry references in MISP). */
  readonly objectUuids: string[];
  /** Every attribute it produced, event-level or inside objects (tags from relationships go there). */
  readonly attributes: ResultAttribute[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class Conversion {
  readonly builder = new MispResultBuilder();
  readonly #converted = new Map<string, Converted>();
  /** SCO id → the id of the STIX object whose MISP object holds it. */
  readonly #folded = new Map<string, string>();
  readonly #uuids = new Set<string>();
  /** Galaxy tag names a STIX object stands for (attack patterns, threat actors), and whether one was attached. */
  readonly #galaxyTags = new Map<string, { names: string[]; used: boolean }>();
  /** STIX types (or reasons) left out, with counts, for the log. */
  readonly skipped = new Map<string, number>();

  constructor(
    readonly objects: ReadonlyMap<string, StixObject>,
    /** Marking definition id → tag name (TLP). */
    readonly markings: ReadonlyMap<string, string>,
  ) {}

  /** The uuid of a STIX id (`type--uuid`) if it is a uuid not given out yet, else a new one. */
  uuidFor(stixId: string | undefined): string {
    const candidate = stixId?.split('--')[1]?.toLowerCase();
    const uuid = candidate && UUID.test(candidate) && !this.#uuids.has(candidate) ? candidate : randomUUID();
    this.#uuids.add(uuid);
    return uuid;
  }

  skip(reason: string): void {
    this.skipped.set(reason, (this.skipped.get(reason) ?? 0) + 1);
  }

  isDone(stixId: string): boolean {
    return this.#converted.has(stixId) || this.#folded.has(stixId);
  }

  /** Records what a STIX object became (merging with what it already became). */
  record(stixId: string, part: { attributes?: ResultAttribute[]; objects?: ResultObject[] }): Converted {
    const entry = this.#converted.get(stixId) ?? { targets: [], objectUuids: [], attributes: [] };
    for (const attribute of part.attributes ?? []) {
      entry.targets.push(attribute.uuid);
      entry.attributes.push(attribute);
    }
    for (const object of part.objects ?? []) {
      entry.targets.push(object.uuid);
      entry.objectUuids.push(object.uuid);
      entry.attributes.push(...object.Attribute);
    }
    this.#converted.set(stixId, entry);
    return entry;
  }

  /** Makes a STIX id (an observed-data) also stand for what another one became. */
  alias(stixId: string, converted: Converted): void {
    const entry = this.#converted.get(stixId) ?? { targets: [], objectUuids: [], attributes: [] };
    const add = <T>(list: T[], items: readonly T[]) => list.push(...items.filter((item) => !list.includes(item)));
    add(entry.targets, converted.targets);
    add(entry.objectUuids, converted.objectUuids);
    add(entry.attributes, converted.attributes);
    this.#converted.set(stixId, entry);
  }

  /** Marks an SCO as held by another STIX object's MISP object. */
  fold(scoId: string, holderId: string): void {
    if (scoId !== holderId && !this.#converted.has(scoId)) this.#folded.set(scoId, holderId);
  }

  /** What a STIX id became, following folds. */
  lookup(stixId: string): Converted | undefined {
    let id = stixId;
    for (let hops = 0; hops < 8; hops += 1) {
      const found = this.#converted.get(id);
      if (found) return found;
      const holder = this.#folded.get(id);
      if (!holder) return undefined;
      id = holder;
    }
    return undefined;
  }

  setGalaxyTags(stixId: string, names: string[]): void {
    if (names.length > 0) this.#galaxyTags.set(stixId, { names, used: false });
  }

  /** The galaxy tags of a STIX object, marked as attached somewhere. */
  takeGalaxyTags(stixId: string): string[] {
    const entry = this.#galaxyTags.get(stixId);
    if (!entry) return [];
    entry.used = true;
    return entry.names;
  }

  /** Galaxy tags no relationship attached to anything: they describe the whole import. */
  unusedGalaxyTags(): string[] {
    return [...this.#galaxyTags.values()].filter((e) => !e.used).flatMap((e) => e.names);
  }
}
