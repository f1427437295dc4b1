/**
 * The two helpers every submit module shares: the multipart body (read back
 * with the fakes' parser: order, urllib3's quoting, a file's Content-Type only
 * when given, bytes untouched) and the submitted-file reader (attachment,
 * malware-sample zip opened or kept, missing / empty / bad data, the module's
 * own words around a failure).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ModuleError } from '../../../src/base/errors.js';
import { multipartBody } from '../../../src/modules/_shared/multipart.js';
import { readSubmittedFile, type SubmittedFileOptions } from '../../../src/modules/_shared/submitted-file.js';
import { encryptedZipBase64, parseMultipart } from '../../support/multipart-parts.js';

const BINARY = Buffer.from([0, 13, 10, 45, 45, 255, 0x4d, 0x5a]);

describe('multipartBody', () => {
  test('the parts in the order given, each name and filename quoted as urllib3 does', () => {
    const { body, contentType } = multipartBody([
      { name: 'file', filename: 'a "b"\r\nc.exe', content: BINARY },
      { name: 'options', value: '{"parent": null}' },
      { name: 'typed', filename: 'x.bin', content: Buffer.from('x'), contentType: 'application/octet-stream' },
    ]);
    assert.match(contentType, /^multipart\/form-data; boundary=[0-9a-f]{32}$/);
    assert.ok(body.includes('name="file"; filename="a %22b%22%0D%0Ac.exe"\r\n\r\n'), 'no Content-Type on a file without one');
    assert.deepEqual(
      parseMultipart({ headers: { 'content-type': contentType }, rawBody: body }).map((p) => [p.name, p.filename, p.contentType, p.content]),
      [
        ['file', 'a %22b%22%0D%0Ac.exe', undefined, BINARY],
        ['options', undefined, undefined, Buffer.from('{"parent": null}')],
        ['typed', 'x.bin', 'application/octet-stream', Buffer.from('x')],
      ],
    );
  });
});

describe('readSubmittedFile', () => {
  const read = (fields: Record<string, string>, options?: SubmittedFileOptions) => readSubmittedFile({ module: 'test', ...fields }, options);
  const EICAR = Buffer.from('X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*');

  test('an attachment: its name and decoded data; no file key: undefined', async () => {
    assert.deepEqual(await read({ attachment: 'doc.pdf', data: EICAR.toString('base64') }), { type: 'attachment', filename: 'doc.pdf', content: EICAR });
    assert.equal(await read({ url: 'https://example.com/' }), undefined);
  });

  test('a malware-sample: the name before "|", unzipped with "infected" unless unzip is false', async () => {
    const zip = await encryptedZipBase64('44d88612fea8a8f36de82e1278abb02f', EICAR);
    const query = { 'malware-sample': 'eicar.com|44d88612fea8a8f36de82e1278abb02f', data: zip };
    const file = await read(query);
    assert.deepEqual([file?.type, file?.filename, Buffer.from(file!.content)], ['malware-sample', 'eicar.com', EICAR]);
    assert.deepEqual((await read(query, { unzip: false }))?.content, Buffer.from(zip, 'base64'));
  });

  test('missing, empty or bad data: clear errors; an empty data is an empty file when the module allows it', async () => {
    await assert.rejects(read({ attachment: 'x' }), { message: 'The attachment has no "data" field with its base64 content.' });
    await assert.rejects(read({ 'malware-sample': 'x|y', data: '' }), { message: 'The malware-sample has no "data" field with its base64 content.' });
    await assert.rejects(read({ attachment: 'x', data: '%%%' }), { message: 'The "data" field is not valid base64.' });
    assert.deepEqual(await read({ attachment: 'x', data: '' }, { allowEmptyData: true }), { type: 'attachment', filename: 'x', content: Buffer.alloc(0) });
  });

  test("failure puts the module's words around what went wrong", async () => {
    const failure = (reason: string, cause: ModuleError) => new ModuleError(`Unable to process submitted sample data: ${reason}`, { cause });
    const error = await read({ 'malware-sample': 'x|y', data: Buffer.from('no zip').toString('base64') }, { failure }).catch((e: unknown) => e);
    assert.ok(error instanceof ModuleError);
    assert.match(error.message, /^Unable to process submitted sample data: Could not extract malware sample from ZIP file: /);
    assert.ok(error.cause instanceof ModuleError && error.cause.messageId === 'sampleUnreadable');
  });
});
