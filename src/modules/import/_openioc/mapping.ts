/**
 * OpenIOC search terms → MISP attribute types (PyMISP's `pymisp/tools/openioc.py`
 * tables, kept as they are). Terms are matched ignoring case.
 */
import type { AttributeType } from '../../../misp/attribute-types.js';
import type { Category } from '../../../misp/types.js';

export interface IocMapping {
  readonly type: AttributeType;
  readonly category?: Category;
  /** Says what the value is ("PE SectionName."). */
  readonly comment?: string;
}

type Table = ReadonlyArray<readonly [search: string, mapping: IocMapping]>;

/** One IndicatorItem, by its Context `search` (for RouteEntryItem/Destination: search + '/' + Content type). */
export const IOC_MAPPING: Table = [
  ['CookieHistoryItem/HostName', { type: 'hostname', comment: 'CookieHistory.' }],
  ['DriverItem/DriverName', { type: 'other', category: 'Artifacts dropped', comment: 'DriverName.' }],
  ['DriverItem/CertificateIssuer', { type: 'other', category: 'Artifacts dropped', comment: 'DriverCertificateIssuer.' }],
  ['DriverItem/DeviceItem/AttachedDeviceName', { type: 'other', category: 'Artifacts dropped', comment: 'DriverDeviceName. ' }],
  ['DnsEntryItem/Host', { type: 'domain' }],
  ['DnsEntryItem/RecordName', { type: 'domain' }],
  ['Email/To', { type: 'target-email' }],
  ['Email/Date', { type: 'comment', comment: 'EmailDate.' }],
  ['Email/Body', { type: 'email-subject' }],
  ['Email/From', { type: 'email-dst' }],
  ['Email/Subject', { type: 'email-subject' }],
  ['Email/Attachment/Name', { type: 'email-attachment' }],
  ['FileItem/Md5sum', { type: 'md5' }],
  ['FileItem/Sha1sum', { type: 'sha1' }],
  ['FileItem/FileName', { type: 'filename' }],
  ['FileItem/FullPath', { type: 'filename' }],
  ['FileItem/FilePath', { type: 'filename' }],
  ['FileItem/Sha256sum', { type: 'sha256' }],
  ['FileItem/DevicePath', { type: 'comment', comment: 'DevicePath. ' }],
  ['FileItem/SizeInBytes', { type: 'size-in-bytes' }],
  ['FileItem/PEInfo/Type', { type: 'comment', comment: 'PE Type. ' }],
  ['FileItem/FileExtension', { type: 'comment', comment: 'FileExtension. ' }],
  ['FileItem/FilenameCreated', { type: 'filename', comment: 'FilenameCreated. ' }],
  ['FileItem/StringList/string', { type: 'pattern-in-file', comment: 'string list. ' }],
  ['FileItem/PEInfo/PETimeStamp', { type: 'pattern-in-file', comment: 'PE TimeStamp. ' }],
  ['FileItem/PEInfo/Exports/DllName', { type: 'pattern-in-memory', comment: 'PE export DllName. ' }],
  ['FileItem/PEInfo/Sections/Section/Name', { type: 'pattern-in-memory', comment: 'PE SectionName. ' }],
  ['FileItem/PEInfo/DetectedAnomalies/string', { type: 'pattern-in-file', comment: 'PE DEtected AnomaliesString. ' }],
  ['FileItem/PEInfo/Exports/NumberOfFunctions', { type: 'pattern-in-file', comment: 'PE Export NumberOfFunctions. ' }],
  ['FileItem/PEInfo/ImportedModules/Module/Name', { type: 'pattern-in-file', comment: 'PE ImportedModulesName. ' }],
  ['FileItem/PEInfo/DigitalSignature/Description', { type: 'comment', comment: 'PE DigitalSignatureDescription. ' }],
  ['FileItem/PEInfo/DigitalSignature/SignatureExists', { type: 'comment', comment: 'PE SignatureExists. ' }],
  ['FileItem/PEInfo/Exports/ExportedFunctions/string', { type: 'comment', comment: 'PE ExportedFunctions. ' }],
  ['FileItem/PEInfo/DigitalSignature/CertificateIssuer', { type: 'comment', comment: 'PE SignatureCertificateIssuer. ' }],
  ['FileItem/PEInfo/DigitalSignature/SignatureVerified', { type: 'comment', comment: 'PE SignatureVerified. ' }],
  ['FileItem/PEInfo/DigitalSignature/CertificateSubject', { type: 'other', comment: 'PE CertificateDigitalSignatureSubject. ' }],
  ['FileItem/PEInfo/ResourceInfoList/ResourceInfoItem/Name', { type: 'comment', comment: 'PE ResourceName. ' }],
  ['FileItem/PEInfo/ResourceInfoList/ResourceInfoItem/Type', { type: 'comment', comment: 'PE ResourceType. ' }],
  ['FileItem/PEInfo/VersionInfoList/VersionInfoItem/Language', { type: 'pattern-in-file', comment: 'PE LanguageVersion. ' }],
  ['FileItem/PEInfo/ResourceInfoList/ResourceInfoItem/Language', { type: 'pattern-in-file', comment: 'PE LanguageResource. ' }],
  ['FileItem/PEInfo/VersionInfoList/VersionInfoItem/CompanyName', { type: 'pattern-in-file', comment: 'PE versionInfo CompanyName. ' }],
  ['FileItem/PEInfo/VersionInfoList/VersionInfoItem/FileVersion', { type: 'pattern-in-file', comment: 'PE Version. ' }],
  ['FileItem/PEInfo/VersionInfoList/VersionInfoItem/ProductName', { type: 'pattern-in-file', comment: 'PE ProductName. ' }],
  ['FileItem/PEInfo/VersionInfoList/VersionInfoItem/InternalName', { type: 'pattern-in-file', comment: 'PE InternalName. ' }],
  ['FileItem/PEInfo/VersionInfoList/VersionInfoItem/LegalCopyright', { type: 'pattern-in-file', comment: 'PE LegalCopyright. ' }],
  ['FileItem/PEInfo/VersionInfoList/VersionInfoItem/ProductVersion', { type: 'pattern-in-file', comment: 'PE ProductVersion. ' }],
  ['FileItem/PEInfo/VersionInfoList/VersionInfoItem/FileDescription', { type: 'comment', comment: 'PE FileDescription .' }],
  ['FileItem/PEInfo/ImportedModules/Module/ImportedFunctions/string', { type: 'pattern-in-file', comment: 'PE ImportedModules. ' }],
  ['FileItem/PEInfo/VersionInfoList/VersionInfoItem/OriginalFilename', { type: 'pattern-in-file', comment: 'OriginalFilename of PE. ' }],
  ['FormHistoryItem/HostName', { type: 'hostname', comment: 'FormHistory. ' }],
  ['Network/URI', { type: 'uri' }],
  ['Network/DNS', { type: 'domain' }],
  ['Network/String', { type: 'url' }],
  ['Network/IPRange', { type: 'ip-dst' }],
  ['Network/UserAgent', { type: 'user-agent' }],
  ['PortItem/localIP', { type: 'ip-src' }],
  ['PortItem/remoteIP', { type: 'ip-dst' }],
  ['PortItem/remotePort', { type: 'pattern-in-traffic', comment: 'RemotePort. ' }],
  ['ProcessItem/name', { type: 'pattern-in-memory', comment: 'ProcessName. ' }],
  ['ProcessItem/path', { type: 'pattern-in-memory', comment: 'ProcessPath. ' }],
  ['ProcessItem/Mutex', { type: 'mutex', comment: 'mutex' }],
  ['ProcessItem/arguments', { type: 'pattern-in-memory', comment: 'ProcessArguments. ' }],
  ['ProcessItem/NamedPipe', { type: 'named pipe' }],
  ['ProcessItem/Pipe/Name', { type: 'named pipe' }],
  ['ProcessItem/Mutex/Name', { type: 'mutex', comment: 'MutexName. ' }],
  ['ProcessItem/Event/Name', { type: 'pattern-in-memory', comment: 'ProcessEventName. ' }],
  ['ProcessItem/StringList/string', { type: 'pattern-in-memory', comment: 'StringlistName. ' }],
  ['ProcessItem/HandleList/Handle/Name', { type: 'pattern-in-memory', comment: 'ProcessHandleListName' }],
  ['ProcessItem/HandleList/Handle/Type', { type: 'pattern-in-memory', comment: 'ProcessHandleType' }],
  ['ProcessItem/SectionList/MemorySection/Name', { type: 'pattern-in-memory', comment: 'ProcessSectionMemoryName' }],
  ['ProcessItem/SectionList/MemorySection/PEInfo/Exports/DllName', { type: 'pattern-in-memory', comment: 'ProcessMemoryPEExportsDllName' }],
  ['ProcessItem/SectionList/MemorySection/PEInfo/Sections/Section/Name', { type: 'pattern-in-memory', comment: 'Section name from PE in process memory section' }],
  ['RegistryItem/Text', { type: 'regkey', comment: 'RegistryText. ' }],
  ['RegistryItem/Path', { type: 'regkey', comment: 'RegistryPath. ' }],
  ['RegistryItem/Value', { type: 'regkey', comment: 'RegistryValue. ' }],
  ['RegistryItem/KeyPath', { type: 'regkey', comment: 'RegistryKeyPath. ' }],
  ['RegistryItem/ValueName', { type: 'regkey', comment: 'RegistryValueName. ' }],
  ['RouteEntryItem/Destination', { type: 'ip-dst' }],
  ['RouteEntryItem/Destination/IP', { type: 'ip-dst', comment: 'RouteDestination. ' }],
  ['RouteEntryItem/Destination/string', { type: 'hostname', comment: 'RouteDestination. ' }],
  ['ServiceItem/name', { type: 'windows-service-name' }],
  ['ServiceItem/type', { type: 'pattern-in-memory', comment: 'ServiceType. ' }],
  ['ServiceItem/startedAs', { type: 'pattern-in-memory', comment: 'ServiceStartedAs. ' }],
  ['ServiceItem/serviceDLL', { type: 'pattern-in-memory', comment: 'ServiceDll. ' }],
  ['ServiceItem/description', { type: 'comment', comment: 'ServiceDescription. ' }],
  ['ServiceItem/descriptiveName', { type: 'windows-service-displayname' }],
  ['ServiceItem/serviceDLLmd5sum', { type: 'md5', comment: 'ServiceDLL. ' }],
  ['ServiceItem/serviceDLLsha1sum', { type: 'sha1', comment: 'ServiceDLL. ' }],
  ['ServiceItem/serviceDLLsha256sum', { type: 'sha256', comment: 'ServiceDLL. ' }],
  ['ServiceItem/serviceDLLSignatureVerified', { type: 'pattern-in-memory', comment: 'ServiceDllSignatureVerified. ' }],
  ['Snort/Snort', { type: 'snort' }],
  ['SystemInfoItem/HostName', { type: 'hostname', comment: 'SystemInfo. ' }],
  ['TaskItem/Name', { type: 'windows-scheduled-task', comment: 'TaskName. ' }],
  ['TaskItem/sha1sum', { type: 'windows-scheduled-task', comment: 'TashSha1. ' }],
  ['TaskItem/sha256sum', { type: 'windows-scheduled-task', comment: 'TashSha256. ' }],
  ['TaskItem/AccountName', { type: 'windows-scheduled-task', comment: 'TaskAccountName' }],
  ['TaskItem/ActionList/Action/ExecProgramPath', { type: 'windows-scheduled-task', comment: 'TaskExecProgramPath. ' }],
  ['TaskItem/TriggerList/Trigger/TriggerFrequency', { type: 'windows-scheduled-task', comment: 'TaskTriggerFrequency. ' }],
  ['UrlHistoryItem/URL', { type: 'url', comment: 'UrlHistory. ' }],
  ['UrlHistoryItem/HostName', { type: 'hostname', comment: 'UrlHistory. ' }],
  ['Yara/Yara', { type: 'yara' }],
];

/** Two IndicatorItems of one AND Indicator: "search1|search2" → composite type. */
export const IOC_COMPOSITE_MAPPING: Table = [
  ['FileItem/FileName|FileItem/Md5sum', { type: 'filename|md5' }],
  ['FileItem/FileName|FileItem/Sha1sum', { type: 'filename|sha1' }],
  ['FileItem/FileName|FileItem/Sha256sum', { type: 'filename|sha256' }],
  ['Network/DNS|PortItem/remoteIP', { type: 'domain|ip' }],
  ['PortItem/remoteIP|PortItem/remotePort', { type: 'ip-dst|port' }],
  ['RegistryItem/Path|RegistryItem/Value', { type: 'regkey|value' }],
  ['RegistryItem/KeyPath|RegistryItem/Value', { type: 'regkey|value' }],
  ['RegistryItem/Path|RegistryItem/Text', { type: 'regkey|value' }],
];

function lookup(table: Table): ReadonlyMap<string, IocMapping> {
  return new Map(table.map(([search, mapping]) => [search.toLowerCase(), mapping]));
}

const SINGLE = lookup(IOC_MAPPING);
const COMPOSITE = lookup(IOC_COMPOSITE_MAPPING);

/** The mapping of a search term (PyMISP's get_mapping), ignoring case. */
export function mappingFor(search: string, composite = false): IocMapping | undefined {
  return (composite ? COMPOSITE : SINGLE).get(search.toLowerCase());
}
