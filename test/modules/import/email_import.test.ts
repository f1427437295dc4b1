import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import mod from '../../../src/modules/import/email_import.js';
import { ArchiveLimitError, ByteBudget, ZipArchive } from '../../../src/modules/_shared/archives/index.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { assertValid, attribute, b64, fixture, malwareSample, objects, references, relations, sample, type Json } from './fixtures-b/helpers.js';

let t: TestServer;
before(async () => {
  t = await startTestServer({ builtins: [mod] });
});
after(() => t.close());

const ALL = { unzip_attachments: 'true', guess_zip_attachment_passwords: 'true', extract_urls: 'true', remove_subject_markers: 'true' };
const importMail = (data: Buffer | string, config: Record<string, string | null> = {}): Promise<Json> =>
  t.query({ module: 'email_import', event_id: '7', config, data: b64(data), filename: 'mail.eml' });
const email = (answer: Json): Json => objects(answer, 'email')[0]!;
const files = (answer: Json): Array<[string, string | undefined]> => objects(answer, 'file').map((o) => [relations(o).filename![0]!, o.comment]);
const EICAR = sample('EICAR.com');

/** The password-protected samples of PyMISP's e-mail tests. */
async function protectedSample(zip: string, name: string): Promise<Buffer> {
  const archive = await ZipArchive.open(sample(`email/${zip}`));
  return Buffer.from(await archive.read(name, { password: 'AVs are dumb' }));
}

describe('email_import: module and e-mail object', () => {
  test('declares a misp_standard file import whose toggles are module settings, as upstream', async () => {
    const listed = ((await t.get('/modules')).json() as Json[]).find((m) => m.name === 'email_import')!;
    assert.deepEqual(listed.mispattributes, { inputSource: ['file'], output: ['MISP objects'], format: 'misp_standard' });
    assert.deepEqual(listed.meta.config, ['unzip_attachments', 'guess_zip_attachment_passwords', 'extract_urls', 'remove_subject_markers']);
  });

  test('headers, addresses with display names, date, ids and Received hosts (upstream test headers)', async () => {
    const data = fixture('email/eicar.eml');
    const answer = await importMail(data);
    assertValid(answer);
    const r = relations(email(answer));
    assert.deepEqual(r.to, ['test@domain.com']);
    assert.deepEqual(r['to-display-name'], ['Testy Testerson']);
    assert.deepEqual(r.cc, ['second@domain.com', 'other@friend.net', 'last_one@finally.com']);
    assert.deepEqual(r['cc-display-name'], ['Second Person', 'Other Friend', 'Last One']);
    assert.deepEqual(r.from, ['IgnoreMeImInnocent@sender.com']);
    assert.deepEqual(r['from-display-name'], ['Innocent Person']);
    assert.deepEqual(r['return-path'], ['evil_spoofer@example.com']);
    // two "@" in it: Python's parser refuses it, so upstream adds no reply-to
    assert.equal(r['reply-to'], undefined);
    assert.deepEqual(r['send-date'], ['2009-02-03T20:28:13-05:00']);
    assert.deepEqual(r.subject, ['Example Message']);
    assert.deepEqual(r['message-id'], ['<4988EF2D.40804@example.com>']);
    assert.deepEqual(r['x-mailer'], ['mlx 5.1.7']);
    assert.deepEqual(r['user-agent'], ['Thunderbird 2.0.0.19 (Windows/20081209)']);
    assert.deepEqual(r['thread-index'], ['AQHSR8Us3H3SoaY1oUy9AAwZfMF922bnA9GAgAAi9s4AAGvxAA==']);
    assert.match(r['mime-boundary']![0]!, /^=+\d+==$/);
    assert.deepEqual(r['received-header-hostname'], ['abc.luxsci.com']);
    assert.deepEqual(r['received-header-ip'], ['44.44.44.44']); // 10.10.10.10 and 192.168.0.3 are private
    assert.match(attribute(email(answer), 'received-header-ip').comment, /^from \[192\.168\.0\.3\] \(verizon\.net \[44\.44\.44\.44\]\)/);
    assert.equal(attribute(email(answer), 'cc').comment, 'Second Person <second@domain.com>');
    assert.deepEqual(r['email-body'], ['I am a test e-mail']);
    assert.equal(attribute(email(answer), 'email-body').comment, 'text/plain body');
    assert.ok(r.header![0]!.includes('\nReply-To: <>\n'));
    assert.ok(r.header![0]!.startsWith('Content-Type: multipart/mixed; boundary="'));
    const eml = attribute(email(answer), 'eml');
    assert.equal(eml.value, 'Full email.eml');
    assert.deepEqual(Buffer.from(eml.data, 'base64'), data);
  });

  test('an attachment becomes a file object with hashes, MIME type, ssdeep and the file itself', async () => {
    const answer = await importMail(fixture('email/eicar.eml'));
    assertValid(answer);
    const [file] = objects(answer, 'file');
    assert.deepEqual(relations(file!), {
      filename: ['EICAR.com'],
      'size-in-bytes': ['58'],
      entropy: ['4.640236331626007'],
      md5: ['c096e193b3d7bd38f267af0bf2eafa91'],
      sha1: ['902be10b6a6c1c60fa505fb0c05514fda9bda506'],
      sha256: ['a26e5910ac0dc3a97745adfbbf7504dac7750c2e3f9e732c356a8a10d3a18ac4'],
      sha512: [relations(file!).sha512![0]!],
      'malware-sample': ['EICAR.com'],
      mimetype: ['text/plain'],
      ssdeep: ['3:a+JraNvsgzsVqSww:tJuOgzskw'],
    });
    assert.deepEqual(Buffer.from(attribute(file!, 'malware-sample').data, 'base64'), EICAR);
    assert.equal(attribute(file!, 'malware-sample').disable_correlation, true);
    // marked as PyMISP marks it: MISP zips it with the password "infected" and stores EICAR.com|<md5>
    assert.deepEqual(malwareSample(file!), { type: 'malware-sample', value: 'EICAR.com', malware_filename: 'EICAR.com', encrypt: true, bytes: EICAR });
    assert.deepEqual(references(answer, email(answer)), [['includes', 'file']]);
    assert.equal(email(answer).ObjectReference[0].comment, 'Email attachment');
  });

  test('PyMISP\'s mail_1 sample: Cyrillic headers, four public Received IPs, attachments', async () => {
    const answer = await importMail(await protectedSample('mail_1.eml.zip', 'mail_1.eml'));
    assertValid(answer);
    const r = relations(email(answer));
    assert.deepEqual(r.subject, ['письмо уведом-е']);
    assert.equal(r.to![0], 'kinney@noth.com');
    assert.deepEqual(r.from, ['suvorov.s@nalg.ru']);
    assert.deepEqual(r['from-display-name'], ['служба ФНС Даниил Суворов']);
    assert.equal(r['email-body']!.length, 1);
    assert.deepEqual(r['received-header-ip'], ['64.98.42.207', '2603:10b6:207:3d::31', '2a01:111:f400:7e49::205', '43.230.105.145']);
    assert.ok(objects(answer, 'file').length >= 1);
    for (const file of objects(answer, 'file')) {
      const { bytes, ...fields } = malwareSample(file);
      const name = relations(file).filename![0]!;
      assert.deepEqual(fields, { type: 'malware-sample', value: name, malware_filename: name, encrypt: true });
      assert.equal(String(bytes.length), relations(file)['size-in-bytes']![0]);
    }
  });

  test('a UTF-8 BOM before the headers is accepted (mail_1_bom)', async () => {
    const answer = await importMail(await protectedSample('mail_1_bom.eml.zip', 'mail_1_bom.eml'));
    assertValid(answer);
    assert.deepEqual(relations(email(answer)).subject, ['письмо уведом-е']);
  });

  test('headers only, several recipients, related content (mail_1_headers_only, mail_multiple_to, mail_3)', async () => {
    const headersOnly = await importMail(sample('email/mail_1_headers_only.eml'));
    assertValid(headersOnly);
    assert.equal(relations(email(headersOnly))['email-body'], undefined);
    assert.equal(objects(headersOnly, 'file').length, 0);

    const many = relations(email(await importMail(sample('email/mail_multiple_to.eml'))));
    // To, then Delivered-To
    assert.deepEqual(many.to, ['jan.novak@example.com', 'jan.marek@example.com', 'kinney@noth.com']);
    assert.deepEqual(many['to-display-name'], ['Novak, Jan', 'Marek, Jan']);

    const related = await importMail(sample('email/mail_3.eml'));
    assertValid(related);
    const r = relations(email(related));
    assert.deepEqual(attribute(email(related), 'email-body').comment, 'text/plain body');
    assert.equal(r['email-body']!.length, 2);
    assert.ok(r['email-body']![1]!.includes('Hello Manuel,'));
  });

  test('Outlook .msg files are converted (mail_3.msg, mail_4.msg without transport headers)', async () => {
    const msg = sample('email/mail_3.msg');
    const answer = await importMail(msg);
    assertValid(answer);
    const r = relations(email(answer));
    assert.deepEqual(r.subject, ["Testing Manuel Lemos' MIME E-mail composing and sending PHP class: HTML message"]);
    assert.deepEqual(r.from, ['mlemos@acm.org']);
    assert.deepEqual(Buffer.from(attribute(email(answer), 'msg').data, 'base64'), msg);
    assert.equal(attribute(email(answer), 'eml').comment, 'Converted from MSG format');
    assert.deepEqual(files(answer).map(([name]) => name), ['attachment.txt', 'logo.gif', 'background.gif']);

    const noHeaders = relations(email(await importMail(sample('email/mail_4.msg'))));
    assert.deepEqual(noHeaders.to, ['recipient1@example.com', 'recipient2@example.com']);
    assert.deepEqual(noHeaders.cc, ['cc1@example.com']);
    assert.deepEqual(noHeaders.subject, ['New Message!']);
  });
});

describe('email_import: zipped attachments and passwords', () => {
  test('a password found in the body opens the zip (upstream test_email_attachment_password_in_body)', async () => {
    const answer = await importMail(fixture('email/zip-password-in-body.eml'), ALL);
    assertValid(answer);
    assert.deepEqual(files(answer), [['EICAR.com', 'Extracted from EICAR.com.zip with password "STRINGS"']]);
    assert.deepEqual(Buffer.from(attribute(objects(answer, 'file')[0]!, 'malware-sample').data, 'base64'), EICAR);
  });

  test('a quoted password in the HTML body, or in the subject', async () => {
    for (const name of ['zip-password-in-html.eml', 'zip-password-in-subject.eml']) {
      const answer = await importMail(fixture(`email/${name}`), ALL);
      assertValid(answer);
      assert.deepEqual(files(answer), [['EICAR.com', 'Extracted from EICAR.com.zip with password "a long password"']], name);
    }
  });

  test('usual malware passwords, plain zips, office documents left whole, subject markers removed', async () => {
    const answer = await importMail(fixture('email/zips.eml'), ALL);
    assertValid(answer);
    assert.deepEqual(files(answer), [
      ['EICAR.com', 'Extracted from invoice.zip with password "infected"'],
      ['EICAR.com', 'Extracted from plain.zip'],
      ['report.docx', undefined],
    ]);
    assert.deepEqual(relations(objects(answer, 'file')[2]!).sha256, ['098da5381a90d4a51e6b844c18a0fecf2e364813c2f8b317cfdc51c21f2506a5']);
    assert.deepEqual(relations(email(answer)).subject, ['invoice']);
  });

  test('without password guessing the encrypted zip is kept whole (upstream dropped it); without unzipping all stay whole', async () => {
    const noGuess = await importMail(fixture('email/zips.eml'), { unzip_attachments: 'true', guess_zip_attachment_passwords: 'false' });
    assert.deepEqual(files(noGuess), [
      ['invoice.zip', 'Encrypted Zip: not extracted (guess_zip_attachment_passwords is off)'],
      ['EICAR.com', 'Extracted from plain.zip'],
      ['report.docx', undefined],
    ]);
    const whole = await importMail(fixture('email/zips.eml'), { unzip_attachments: 'false', remove_subject_markers: 'no' });
    assert.deepEqual(files(whole).map(([name]) => name), ['invoice.zip', 'plain.zip', 'report.docx']);
    assert.deepEqual(relations(email(whole)).subject, ['Re: [EXT] FW: invoice']);
  });

  test('a password that is nowhere in the message', async () => {
    const answer = await importMail(fixture('email/zip-password-in-body.eml').toString().replace('STRINGS', 'nothing'), ALL);
    assert.deepEqual(files(answer), [['EICAR.com.zip', 'Encrypted Zip: Password could not be cracked from message']]);
  });

  test('archive helpers: a decoded-size cap stops zip bombs, a wrong password is named', async () => {
    const zip = await ZipArchive.open(sample('EICAR.com.zip'));
    await assert.rejects(zip.read('EICAR.com', { budget: new ByteBudget(10) }), ArchiveLimitError);
    const encrypted = await ZipArchive.open(sample('infected.zip'));
    await assert.rejects(encrypted.read('EICAR.com', { password: 'wrong' }), /The password does not open "EICAR.com"/);
    assert.equal(await encrypted.findPassword(['a', 'b', 'infected']), 'infected');
  });
});

describe('email_import: URLs and encodings', () => {
  test('extract_urls: http(s) links of the HTML body, not mailto: or cid:', async () => {
    const answer = await importMail(fixture('email/urls.eml'), { extract_urls: 'true' });
    assertValid(answer);
    assert.deepEqual(objects(answer, 'url').map(relations), [
      { url: ['https://github.com/MISP/MISP'], host: ['github.com'], domain: ['github.com'] },
      { url: ['https://www.circl.lu/assets/files/misp-training/3.1-MISP-modules.pdf'], host: ['www.circl.lu'], domain: ['circl.lu'] },
      { url: ['http://cdn.example.org/pixel.gif?id=42&u=7'], host: ['cdn.example.org'], domain: ['example.org'] },
    ]);
    assert.deepEqual(email(answer).ObjectReference.map((r: Json) => r.comment), ['URL in email body', 'URL in email body', 'URL in email body']);
    assert.equal(objects(await importMail(fixture('email/urls.eml'))).length, 1);
  });

  test('URLs of a plain-text body keep their path', async () => {
    const mail = 'From: a@example.com\r\nSubject: links\r\n\r\nGo to https://evil.example/dl/payload.exe?x=1, or http://203.0.113.8:8080/a.\r\n';
    const answer = await importMail(mail, { extract_urls: 'yes' });
    assert.deepEqual(objects(answer, 'url').map((o) => relations(o).url![0]), ['https://evil.example/dl/payload.exe?x=1', 'http://203.0.113.8:8080/a']);
    assert.deepEqual(relations(objects(answer, 'url')[1]!).ip, ['203.0.113.8']);
  });

  test('HTML bodies in UTF-8, UTF-16 and UTF-32 (upstream test_email_body_encoding)', async () => {
    for (const encoding of ['utf-8', 'utf-16', 'utf-32']) {
      const answer = await importMail(fixture(`email/body-${encoding}.eml`));
      assertValid(answer);
      const body = attribute(email(answer), 'email-body');
      assert.equal(body.comment, 'text/html body');
      assert.ok(body.value.includes('𐌓𐌀𐌔') || body.value.includes('𐌓'), encoding);
      assert.ok(body.value.includes('Unicode Plane 1'), encoding);
    }
  });

  test('RFC 2047 subjects (EUC-JIS-2004, raw UTF-8), ISO-2022-JP and Latin-1 bodies, emoji file names', async () => {
    const cjk = await importMail(fixture('email/cjk.eml'));
    assertValid(cjk);
    assert.deepEqual(relations(email(cjk)).subject, ['ビット及び8ビットの2バイト情報交換用符号化拡張漢字集合']);
    assert.deepEqual(relations(email(cjk))['email-body'], ['日本語の本文です。パスワードは「秘密」']);
    // the second text part is an attachment; text attachments are stored as UTF-8, as upstream does
    const [latin] = objects(cjk, 'file');
    assert.equal(Buffer.from(attribute(latin!, 'malware-sample').data, 'base64').toString('utf8'), 'Café crème, déjà vu, naïve façade');
    assert.deepEqual(relations(latin!).filename, ['NameMissing.txt']);

    const emoji = await importMail(fixture('email/emoji-raw-utf8.eml'));
    assertValid(emoji);
    assert.deepEqual(relations(email(emoji)).subject, ['Emoji Test 👍 checking this']);
    assert.deepEqual(files(emoji).map(([name]) => name), ['Emoji Test 👍 checking this']);
  });

  test('Shift_JIS in base64, quoted-printable ISO-8859-1, RFC 2231 file names', async () => {
    const sjis = Buffer.from([0x82, 0xb1, 0x82, 0xf1, 0x82, 0xc9, 0x82, 0xbf, 0x82, 0xcd]).toString('base64'); // こんにちは
    const mail = [
      'From: =?shift_jis?B?k/qWe4zq?= <jp@example.jp>',
      'To: =?iso-8859-1?q?J=FCrgen_M=FCller?= <jm@example.de>',
      'Subject: =?utf-8?q?caf=C3=A9?= =?utf-8?q?_cr=C3=A8me?=',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=shift_jis',
      'Content-Transfer-Encoding: base64',
      '',
      sjis,
      '--b1',
      'Content-Type: text/html; charset=iso-8859-1',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      '<p>Gr=FC=DFe aus K=F6ln, the password is "s3cr=',
      'et"</p>',
      '--b1',
      'Content-Type: application/octet-stream',
      'Content-Disposition: attachment;',
      " filename*0*=utf-8''%E2%82%AC%20inv;",
      ' filename*1=oice.bin',
      'Content-Transfer-Encoding: base64',
      '',
      EICAR.toString('base64'),
      '--b1--',
      '',
    ].join('\r\n');
    const answer = await importMail(mail);
    assertValid(answer);
    const r = relations(email(answer));
    assert.deepEqual(r['from-display-name'], ['日本語']);
    assert.deepEqual(r['to-display-name'], ['Jürgen Müller']);
    assert.deepEqual(r.subject, ['café crème']);
    // the plain body first, then the HTML one (soft line break joined)
    assert.deepEqual(r['email-body'], ['こんにちは', '<p>Grüße aus Köln, the password is "s3cret"</p>']);
    assert.deepEqual(files(answer).map(([name]) => name), ['€ invoice.bin']);
  });
});

describe('email_import: bad files', () => {
  test('empty data, random bytes, JSON, a zip and a broken .msg get clear errors', async () => {
    assert.deepEqual(await importMail(''), { error: 'The uploaded file is empty: expected an e-mail (.eml or .msg).' });
    const notMail = 'The file is not an e-mail: no e-mail headers (From, To, Subject, Received…) were found, and it is not an Outlook .msg.';
    assert.deepEqual(await importMail(Buffer.from(Array.from({ length: 1024 }, (_, i) => (i * 7919) % 251))), { error: notMail });
    assert.deepEqual(await importMail('{"a": 1, "b": [1, 2]}'), { error: notMail });
    assert.deepEqual(await importMail(sample('EICAR.com.zip')), { error: 'The file is a zip archive, not an e-mail: upload the .eml or .msg it contains.' });
    const brokenMsg = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(600, 0x41)]);
    assert.match(String((await importMail(brokenMsg)).error), /^The file looks like an Outlook \.msg but cannot be read/);
    assert.deepEqual(await t.query({ module: 'email_import', config: {} }), { error: 'The request has no "data" field with base64 content.' });
  });
});
