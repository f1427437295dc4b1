/**
 * Office documents are zip packages of XML parts: OOXML (docx, pptx, xlsx,
 * found through their `_rels/*.rels` relationships) and ODF (odt, ods, with
 * a fixed `content.xml`). Reading is bounded: at most DOCUMENT_BUDGET bytes
 * are inflated for one document, whatever its parts claim, and at most
 * MAX_DOCUMENT_ELEMENTS elements are parsed from them (budgets.ts).
 */
import { ByteBudget, isZip, ZipArchive } from '../../_shared/archives/index.js';
import { elementBudget } from './budgets.js';
import { attr, childElements, parseXml, type XmlElement } from './xml.js';
import { DOCUMENT_MESSAGES } from './messages.js';

/** Inflated bytes one document may cost (XML is bulky; the parsed tree costs several times more). */
export const DOCUMENT_BUDGET = 96 * 1024 * 1024;

const RELS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CONTENT_TYPES_NS = 'http://schemas.openxmlformats.org/package/2006/content-types';
export const OFFICE_DOCUMENT_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument';
/** The same relationship in ISO/IEC 29500 strict documents. */
const STRICT_OFFICE_DOCUMENT_REL = 'http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument';

export interface Relationship {
  readonly id: string;
  readonly type: string;
  /** Resolved to a part name inside the package (no leading slash). */
  readonly target: string;
  readonly external: boolean;
}

export class OfficePackage {
  readonly #zip: ZipArchive;
  readonly #budget = new ByteBudget(DOCUMENT_BUDGET);
  /** Elements of every part parsed, together (a part read twice counts twice). */
  readonly #elements = elementBudget();

  private constructor(zip: ZipArchive) {
    this.#zip = zip;
  }

  /** Opens the bytes as a zip package; `kind` ("a .docx document") names the expected format in errors. */
  static async open(bytes: Uint8Array, kind: string): Promise<OfficePackage> {
    if (!isZip(bytes)) throw DOCUMENT_MESSAGES.error('notZip', { kind });
    const zip = await ZipArchive.open(bytes, {}, 'The document package');
    if (zip.encrypted) throw DOCUMENT_MESSAGES.error('encrypted');
    return new OfficePackage(zip);
  }

  has(part: string): boolean {
    return this.#zip.has(part);
  }

  async bytes(part: string): Promise<Uint8Array> {
    if (!this.#zip.has(part)) throw DOCUMENT_MESSAGES.error('noPart', { part });
    return this.#zip.read(part, { budget: this.#budget });
  }

  async xml(part: string): Promise<XmlElement> {
    return parseXml(await this.bytes(part), `The part "${part}"`, this.#elements);
  }

  /** The relationships of `part` ('' for the package itself); none when there is no .rels part. */
  async relationships(part: string): Promise<Relationship[]> {
    const slash = part.lastIndexOf('/');
    const dir = slash < 0 ? '' : part.slice(0, slash + 1);
    const relsPart = `${dir}_rels/${part.slice(slash + 1)}.rels`;
    if (!this.has(relsPart)) return [];
    const root = await this.xml(relsPart);
    return childElements(root, RELS_NS, 'Relationship').map((rel) => {
      const target = attr(rel, '', 'Target') ?? '';
      const external = attr(rel, '', 'TargetMode') === 'External';
      return {
        id: attr(rel, '', 'Id') ?? '',
        type: attr(rel, '', 'Type') ?? '',
        target: external ? target : resolvePartName(dir, target),
        external,
      };
    });
  }

  /** The main part (word/document.xml, ppt/presentation.xml, xl/workbook.xml…) and its content type. */
  async mainPart(): Promise<{ part: string; contentType: string | undefined }> {
    const rels = await this.relationships('');
    const main = rels.find((rel) => !rel.external && (rel.type === OFFICE_DOCUMENT_REL || rel.type === STRICT_OFFICE_DOCUMENT_REL));
    if (!main) throw DOCUMENT_MESSAGES.error('noMainPart');
    return { part: main.target, contentType: await this.contentType(main.target) };
  }

  async contentType(part: string): Promise<string | undefined> {
    if (!this.has('[Content_Types].xml')) return undefined;
    const root = await this.xml('[Content_Types].xml');
    const override = childElements(root, CONTENT_TYPES_NS, 'Override').find(
      (entry) => (attr(entry, '', 'PartName') ?? '').replace(/^\//, '').toLowerCase() === part.toLowerCase(),
    );
    if (override) return attr(override, '', 'ContentType');
    const extension = part.slice(part.lastIndexOf('.') + 1).toLowerCase();
    const byDefault = childElements(root, CONTENT_TYPES_NS, 'Default').find((entry) => (attr(entry, '', 'Extension') ?? '').toLowerCase() === extension);
    return byDefault ? attr(byDefault, '', 'ContentType') : undefined;
  }
}

/** Resolves a relationship target against the source part's folder (`../` allowed, `/` from the root). */
export function resolvePartName(dir: string, target: string): string {
  const path = target.startsWith('/') ? target.slice(1) : dir + target;
  const parts: string[] = [];
  for (const segment of decodeURIComponentSafe(path).split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') parts.pop();
    else parts.push(segment);
  }
  return parts.join('/');
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
