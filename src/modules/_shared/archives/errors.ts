/**
 * Errors the archive helpers raise. They are user-facing (a bad upload, not
 * a bug), so they extend ModuleError: a module may let them through as they
 * are or wrap them with its own context.
 */
import { ModuleError } from '../../../base/errors.js';

/** The bytes are not an archive of the expected kind, or it is truncated or corrupt. */
export class ArchiveError extends ModuleError {}

/** An encrypted entry and no password (or no right one). */
export class ArchivePasswordError extends ArchiveError {}

/** Decoding would exceed the size or entry-count cap (zip bombs and the like). */
export class ArchiveLimitError extends ArchiveError {}
