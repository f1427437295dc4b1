/**
 * DigitalSide Threat-Intel files shaped like the real ones in
 * github.com/davidonzo/Threat-Intel (lists/latest*.txt: an 11-line "#"
 * header with "Generated at:", then one entry a line; lists/latesthashes.json:
 * `info`, `generatedAt`, `lookup` by MISP event uuid; stix2/<md5>.json: the
 * STIX 2.1 bundle of a sample), holding samples quoted in the apiosintDS
 * README and Threat-Intel lists.
 */

/** The lists' date (Rome time, summer: upstream prints it "+02:00"). */
export const GENERATED_AT = '2024-04-01 08:10:52';
export const LIST_DATE = '2024-04-01 08:10:52+02:00';

/** A sample: its hashes, the uuid of its MISP event (the lookup key) and where it was downloaded from. */
export interface Sample {
  key: string;
  md5: string;
  sha1: string;
  sha256: string;
  url: string[];
}

/** The sample the README's hash example finds (plugmanzx.exe). */
export const PLUGMANZX: Sample = {
  key: 'd6146389-4294-4a41-b4ca-6e74c74b7f8b',
  md5: '7cb796c875cccc9233d82854a4e2fdf0',
  sha1: '158514acfa87d0b99e2af07a28004480bbf66e83',
  sha256: '49e64d72d5ed4fb7967da4b6851d94cdceffe4ba0316587767a13901fe580239',
  url: ['http://185.246.220.60/plugmanzx.exe'],
};

/** The two samples the README's monke.re example lists. */
export const MONKE_ARM7: Sample = {
  key: 'f83d06e6-aa2f-452e-a19d-59d40e874355',
  md5: '318323c9da34bf25833f7da32eab23d6',
  sha1: 'e2bb927b08ebcbaad8f304d02309af776312c9bf',
  sha256: 'bb1f9e108daa389e62b79067d1cdbef548f9934c9cc85a92565da7063cf36f89',
  url: ['http://monke.re/arm7'],
};

export const MONKE_MIPS: Sample = {
  key: 'd01c2ad1-0e2c-4b26-9725-f8a86025bd75',
  md5: '579081f528d9279a87b298b9838c377b',
  sha1: '45048073aad5997881dffe41e32f9b17beb1c2e1',
  sha256: '8186a1d140631e6391978c08c35e01efb58963f65a86fddf7dec44eec7681c6b',
  url: ['http://monke.re/mips'],
};

/** A sample seen at two URLs (latesthashes.json's first entry), neither in the URL list. */
export const PS_SAMPLE: Sample = {
  key: '55f50204-bfef-4058-904b-465e95b941cd',
  md5: '946689ba1b22d457be06d95731fcbcac',
  sha1: 'e998494f91b08b52b28fe3304e9322962e3d1b58',
  sha256: '14779e087a764063d260cafa5c2b93d7ed5e0d19783eeaea6abb12d17561949a',
  url: ['http://64.226.114.30/ps', 'http://91.92.254.172/ps'],
};

/** The sample of the STIX report below (crypted.exe). */
export const CRYPTED: Sample = {
  key: '2cfee480-f6a0-4b29-a1b8-77f90fa2cbed',
  md5: '0035b4c88aab20d9887ef58facbb36d6',
  sha1: '1a2be527b223ae859891013db6b528b4a74ce00d',
  sha256: '4b96a2bc629d40819ad85f26579a704999ca4e9d544ee83e7e89752c7279891f',
  url: ['http://91.92.254.172/crypted.exe'],
};

export const SAMPLES = [PS_SAMPLE, PLUGMANZX, MONKE_ARM7, MONKE_MIPS, CRYPTED];

/** Listed, but latesthashes.json has no sample for it. */
export const URL_WITHOUT_SAMPLE = 'http://107.172.142.122/armv4l';

export const URLS = [
  'http://100.12.37.7:19162/.i',
  'http://101.99.91.111/bin_AhyhTrkujH69.bin',
  URL_WITHOUT_SAMPLE,
  'http://185.246.220.60/plugmanzx.exe',
  'http://193.35.18.147/bins/k.arm',
  'http://monke.re/arm7',
  'http://monke.re/mips',
];

export const IPS = ['100.12.37.7', '101.99.91.111', '107.172.142.122', '185.246.220.60', '193.35.18.147'];

export const DOMAINS = ['monke.re', 'dl.dropboxusercontent.com.malware-drop.ru'];

const pad = (line: string): string => `${line.padEnd(70)}#`;

/** A latest*.txt list: the real header, then the entries. */
export function textList(what: 'IPs' | 'URLs' | 'domains', entries: readonly string[], generatedAt = GENERATED_AT): string {
  const rule = '#'.repeat(71);
  return [
    rule,
    pad(`# The list contains uniques ${what} collected over`),
    pad('# the last 7 days by OSINT.digitalside.it'),
    '# The list is released without any warranty to the end users.         #',
    pad('# INFO: info@digitalside.it'),
    pad('# PGP key ID: 30B31BDA'),
    '# PGP fingerprint: 0B4C F801 E8FF E9A3 A602  D2C7 9C36 93B2 30B3 1BDA #',
    pad('# Every link reported should be considered harmefull and should'),
    pad('# result in an unwanted malware download. Use this file carrefully'),
    pad(`# Generated at: ${generatedAt}`),
    rule,
    ...entries,
    '',
  ].join('\n');
}

/** latesthashes.json. */
export function hashList(samples: readonly Sample[] = SAMPLES, generatedAt = GENERATED_AT): string {
  const lookup = Object.fromEntries(samples.map(({ key, ...sample }) => [key, sample]));
  const info = [
    '#######################################################################',
    '# The list contains a lookup table between network indicators and     #',
    '# file hashes collected in the latest 7 days by OSINT.digitalside.it  #',
    '# The list is released without any warranty to the end users.         #',
    '# INFO: info@digitalside.it                                           #',
    '# PGP key ID: 30B31BDA                                                #',
    '# PGP fingerprint: 0B4C F801 E8FF E9A3 A602  D2C7 9C36 93B2 30B3 1BDA #',
    '# Every link reported should be considered harmefull and should       #',
    '# result in an unwanted malware download. Use this file carrefully    #',
    '#######################################################################',
  ];
  return JSON.stringify({ info, generatedAt, lookup }, null, 4);
}

/** The files of lists/, by name. */
export const LISTS: Record<string, string> = {
  'latesturls.txt': textList('URLs', URLS),
  'latestips.txt': textList('IPs', IPS),
  'latestdomains.txt': textList('domains', DOMAINS),
  'latesthashes.json': hashList(),
};

/** stix2/0035b4c88aab20d9887ef58facbb36d6.json from the repository (trimmed of its indicators and relationships). */
export function stixReport(lastSeen = '2023-06-05T05:59:02Z'): string {
  const identity = 'identity--9fa9e87c-4c07-4376-96b1-7dbe0ba5b8a6';
  return JSON.stringify({
    type: 'bundle',
    id: 'bundle--0000c0b1-5fff-4592-9cbf-985514a91904',
    objects: [
      {
        type: 'identity', spec_version: '2.1', id: identity, created: '2018-09-23T12:10:00.000Z', modified: '2022-09-23T12:10:00.000Z',
        name: 'DIGITALSIDE.IT', description: 'DigitalSide Threat-Intel - Just another OSINT hub', identity_class: 'organization',
        contact_information: 'info@digitalside.it',
        external_references: [{ source_name: 'website', description: 'DigitalSide Threat-Intel Repository', url: 'https://osint.digitalside.it' }],
      },
      {
        type: 'marking-definition', spec_version: '2.1', id: 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9',
        created: '2017-01-20T00:00:00.000Z', definition_type: 'tlp', definition: { tlp: 'white' },
      },
      {
        type: 'malware', spec_version: '2.1', id: 'malware--466c5a47-ec2b-4aa3-839b-36cf908ad1ea', created_by_ref: identity,
        created: '2023-06-05T05:59:02.000Z', modified: '2023-06-05T05:59:02.000Z', is_family: false,
        first_seen: '2023-06-05T05:59:02Z', last_seen: lastSeen,
        external_references: [
          { source_name: 'url', description: 'Online report available until 2023-06-12 05:59:02', url: `https://osint.digitalside.it/report/${CRYPTED.md5}.html` },
          { source_name: 'url', description: 'Virus Total detection ratio 59/71', url: `https://www.virustotal.com/gui/file/${CRYPTED.sha256}/detection` },
        ],
      },
      {
        type: 'file', spec_version: '2.1', id: 'file--1405cd55-981e-5ed5-8ebc-a2a5260f4df3',
        hashes: { MD5: CRYPTED.md5, 'SHA-1': CRYPTED.sha1, 'SHA-256': CRYPTED.sha256 }, size: 1155584, name: 'crypted.exe', mime_type: 'application/x-dosexec',
      },
      {
        type: 'observed-data', spec_version: '2.1', id: 'observed-data--c84431f5-754c-49b2-ab24-68eb08c66a8e', created_by_ref: identity,
        created: '2023-06-05T05:59:02.000Z', modified: '2023-06-05T05:59:02.000Z', first_observed: '2023-06-05T05:59:02Z',
        last_observed: '2023-06-05T05:59:02Z', number_observed: 1, object_refs: ['file--1405cd55-981e-5ed5-8ebc-a2a5260f4df3'],
      },
      {
        type: 'report', spec_version: '2.1', id: 'report--d80e237b-7a60-4d81-a2f7-1e49e5d28c83', created_by_ref: identity,
        created: '2023-06-05T05:59:02.000Z', modified: '2023-06-05T05:59:02.000Z', name: `DigitalSide Malware report: MD5: ${CRYPTED.md5}`,
        published: '2023-06-05T05:59:02Z',
        object_refs: ['malware--466c5a47-ec2b-4aa3-839b-36cf908ad1ea', 'file--1405cd55-981e-5ed5-8ebc-a2a5260f4df3', 'observed-data--c84431f5-754c-49b2-ab24-68eb08c66a8e'],
        object_marking_refs: ['marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9'],
      },
    ],
  });
}
