/**
 * Microsoft Defender ATP advanced hunting queries (legacy `mdatp`). Without a
 * configuration it maps only the Sigma fields it knows, per table: the table
 * comes from the log source (or the Sysmon/Security EventID), and a field
 * without a mapping for that table makes the backend give up, as legacy did.
 * Legacy quirks are kept, e.g. a User value without a domain renders as
 * `I n and = ~` (its tuple was unpacked letter by letter).
 */
import type { Aggregation } from '../condition.js';
import { SigmaUnsupportedError } from '../errors.js';
import type { SigmaRule } from '../rule.js';
import type { MapListItem, MapValue, Node } from '../tree.js';
import { isMap, type YamlValue } from '../yaml-value.js';
import { isRegex, isScalar, requireSearch, type Backend } from './text.js';

/** How a field maps: a fixed expression, the User decomposition, or (target field, value mapping). */
type FieldMapping =
  | { readonly kind: 'static'; readonly text: string }
  | { readonly kind: 'user' }
  | { readonly kind: 'pair'; readonly target: string | null; readonly value: 'default' | 'logon' | 'port' };

const SAME = null;
const pair = (target: string | null, value: 'default' | 'logon' | 'port' = 'default'): FieldMapping => ({ kind: 'pair', target, value });
const USER: FieldMapping = { kind: 'user' };

/** Legacy fieldMappings: table → Sigma field → mapping (null target: the field keeps its name). */
const FIELD_MAPPINGS: ReadonlyMap<string, ReadonlyMap<string, FieldMapping>> = new Map(
  Object.entries({
    DeviceProcessEvents: {
      AccountName: pair(SAME), CommandLine: pair('ProcessCommandLine'), DeviceName: pair(SAME), EventType: pair('ActionType'),
      FileName: pair(SAME), Image: pair('FolderPath'), ImagePath: pair('FolderPath'), ImageLoaded: pair('FolderPath'),
      LogonType: pair(SAME, 'logon'), NewProcessName: pair('FolderPath'), OriginalFileName: pair('ProcessVersionInfoOriginalFileName'),
      ParentCommandLine: pair('InitiatingProcessCommandLine'), ParentName: pair('InitiatingProcessFileName'),
      ParentProcessName: pair('InitiatingProcessFileName'), ParentImage: pair('InitiatingProcessFolderPath'),
      IntegrityLevel: pair('ProcessIntegrityLevel'), SourceImage: pair('InitiatingProcessFolderPath'), TargetImage: pair('FolderPath'),
      User: USER,
    },
    DeviceEvents: {
      AccountName: pair(SAME), CommandLine: pair('ProcessCommandLine'), DestinationHostname: pair('RemoteUrl'),
      DestinationIp: pair('RemoteIP'), DestinationPort: pair('RemotePort', 'port'), EventType: pair('ActionType'), FileName: pair(SAME),
      ParentCommandLine: pair('InitiatingProcessCommandLine'), ParentProcessName: pair('InitiatingProcessParentFileName'),
      ProcessName: pair('InitiatingProcessFileName'), ServiceFileName: pair('FileName'), SourceIp: pair('LocalIP'),
      SourcePort: pair('LocalPort', 'port'), TargetFilename: pair('FolderPath'), TargetObject: pair('RegistryKey'),
      TargetImage: pair('FolderPath'), Image: pair('InitiatingProcessFolderPath'), User: USER,
    },
    DeviceRegistryEvents: {
      DataType: pair('RegistryValueType'), Details: pair('RegistryValueData'), EventType: pair('ActionType'),
      Image: pair('InitiatingProcessFolderPath'), CommandLine: pair('InitiatingProcessCommandLine'), ObjectValueName: pair('RegistryValueName'),
      ProcessName: pair('InitiatingProcessFileName'), ParentName: pair('InitiatingProcessParentFileName'),
      ParentProcessName: pair('InitiatingProcessParentFileName'), TargetObject: pair('RegistryKey'), User: USER,
    },
    DeviceFileEvents: {
      FileName: pair(SAME), OriginIp: pair('FileOriginIp'), OriginReferrer: pair('FileOriginReferrerUrl'), OriginUrl: pair('FileOriginUrl'),
      Image: pair('InitiatingProcessFolderPath'), CommandLine: pair('InitiatingProcessCommandLine'), ProcessName: pair('InitiatingProcessFileName'),
      ParentName: pair('InitiatingProcessParentFileName'), ParentProcessName: pair('InitiatingProcessParentFileName'),
      TargetFilename: pair('FolderPath'), User: USER,
    },
    DeviceNetworkEvents: {
      DestinationHostname: pair('RemoteUrl'), DestinationIp: pair('RemoteIP'), DestinationIsIpv6: { kind: 'static', text: 'RemoteIP has ":"' },
      DestinationPort: pair('RemotePort', 'port'), DeviceName: pair(SAME), EventType: pair('ActionType'), Image: pair('InitiatingProcessFolderPath'),
      CommandLine: pair('InitiatingProcessCommandLine'), Initiated: pair('RemotePort'), ProcessName: pair('InitiatingProcessFileName'),
      Protocol: pair('RemoteProtocol'), SourceIp: pair('LocalIP'), SourcePort: pair('LocalPort', 'port'), User: USER,
    },
    DeviceImageLoadEvents: {
      DeviceName: pair(SAME), EventType: pair('ActionType'), FileName: pair(SAME), Image: pair('InitiatingProcessFolderPath'),
      ImageLoaded: pair('FolderPath'), CommandLine: pair('InitiatingProcessCommandLine'), ParentProcessName: pair('InitiatingProcessParentFileName'),
      ProcessName: pair('InitiatingProcessFileName'), TargetImage: pair('FolderPath'), User: USER,
    },
  } satisfies Record<string, Record<string, FieldMapping>>).map(([table, fields]) => [table, new Map(Object.entries(fields))]),
);

/** Fields legacy dropped from every query. */
const SKIP_FIELDS: ReadonlySet<string> = new Set(['Description', '_exists_', 'FileVersion', 'Product', 'Company', 'IMPHASH']);

const LOGON_TYPES: ReadonlyMap<bigint, string> = new Map([
  [2n, 'Interactive'], [3n, 'Network'], [4n, 'Batch'], [5n, 'Service'], [7n, 'Interactive'], [8n, 'Network'], [9n, 'Interactive'],
  [10n, 'Remote interactive (RDP) logons'], [11n, 'Interactive'],
]);

/** Sysmon / Security EventIDs: the table they select and the ActionType condition they add. */
const EVENT_IDS: ReadonlyArray<{ service: string; id: bigint; table: string; condition?: string }> = [
  { service: 'sysmon', id: 1n, table: 'DeviceProcessEvents' },
  { service: 'security', id: 4688n, table: 'DeviceProcessEvents' },
  { service: 'sysmon', id: 3n, table: 'DeviceNetworkEvents' },
  { service: 'sysmon', id: 7n, table: 'DeviceImageLoadEvents' },
  { service: 'sysmon', id: 8n, table: 'DeviceEvents', condition: 'ActionType == "CreateRemoteThreadApiCall"' },
  { service: 'sysmon', id: 11n, table: 'DeviceFileEvents', condition: 'ActionType == "FileCreated"' },
  { service: 'sysmon', id: 23n, table: 'DeviceFileEvents', condition: 'ActionType == "FileDeleted"' },
  { service: 'sysmon', id: 12n, table: 'DeviceRegistryEvents' },
  { service: 'sysmon', id: 13n, table: 'DeviceRegistryEvents', condition: 'ActionType == "RegistryValueSet"' },
  { service: 'security', id: 4657n, table: 'DeviceRegistryEvents', condition: 'ActionType == "RegistryValueSet"' },
  { service: 'security', id: 4624n, table: 'DeviceLogonEvents' },
  { service: 'system', id: 7045n, table: 'DeviceEvents', condition: 'ActionType == "ServiceInstalled"' },
];

/** Log source (category, product, service) → table, in legacy's order of tests. */
function tableFor(category: YamlValue, product: YamlValue, service: YamlValue): string | undefined {
  const anyOs = product === 'windows' || product === 'linux' || product === 'macos';
  const windowsOnly = product === 'windows' && service === null;
  if (category === 'process_creation' && service === null && anyOs) return 'DeviceProcessEvents';
  if (windowsOnly && ['registry_event', 'registry_add', 'registry_delete', 'registry_set', 'registry_rename'].includes(category as string)) {
    return 'DeviceRegistryEvents';
  }
  if (category === 'file_event' && service === null && anyOs) return 'DeviceFileEvents';
  if (category === 'image_load' && windowsOnly) return 'DeviceImageLoadEvents';
  if (category === 'network_connection' && service === null && anyOs) return 'DeviceNetworkEvents';
  if (category === null && product === 'windows' && service === 'powershell') return 'DeviceEvents';
  if (category === null && product === 'windows' && service === 'security') return 'DeviceAlertEvents';
  return undefined;
}

/** Python's int() of a string (ValueError: the backend failed). */
function pyInt(text: string): bigint {
  const trimmed = text.trim();
  if (!/^[+-]?\d+(?:_\d+)*$/.test(trimmed)) throw new SigmaUnsupportedError(`'${text}' is not an integer`);
  return BigInt(trimmed.replace(/_/g, ''));
}

/** Legacy cleanValue: `"` (with an optional backslash before it) becomes `\"`; it only took strings. */
function clean(value: MapListItem | string): string {
  if (typeof value !== 'string') throw new SigmaUnsupportedError('the mdatp backend only maps string values');
  return value.replace(/(?:\\)?(")/g, '\\$1');
}

/** Legacy default_value_mapping: =~, contains/startswith/endswith, or a regex for inner wildcards. */
function defaultValueMapping(input: string): string {
  let op = '=~';
  let val = input;
  if (val.slice(1, -1).includes('*')) {
    op = 'matches regex';
    val = val.replace(/([".^$]|\\(?![*?]))/g, '\\$1').replace(/\*/g, '.*').replace(/\?/g, '.');
  } else if (val.endsWith('*') && val.startsWith('*')) {
    op = 'contains';
    val = clean(val.slice(1, -1));
  } else if (val.endsWith('*')) {
    op = 'startswith';
    val = clean(val.slice(0, -1));
  } else if (val.startsWith('*')) {
    op = 'endswith';
    val = clean(val.slice(1));
  }
  if (val.includes('\\')) return `${op} @"${val.split('\\\\').join('\\')}"`;
  return `${op} "${val}"`;
}

function logonTypeMapping(src: string): string {
  const name = LOGON_TYPES.get(pyInt(src));
  if (name === undefined) throw new SigmaUnsupportedError(`Logon type ${src} unknown and can't be mapped`);
  return name;
}

/** Legacy decompose_user: DOMAIN\user into two conditions; without a backslash its one tuple was unpacked per letter. */
function decomposeUser(value: string): string {
  const match = /^([^\n]*?)\\([^\n]*)\n?$/.exec(value);
  if (match) {
    return `InitiatingProcessAccountDomain ${defaultValueMapping(match[1]!)} and InititatingProcessAccountName ${defaultValueMapping(match[2]!)}`;
  }
  const mapped = defaultValueMapping(value);
  return `I n and ${mapped[0]} ${mapped[1]}`;
}

export class MdatpBackend implements Backend {
  readonly #results: string[] = [];
  #tables: string[] = [];
  /** Legacy kept the current table on the backend: a rule without one reuses the previous rule's. */
  #currentTable = '';
  /** A PowerShell rule switched OR to ', ' for the rest of the file. */
  #orToken = ' or ';
  #product: YamlValue = null;
  #service: YamlValue = null;

  generate(rule: SigmaRule): string {
    this.#tables = [];
    let category: YamlValue = null;
    this.#product = null;
    this.#service = null;
    const logsource = rule.yaml['logsource'];
    if (logsource !== undefined) {
      if (!isMap(logsource)) throw new SigmaUnsupportedError('the mdatp backend needs the logsource as a map');
      category = logsource['category'] ?? null;
      this.#product = logsource['product'] ?? null;
      this.#service = logsource['service'] ?? null;
    }
    const table = tableFor(category, this.#product, this.#service);
    if (table) {
      this.#tables.push(table);
      this.#currentTable = table;
      if (table === 'DeviceEvents') this.#orToken = ', ';
    }
    if (rule.conditions.length > 1) throw new SigmaUnsupportedError("this backend doesn't support multiple conditions");
    const condition = rule.conditions[0]!;
    let query = this.#node(requireSearch(condition));
    if (condition.aggregation) {
      if (query === undefined) throw new SigmaUnsupportedError('the condition selects nothing this backend can express');
      query += aggregation(condition.aggregation);
    }
    const result = this.#before() + (query ?? '');
    this.#results.push(result);
    return result;
  }

  finalize(): string | undefined {
    return this.#results.length > 0 ? this.#results.join('\n') : undefined;
  }

  #before(): string {
    if (this.#tables.length === 0) throw new SigmaUnsupportedError('No MDATP table could be determined from Sigma rule');
    const powershell = this.#service === 'powershell';
    const command = " | where tostring(extractjson('$.Command', AdditionalFields)) in~ ";
    if (this.#tables.length === 1) {
      // Legacy formatted the table list itself here: ['DeviceEvents'].
      if (this.#tables[0] === 'DeviceEvents' && powershell) return `['DeviceEvents']${command}`;
      return `${this.#tables[0]} | where `;
    }
    const union = `union ${this.#tables.join(', ')}`;
    return this.#tables.includes('DeviceEvents') && powershell ? union + command : `${union} | where `;
  }

  #node(node: Node): string | undefined {
    switch (node.kind) {
      case 'and':
        return this.#and(node.items);
      case 'or':
        return this.#or(node.items.map((item) => this.#node(item)));
      case 'not': {
        const generated = this.#node(node.item);
        return generated === undefined ? undefined : `not ${generated}`;
      }
      case 'null':
        return `isnull(${node.field})`;
      case 'notnull':
        return `isnotnull(${node.field})`;
      case 'sub': {
        const generated = this.#node(node.item);
        return generated ? `(${generated})` : undefined;
      }
      case 'value':
        return `"${clean(node.value.toString())}"`;
      case 'map':
        return this.#mapItem(node.field, node.value);
    }
  }

  /** Only the first ActionType condition of an AND is kept. */
  #and(items: readonly Node[]): string | undefined {
    const filtered: string[] = [];
    for (const generated of items.map((item) => this.#node(item))) {
      if (generated && generated.startsWith('ActionType')) {
        if (!filtered.some((f) => f.startsWith('ActionType'))) filtered.push(generated);
      } else if (generated !== undefined) filtered.push(generated);
    }
    return filtered.length > 0 ? filtered.join(' and ') : undefined;
  }

  #or(generated: ReadonlyArray<string | undefined>): string | undefined {
    const filtered = generated.filter((g): g is string => g !== undefined);
    return filtered.length > 0 ? filtered.join(this.#orToken) : undefined;
  }

  #mapItem(field: string, value: MapValue): string | undefined {
    const bare = field.includes('.keyword') ? field.split('.keyword')[0]! : field;
    if (SKIP_FIELDS.has(bare)) return undefined;
    if (field === 'EventID') {
      if (isScalar(value)) return this.#mapEventId(typeof value === 'string' ? pyInt(value) : value);
      if (Array.isArray(value)) {
        const payload = (value as readonly MapListItem[]).map((id) => this.#mapEventId(id)).filter((r): r is string => Boolean(r));
        if (payload.length === 1) return payload[0];
        if (payload.length === 0) return undefined;
        return `(${this.#or((value as readonly MapListItem[]).map((id) => this.#mapItem(field, id as MapValue))) ?? 'None'})`;
      }
    }
    if (Array.isArray(value)) {
      const cleaned = (value as readonly MapListItem[]).map(clean);
      return `(${this.#or(cleaned.map((v) => this.#mapItem(field, v))) ?? 'None'})`;
    }
    if (isScalar(value)) {
      const mapping = this.#mapping(field);
      if (mapping.kind === 'static') return mapping.text;
      if (mapping.kind === 'user') return decomposeUser(clean(value));
      const target = mapping.target ?? clean(field);
      const cleaned = clean(value);
      const mapped = mapping.value === 'logon' ? logonTypeMapping(cleaned) : mapping.value === 'port' ? `== "${cleaned}"` : defaultValueMapping(cleaned);
      return `${target} ${mapped}`;
    }
    if (isRegex(value)) {
      this.#mapping(field);
      throw new SigmaUnsupportedError("Type modifier 're' is not supported by backend");
    }
    if (value === null) return `isnull(${field})`;
    throw new SigmaUnsupportedError(`Backend does not support map values of type ${(value as { type: string }).type}`);
  }

  #mapping(field: string): FieldMapping {
    const mapping = FIELD_MAPPINGS.get(this.#currentTable)?.get(field);
    if (!mapping) throw new SigmaUnsupportedError(`No mapping defined for field '${field}' in [${this.#tables.map((t) => `'${t}'`).join(', ')}]`);
    return mapping;
  }

  /** An EventID selects a table (and maybe an ActionType condition) instead of being searched. */
  #mapEventId(id: MapListItem): string | undefined {
    if (this.#product !== 'windows') return undefined;
    const known = EVENT_IDS.find((e) => e.service === this.#service && typeof id === 'bigint' && e.id === id);
    if (known) {
      this.#tables.push(known.table);
      this.#currentTable = known.table;
      return known.condition;
    }
    if (this.#tables.length === 0) throw new SigmaUnsupportedError('No sysmon Event ID provided');
    throw new SigmaUnsupportedError(`No mapping for Event ID ${typeof id === 'object' ? id.type : id}`);
  }
}

function aggregation(agg: Aggregation): string {
  if (agg.func === 'near') throw new SigmaUnsupportedError("The 'near' aggregation operator is not yet implemented for this backend");
  const compare = ` | where val ${agg.operator ?? ''} ${agg.value ?? ''}`;
  const func = agg.func === 'count' && agg.field !== undefined ? 'dcount' : agg.func;
  if (agg.groupField === undefined) {
    if (agg.func === 'count' && agg.field === undefined) return ` | summarize val=count()${compare}`;
    return ` | summarize val=${func}(${agg.field ?? ''}) as val${compare}`;
  }
  if (agg.func === 'count' && agg.field === undefined) return ` | summarize val=count() by ${agg.groupField}${compare}`;
  return ` | summarize val=${func}(${agg.field ?? ''}) by ${agg.groupField}${compare}`;
}
