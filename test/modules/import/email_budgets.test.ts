/**
 * Issue 13, item 7 (e-mail): 3,000 nested multiparts in 210 KB filled a
 * worker's 1 GB heap; 50,000 parts in 9.6 MB built a 138 MB answer. Both
 * are now errors naming the budget, and the same server keeps serving.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import mod from '../../../src/modules/import/email_import.js';
import { MAX_HEADER_LINES, MAX_MIME_DEPTH, MAX_MIME_PARTS } from '../../../src/modules/import/_email/mime.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { deeplyNestedEmail, wideEmail } from '../../support/hostile-inputs.js';

let t: TestServer;
before(async () => {
  t = await startTestServer({ builtins: [mod] });
});
after(() => t.close());

const importMail = (data: Buffer) => t.query({ module: 'email_import', event_id: '7', config: {}, data: data.toString('base64'), filename: 'mail.eml' });
const n = (value: number) => value.toLocaleString('en-US');

async function stillServing(): Promise<void> {
  assert.equal((await t.get('/healthcheck')).text, '{"status":true}');
  const answer: any = await importMail(Buffer.from('From: a@example.org\r\nSubject: fine\r\n\r\nhello\r\n'));
  assert.equal(answer.error, undefined, answer.error);
  assert.equal(answer.results.Object[0].name, 'email');
}

describe('email_import budgets', () => {
  test('3,000 nested multiparts (210 KB): an error naming the depth budget, the server still serving', async () => {
    const mail = deeplyNestedEmail(3000);
    assert.ok(mail.length < 250_000);
    assert.deepEqual(await importMail(mail), { error: `The e-mail holds more than ${MAX_MIME_DEPTH} levels of nested multiparts, the resource budget for one e-mail on this server.` });
    await stillServing();
  });

  test('nesting within the budget is read to the innermost part', async () => {
    const answer: any = await importMail(deeplyNestedEmail(MAX_MIME_DEPTH - 1));
    assert.equal(answer.error, undefined, answer.error);
    const email = answer.results.Object.find((o: any) => o.name === 'email');
    assert.ok(email.Attribute.some((a: any) => a.object_relation === 'email-body' && a.value.includes('deepest')));
  });

  test('50,000 parts (9.6 MB): an error naming the part budget, the server still serving', async () => {
    const mail = wideEmail(50_000);
    assert.ok(mail.length > 9_000_000);
    assert.deepEqual(await importMail(mail), { error: `The e-mail holds more than ${n(MAX_MIME_PARTS)} MIME parts, the resource budget for one e-mail on this server.` });
    await stillServing();
  });

  test('a million header lines: an error naming the header budget', async () => {
    const mail = Buffer.from(`From: a@example.org\r\n${'X-A: 1\r\n'.repeat(1_000_000)}\r\nbody\r\n`);
    assert.deepEqual(await importMail(mail), { error: `The e-mail holds more than ${n(MAX_HEADER_LINES)} header lines, the resource budget for one e-mail on this server.` });
    await stillServing();
  });
});
