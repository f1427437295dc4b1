import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { PNG } from 'pngjs';
import sigmf_expand from '../../../src/modules/expansion/sigmf_expand.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { assertValidResults } from '../assert-results.js';

const objectUuid = '0b4d2c1e-3f5a-4b6c-8d7e-9f0a1b2c3d4e';
const FFT = 1024;

/** `count` complex samples of a tone at `bin` (of 1024 bins), encoded by `write`. */
function tone(count: number, bin: number, bytesPerSample: number, write: (b: Buffer, offset: number, i: number, q: number) => void): Buffer {
  const out = Buffer.alloc(count * bytesPerSample);
  for (let n = 0; n < count; n++) {
    const phase = (2 * Math.PI * bin * n) / FFT;
    write(out, n * bytesPerSample, Math.cos(phase), Math.sin(phase));
  }
  return out;
}

const ci16 = (count: number, bin: number) =>
  tone(count, bin, 4, (b, o, i, q) => {
    b.writeInt16LE(Math.round(i * 12000), o);
    b.writeInt16LE(Math.round(q * 12000), o + 2);
  });
const cf32 = (count: number, bin: number) =>
  tone(count, bin, 8, (b, o, i, q) => {
    b.writeFloatLE(i * 0.5, o);
    b.writeFloatLE(q * 0.5, o + 4);
  });
const cu8 = (count: number, bin: number) =>
  tone(count, bin, 2, (b, o, i, q) => {
    b.writeUInt8(Math.round(127.5 + i * 100), o);
    b.writeUInt8(Math.round(127.5 + q * 100), o + 1);
  });

function meta(global: Record<string, unknown>): Buffer {
  return Buffer.from(JSON.stringify({ global: { 'core:version': '1.0.0', ...global }, captures: [{ 'core:sample_start': 0, 'core:frequency': 433.92e6 }], annotations: [] }));
}

/** A ustar archive, as the SigMF spec's .sigmf files are. */
function tar(files: Array<[string, Buffer]>): Buffer {
  const blocks: Buffer[] = [];
  for (const [name, content] of files) {
    const header = Buffer.alloc(512);
    header.write(name, 0, 'utf8');
    header.write('0000644\0', 100);
    header.write('0000000\0', 108);
    header.write('0000000\0', 116);
    header.write(content.length.toString(8).padStart(11, '0') + '\0', 124);
    header.write('14000000000\0', 136);
    header.write('        ', 148);
    header.write('0', 156);
    header.write('ustar\0' + '00', 257);
    let sum = 0;
    for (const byte of header) sum += byte;
    header.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
    blocks.push(header, content, Buffer.alloc((512 - (content.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

const attachment = (relation: string, value: string, data: Buffer) => ({ type: 'attachment', object_relation: relation, value, data: data.toString('base64') });

let t: TestServer;
before(async () => {
  t = await startTestServer({ builtins: [sigmf_expand] });
});
after(() => t.close());

const enrich = (name: string, attributes: object[]) =>
  t.query({ module: 'sigmf_expand', event_id: '12', object: { id: '7', name, uuid: objectUuid, Attribute: attributes }, config: {} });

type Obj = { name: string; template_uuid: string; Attribute: any[]; ObjectReference: any[] };

function objects(answer: Record<string, unknown>): Obj[] {
  assert.equal(answer['error'], undefined, String(answer['error']));
  assertValidResults(answer, [objectUuid]);
  const results = answer['results'] as { Object: Obj[]; Attribute?: unknown };
  assert.equal(results.Attribute, undefined);
  for (const o of results.Object) assert.deepEqual(o.ObjectReference.map((r) => [r.referenced_uuid, r.relationship_type]), [[objectUuid, 'expands']]);
  return results.Object;
}

/** The column where each row of the waterfall is brightest. */
function brightestColumns(png: PNG): number[] {
  const columns: number[] = [];
  for (let y = 0; y < png.height; y += 37) {
    let best = 0;
    let bestValue = -1;
    for (let x = 0; x < png.width; x++) {
      const p = (y * png.width + x) * 4;
      // viridis brightens from purple to yellow: red + green grows along it
      const v = png.data[p]! + png.data[p + 1]!;
      if (v > bestValue) [best, bestValue] = [x, v];
    }
    columns.push(best);
  }
  return columns;
}

function waterfallOf(object: Obj): { name: string; png: PNG; comment: string } {
  const plot = object.Attribute.find((a) => a.object_relation === 'waterfall-plot');
  assert.ok(plot, 'a waterfall-plot attribute');
  assert.equal(plot.type, 'attachment');
  return { name: plot.value, png: PNG.sync.read(Buffer.from(plot.data, 'base64')), comment: plot.comment };
}

describe('sigmf_expand', () => {
  test('a sigmf-recording becomes a sigmf-expanded-recording with its metadata and a waterfall PNG', async () => {
    const data = ci16(8 * FFT, 128);
    const metadata = meta({
      'core:datatype': 'ci16_le',
      'core:sample_rate': 2.4e6,
      'core:author': 'Analyst <analyst@example.org>',
      'core:description': 'Remote keyfob capture',
      'core:license': 'CC-BY-4.0',
      'core:num_channels': 1,
      'core:recorder': 'rtl_sdr',
      'core:sha512': createHash('sha512').update(data).digest('hex'),
    });
    const [object] = objects(await enrich('sigmf-recording', [attachment('SigMF-meta', 'keyfob.sigmf-meta', metadata), attachment('SigMF-data', 'keyfob.sigmf-data', data)]));
    assert.equal(object!.name, 'sigmf-expanded-recording');
    assert.equal(object!.template_uuid, 'f1c2c4e1-d3bf-46b1-b34d-f5e9544a4795');
    const values = Object.fromEntries(object!.Attribute.filter((a) => a.type !== 'attachment').map((a) => [a.object_relation, [a.type, a.value]]));
    assert.deepEqual(values, {
      author: ['text', 'Analyst <analyst@example.org>'],
      datatype: ['text', 'ci16_le'],
      description: ['text', 'Remote keyfob capture'],
      license: ['text', 'CC-BY-4.0'],
      num_channels: ['counter', '1'],
      recorder: ['text', 'rtl_sdr'],
      sample_rate: ['float', '2400000'],
      sha512: ['sha512', createHash('sha512').update(data).digest('hex')],
      version: ['text', '1.0.0'],
    });
    const plot = waterfallOf(object!);
    assert.equal(plot.name, 'keyfob-waterfall.png');
    assert.equal(plot.comment, 'Waterfall plot of the recording');
    assert.equal(plot.png.width, FFT);
    assert.equal(plot.png.height, 256, '8 rows of 1024 samples, stretched to a readable height');
    // A tone at bin +128 lands right of the centre after fftshift.
    assert.deepEqual(new Set(brightestColumns(plot.png)), new Set([512 + 128]));
  });

  test('complex float and unsigned 8-bit recordings; negative frequencies land left of centre', async () => {
    const float = objects(await enrich('sigmf-recording', [attachment('SigMF-meta', 'f.sigmf-meta', meta({ 'core:datatype': 'cf32_le' })), attachment('SigMF-data', 'f.sigmf-data', cf32(4 * FFT, -200))]));
    assert.deepEqual(new Set(brightestColumns(waterfallOf(float[0]!).png)), new Set([512 - 200]));
    const unsigned = objects(await enrich('sigmf-recording', [attachment('SigMF-meta', 'u.sigmf-meta', meta({ 'core:datatype': 'cu8' })), attachment('SigMF-data', 'u.sigmf-data', cu8(300 * FFT, 40))]));
    const plot = waterfallOf(unsigned[0]!).png;
    assert.equal(plot.height, 300, 'one image row per FFT row');
    assert.deepEqual(new Set(brightestColumns(plot)), new Set([512 + 40]));
  });

  test('a short recording uses a smaller FFT', async () => {
    const [object] = objects(await enrich('sigmf-recording', [attachment('SigMF-meta', 's.sigmf-meta', meta({ 'core:datatype': 'ci16_le' })), attachment('SigMF-data', 's.sigmf-data', ci16(100, 0))]));
    const plot = waterfallOf(object!).png;
    assert.equal(plot.width, 256);
  });

  test('a sigmf-archive becomes one sigmf-recording per recording it holds', async () => {
    const dataA = ci16(2 * FFT, 10);
    const dataB = cf32(FFT, 20);
    const metaA = meta({ 'core:datatype': 'ci16_le' });
    const metaB = meta({ 'core:datatype': 'cf32_le' });
    const archive = tar([
      ['capture/a.sigmf-meta', metaA],
      ['capture/a.sigmf-data', dataA],
      ['capture/b.sigmf-meta', metaB],
      ['capture/b.sigmf-data', dataB],
    ]);
    const recordings = objects(await enrich('sigmf-archive', [{ type: 'text', object_relation: 'name', value: 'capture' }, attachment('SigMF-archive', 'capture.sigmf', archive)]));
    assert.deepEqual(recordings.map((o) => o.name), ['sigmf-recording', 'sigmf-recording']);
    const files = recordings.map((o) => o.Attribute.map((a) => [a.object_relation, a.value, Buffer.from(a.data, 'base64').equals(a.object_relation === 'SigMF-meta' ? (a.value.includes('/a.') ? metaA : metaB) : a.value.includes('/a.') ? dataA : dataB), a.comment]));
    assert.deepEqual(files, [
      [['SigMF-meta', 'capture/a.sigmf-meta', true, 'SigMF metadata file'], ['SigMF-data', 'capture/a.sigmf-data', true, 'SigMF data file']],
      [['SigMF-meta', 'capture/b.sigmf-meta', true, 'SigMF metadata file'], ['SigMF-data', 'capture/b.sigmf-data', true, 'SigMF data file']],
    ]);
  });

  test('a recording from an archive expands in turn', async () => {
    const data = ci16(3 * FFT, -50);
    const archive = tar([['x.sigmf-meta', meta({ 'core:datatype': 'ci16_le' })], ['x.sigmf-data', data]]);
    const [recording] = objects(await enrich('sigmf-archive', [attachment('SigMF-archive', 'x.sigmf', archive)]));
    const [expanded] = objects(await enrich('sigmf-recording', recording!.Attribute));
    assert.deepEqual(new Set(brightestColumns(waterfallOf(expanded!).png)), new Set([512 - 50]));
  });

  test('bad recordings', async () => {
    const data = ci16(FFT, 1);
    const errorOf = async (attributes: object[]) => (await enrich('sigmf-recording', attributes))['error'];
    assert.equal(await errorOf([attachment('SigMF-meta', 'm', Buffer.from('{not json')), attachment('SigMF-data', 'd', data)]), 'Provided .sigmf-meta is not a valid JSON string');
    assert.equal(
      await errorOf([attachment('SigMF-meta', 'm', meta({ 'core:datatype': 'ci16_le', 'core:sha512': 'ab'.repeat(64) })), attachment('SigMF-data', 'd', data)]),
      "Provided .sigmf-meta and .sigmf-data is not a valid SigMF file: the data does not match the metadata's core:sha512.",
    );
    assert.equal(await errorOf([attachment('SigMF-meta', 'm', Buffer.from('{"global": {"core:version": "1.0.0"}}')), attachment('SigMF-data', 'd', data)]), 'Provided .sigmf-meta and .sigmf-data is not a valid SigMF file: "global" has no core:datatype.');
    assert.equal(await errorOf([attachment('SigMF-meta', 'm', meta({ 'core:datatype': 'ci12_le' })), attachment('SigMF-data', 'd', data)]), "Could not generate plots: the datatype 'ci12_le' is not a SigMF sample format");
    assert.equal(await errorOf([attachment('SigMF-meta', 'm', meta({ 'core:datatype': 'ci16_le' })), attachment('SigMF-data', 'd', ci16(5, 0))]), 'Could not generate plots: the recording has 5 samples, fewer than the 16 a spectrogram needs');
    assert.equal(await errorOf([attachment('SigMF-meta', 'm', meta({ 'core:datatype': 'ci16_le' }))]), 'No SigMF-data attribute');
    assert.equal(await errorOf([attachment('SigMF-data', 'd', data)]), 'No SigMF-meta attribute');
  });

  test('bad archives and objects', async () => {
    const errorOf = async (attributes: object[]) => (await enrich('sigmf-archive', attributes))['error'];
    assert.equal(await errorOf([attachment('SigMF-archive', 'a.sigmf', tar([['readme.txt', Buffer.from('hi')]]))]), 'No SigMF metadata file found');
    assert.equal(await errorOf([attachment('SigMF-archive', 'a.sigmf', Buffer.from('not a tar archive at all'.repeat(40)))]), 'An error occured when processing the SigMF archive: The SigMF archive is not a tar archive.');
    assert.equal(await errorOf([{ type: 'text', object_relation: 'name', value: 'x' }]), 'No SigMF-archive attribute found');
    const wrong = await t.query({ module: 'sigmf_expand', object: { name: 'file', uuid: objectUuid, Attribute: [] } });
    assert.match(String(wrong['error']), /does not accept objects named 'file'/);
  });
});
