/**
 * The fields of an ANY.RUN task (`POST /v1/analysis`) as anyrun-sdk 1.14
 * builds them for each sandbox OS (anyrun/connectors/sandbox/
 * operation_systems/{windows,linux,android}.py): in the SDK's order, each
 * field either fixed by the SDK or read from an admin setting with the
 * SDK's default, falsy values left out as the SDK leaves them out
 * (`if value`), and `obj_type` last. Only the fields a setting or the SDK
 * can make non-empty are listed (the SDK's `opt_kernel_heavyevasion=False`,
 * `opt_auto_delete_after=''`, `task_rerun_uuid=None`, … never reach the wire).
 */

/** The sandbox OS chosen by the `os_type` setting (upstream's names). */
export type SandboxOs = 'windows' | 'ubuntu' | 'debian' | 'android';
export const SANDBOX_OSES: readonly SandboxOs[] = ['windows', 'ubuntu', 'debian', 'android'];

/** What is analysed: a file (multipart upload) or a URL opened in the browser. */
export type AnalysisObject = 'file' | 'url';

export type FieldValue = string | number | boolean;

interface Field {
  name: string;
  /** The admin setting that gives the value, when one does. */
  setting?: string;
  /** The SDK's default (with `setting`) or its fixed value (without). */
  value?: FieldValue;
}

const fromSetting = (name: string, value?: FieldValue): Field => ({ name, setting: name, ...(value !== undefined && { value }) });
const fixed = (name: string, value: FieldValue): Field => ({ name, value });

/** env_locale and the opt_network_* settings, the same on every OS. */
const LOCALE_AND_NETWORK: readonly Field[] = [
  fromSetting('env_locale', 'en-US'),
  fromSetting('opt_network_connect', true),
  fromSetting('opt_network_fakenet', false),
  fromSetting('opt_network_tor', false),
  fromSetting('opt_network_geo', 'fastest'),
  fromSetting('opt_network_mitm', false),
  fromSetting('opt_network_residential_proxy', false),
  fromSetting('opt_network_residential_proxy_geo', 'fastest'),
];

/** opt_privacy_type, opt_timeout (240 s for a file, 120 s for a URL) and the always-on automated interactivity. */
const privacyAndTimeout = (object: AnalysisObject): Field[] => [
  fromSetting('opt_privacy_type', 'bylink'),
  fromSetting('opt_timeout', object === 'file' ? 240 : 120),
  fixed('opt_automated_interactivity', true),
];

/** Windows: version, bitness and type are settings. */
function windowsFields(object: AnalysisObject): Field[] {
  const head = [
    fixed('env_os', 'windows'),
    fromSetting('env_version', '10'),
    fromSetting('env_bitness', 64),
    fromSetting('env_type', 'complete'),
    ...LOCALE_AND_NETWORK,
    ...privacyAndTimeout(object),
  ];
  if (object === 'url') {
    // Upstream drops its obj_ext_extension setting for URLs: the SDK's default goes out.
    return [...head, fromSetting('obj_ext_browser', 'Microsoft Edge'), fixed('obj_ext_extension', true)];
  }
  return [
    ...head,
    fromSetting('obj_ext_startfolder', 'temp'),
    fromSetting('obj_ext_cmd'),
    fromSetting('obj_force_elevation', false),
    fixed('auto_confirm_uac', true),
    fromSetting('obj_ext_extension', true),
  ];
}

/** Ubuntu 22.04.2 or Debian 12.2, 64-bit: the SDK fixes the environment from the distribution. */
function linuxFields(distribution: 'ubuntu' | 'debian', object: AnalysisObject): Field[] {
  const head = [
    fixed('env_os', 'linux'),
    fixed('env_version', distribution === 'ubuntu' ? '22.04.2' : '12.2'),
    fixed('env_bitness', '64'),
    fixed('env_type', 'complete'),
    ...LOCALE_AND_NETWORK,
    ...privacyAndTimeout(object),
  ];
  if (object === 'url') return [...head, fromSetting('obj_ext_browser', 'Google Chrome'), fixed('obj_ext_extension', true)];
  return [
    ...head,
    fromSetting('obj_ext_startfolder', 'temp'),
    fromSetting('obj_ext_cmd'),
    fromSetting('run_as_root', false),
    fromSetting('obj_ext_extension', true),
  ];
}

/** Android 14, 64-bit: files start from the downloads folder; no browser, extension or start-folder choice. */
function androidFields(object: AnalysisObject): Field[] {
  const head = [
    fixed('env_os', 'android'),
    fixed('env_version', '14'),
    fixed('env_bitness', '64'),
    fixed('env_type', 'complete'),
    ...LOCALE_AND_NETWORK,
    ...privacyAndTimeout(object),
  ];
  if (object === 'url') return head;
  return [...head, fixed('obj_ext_startfolder', 'downloads'), fromSetting('obj_ext_cmd')];
}

function fieldsFor(os: SandboxOs, object: AnalysisObject): Field[] {
  if (os === 'windows') return windowsFields(object);
  if (os === 'android') return androidFields(object);
  return linuxFields(os, object);
}

/**
 * The task's fields in the SDK's order, `obj_type` last: a setting that is
 * set (not empty) replaces the SDK's default; empty values and `false` are
 * left out, as the SDK does.
 */
export function analysisFields(os: SandboxOs, object: AnalysisObject, settings: Readonly<Record<string, string | undefined>>): Array<[string, FieldValue]> {
  const fields: Array<[string, FieldValue]> = [];
  for (const field of fieldsFor(os, object)) {
    const configured = field.setting === undefined ? undefined : settings[field.setting];
    const value = configured !== undefined && configured !== '' ? configured : field.value;
    if (value !== undefined && value !== '' && value !== false && value !== 0) fields.push([field.name, value]);
  }
  fields.push(['obj_type', object]);
  return fields;
}

/** A field as the SDK writes it in a multipart part: Python's `str(value)` (`True`, `64`). */
export function pythonText(value: FieldValue): string {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return String(value);
}
