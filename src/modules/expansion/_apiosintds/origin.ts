/**
 * Where the DigitalSide Threat-Intel files come from, as apiosintDS reads
 * them: the GitHub repository (raw.githubusercontent.com, falling back to
 * its mirror on osint.digitalside.it), or a local clone of it
 * (`local_directory`). Each origin reads list files, STIX reports and says
 * which online reports a sample has.
 */
import { constants } from 'node:fs';
import { access, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ModuleContext } from '../../../core/module.js';
import { statusLine } from '../../../net/index.js';
import { MESSAGES } from './messages.js';

export const PRIMARY_BASE = 'https://raw.githubusercontent.com/davidonzo/Threat-Intel/master/';
export const FALLBACK_BASE = 'https://osint.digitalside.it/Threat-Intel/';
/** Where the online reports live (upstream links them there whatever the origin). */
export const REPORTS_BASE = 'https://osint.digitalside.it';

/** The largest list accepted (latesthashes.json is about 2.5 MB). */
export const MAX_LIST_BYTES = 32 * 1024 * 1024;
/** The largest STIX report accepted (one is about 8 KB). */
export const MAX_REPORT_BYTES = 4 * 1024 * 1024;

/** The sample of a latesthashes.json entry, as the links need it. */
export interface Sample {
  /** The entry's key: the uuid of the MISP event holding it. */
  key: string;
  md5: string;
}

/** The online reports of a sample (upstream's `online_reports`). */
export interface ReportLinks {
  mispEvent?: string;
  mispCsv?: string;
  osintdsReport: string;
  stix?: string;
}

export interface ListOrigin {
  /** Names the origin in cache keys. */
  readonly id: string;
  /** Changes when a list file must be read again (the cache's version). */
  version(file: string): Promise<string>;
  /** The text of lists/<file>. */
  readList(file: string): Promise<string>;
  /** The text of the sample's STIX 2 report; undefined when it cannot be had. */
  readStixReport(md5: string): Promise<string | undefined>;
  reportLinks(sample: Sample): Promise<ReportLinks>;
}

const SAFE_NAME = /^[A-Za-z0-9-]+$/;
const MD5 = /^[0-9a-f]{32}$/;

function publicLinks(sample: Sample): Required<ReportLinks> {
  return {
    mispEvent: `${REPORTS_BASE}/Threat-Intel/digitalside-misp-feed/${sample.key}.json`,
    mispCsv: `${REPORTS_BASE}/Threat-Intel/csv/${sample.key}.csv`,
    osintdsReport: `${REPORTS_BASE}/report/${sample.md5}.html`,
    stix: `${REPORTS_BASE}/Threat-Intel/stix2/${sample.md5}.json`,
  };
}

/** A ModuleError's text without its final period, to be joined into another sentence. */
function reasonOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
}

/**
 * The repository on GitHub, then osint.digitalside.it when GitHub fails
 * (any status but 200, or a network failure). Lists are read again once
 * their period of `ttlMs` is over.
 */
export class RemoteOrigin implements ListOrigin {
  readonly id = 'remote';

  constructor(
    private readonly ctx: ModuleContext,
    private readonly ttlMs: number,
  ) {}

  version(): Promise<string> {
    return Promise.resolve(`${this.ttlMs}:${Math.floor(Date.now() / this.ttlMs)}`);
  }

  async readList(file: string): Promise<string> {
    const got = await this.download(`lists/${file}`, MAX_LIST_BYTES);
    if (typeof got === 'string') return got;
    throw MESSAGES.error('listUnavailable', { file, reasons: got.join('; ') });
  }

  async readStixReport(md5: string): Promise<string | undefined> {
    if (!MD5.test(md5)) return undefined;
    const got = await this.download(`stix2/${md5}.json`, MAX_REPORT_BYTES);
    if (typeof got === 'string') return got;
    // Reports are kept for a while only (retention): the details are left out.
    this.ctx.log.warn('apiosintds: STIX report not available, details left out', { md5, reasons: got });
    return undefined;
  }

  reportLinks(sample: Sample): Promise<ReportLinks> {
    return Promise.resolve(publicLinks(sample));
  }

  /** The file's text, or why neither host gave it. */
  private async download(file: string, maxBytes: number): Promise<string | string[]> {
    const reasons: string[] = [];
    for (const base of [PRIMARY_BASE, FALLBACK_BASE]) {
      const url = `${base}${file}`;
      try {
        // No retry on GitHub's 429/503: the mirror is the retry.
        const response = await this.ctx.http.request(url, { maxBytes, ...(base === PRIMARY_BASE && { retries: 0 }) });
        if (response.status === 200) return response.text();
        reasons.push(`${new URL(url).hostname} answered HTTP ${statusLine(response.status)}`);
      } catch (error) {
        if (this.ctx.signal.aborted) throw error;
        reasons.push(reasonOf(error));
      }
      if (base === PRIMARY_BASE) this.ctx.log.warn('apiosintds: GitHub failed, trying osint.digitalside.it', { file, reason: reasons[0] });
    }
    return reasons;
  }
}

/** A clone of the Threat-Intel repository (`local_directory`): read again when a file changes. */
export class LocalOrigin implements ListOrigin {
  readonly id: string;

  constructor(private readonly directory: string) {
    this.id = `local:${directory}`;
  }

  /** Upstream's check: the directory must be there and readable. */
  static async open(directory: string): Promise<LocalOrigin> {
    try {
      await access(directory, constants.R_OK | constants.X_OK);
      if (!(await stat(directory)).isDirectory()) throw new Error('not a directory');
    } catch {
      throw MESSAGES.error('localDirectory', { directory });
    }
    return new LocalOrigin(directory);
  }

  async version(file: string): Promise<string> {
    const info = await this.statFile(this.listPath(file));
    return `${info.size}:${info.mtimeMs}`;
  }

  async readList(file: string): Promise<string> {
    const where = this.listPath(file);
    const info = await this.statFile(where);
    if (info.size > MAX_LIST_BYTES) throw MESSAGES.error('localTooLarge', { path: where, limit: MAX_LIST_BYTES });
    try {
      return await readFile(where, 'utf8');
    } catch (error) {
      throw MESSAGES.error('localFile', { path: where, reason: fileProblem(error) });
    }
  }

  async readStixReport(md5: string): Promise<string | undefined> {
    if (!MD5.test(md5)) return undefined;
    const where = path.join(this.directory, 'stix2', `${md5}.json`);
    try {
      if ((await stat(where)).size > MAX_REPORT_BYTES) return undefined;
      return await readFile(where, 'utf8');
    } catch {
      return undefined;
    }
  }

  /** The public copy of each report the clone holds (upstream gave paths on this server). */
  async reportLinks(sample: Sample): Promise<ReportLinks> {
    const links = publicLinks(sample);
    const safeKey = SAFE_NAME.test(sample.key);
    const safeMd5 = MD5.test(sample.md5);
    const [event, csv, stix] = await Promise.all([
      safeKey && this.exists(path.join(this.directory, 'digitalside-misp-feed', `${sample.key}.json`)),
      safeKey && this.exists(path.join(this.directory, 'csv', `${sample.key}.csv`)),
      safeMd5 && this.exists(path.join(this.directory, 'stix2', `${sample.md5}.json`)),
    ]);
    return {
      ...(event && { mispEvent: links.mispEvent }),
      ...(csv && { mispCsv: links.mispCsv }),
      osintdsReport: links.osintdsReport,
      ...(stix && { stix: links.stix }),
    };
  }

  private listPath(file: string): string {
    return path.join(this.directory, 'lists', file);
  }

  private async statFile(where: string): Promise<{ size: number; mtimeMs: number }> {
    try {
      const info = await stat(where);
      if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
      return info;
    } catch (error) {
      throw MESSAGES.error('localFile', { path: where, reason: fileProblem(error) });
    }
  }

  private async exists(where: string): Promise<boolean> {
    try {
      return (await stat(where)).isFile();
    } catch {
      return false;
    }
  }
}

function fileProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'not a file';
  return code ?? 'I/O error';
}
