import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import goamlimport from '../../../src/modules/import/goamlimport.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { assertValidResults } from '../assert-results.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures-a/${name}`, import.meta.url));
const sample = (path: string) => readFileSync(new URL(`../../../../shared/samples/${path}`, import.meta.url));

let t: TestServer;
before(async () => {
  t = await startTestServer({ builtins: [goamlimport] });
});
after(() => t.close());

const importGoaml = (data: string | Buffer) =>
  t.query({ module: 'goamlimport', event_id: '8', data: Buffer.from(data).toString('base64'), filename: 'report.xml' });

async function importOk(data: string | Buffer): Promise<any[]> {
  const answer: any = await importGoaml(data);
  assert.equal(answer.error, undefined, `unexpected error: ${answer.error}`);
  assertValidResults(answer);
  assert.deepEqual(Object.keys(answer.results), ['Object']);
  return answer.results.Object;
}

async function importError(data: string | Buffer): Promise<string> {
  const answer: any = await importGoaml(data);
  assert.equal(answer.results, undefined);
  assert.equal(typeof answer.error, 'string');
  return answer.error;
}

/** relation → value of an object */
const fields = (object: any) => Object.fromEntries(object.Attribute.map((a: any) => [a.object_relation, a.value]));
/** [relationship, name of the referenced object] for each reference of an object */
const links = (object: any, objects: any[]) =>
  (object.ObjectReference ?? []).map((r: any) => [r.relationship_type, objects.find((o) => o.uuid === r.referenced_uuid)?.name]);

describe('goamlimport', () => {
  test('declares a misp_standard file import', () => {
    assert.deepEqual(goamlimport.attributes.inputSource, ['file']);
    assert.equal(goamlimport.attributes.format, 'misp_standard');
  });

  test("upstream's goAML fixture: a transaction, its origin account with signatory, its target person", async () => {
    const objects = await importOk(sample('goamlexport.xml'));
    assert.deepEqual(objects.map((o) => o.name), ['transaction', 'bank-account', 'person', 'geolocation', 'person', 'geolocation']);
    const [transaction, account, signatory, signatoryAddress, target, targetAddress] = objects;
    assert.deepEqual(fields(transaction), {
      'transaction-number': 'TW00000901',
      location: '1 Manners Street Wellington',
      date: '2015-12-01T10:03:00',
      'transmode-code': 'BG',
      amount: '12345',
      text: 'when it transacts',
      'from-funds-code': 'E',
      'from-country': 'FRA',
      'to-funds-code': 'K',
      'to-country': 'LUX',
    });
    assert.deepEqual(links(transaction, objects), [['from', 'bank-account'], ['to_my_client', 'person']]);
    assert.equal(transaction.ObjectReference[1].referenced_uuid, target.uuid);
    assert.deepEqual(fields(account), {
      'institution-name': 'The bank',
      swift: 'ATTBVI',
      account: '31032027088',
      'currency-code': 'EUR',
      'personal-account-type': 'A',
      'status-code': 'A',
    });
    assert.deepEqual(links(account, objects), [['signatory', 'person']]);
    assert.deepEqual(fields(signatory), {
      'first-name': 'Pitt',
      'last-name': 'Nick',
      gender: 'Male',
      title: 'Sir',
      'date-of-birth': '1993-09-25',
      'place-of-birth': 'Mulhouse, France',
    });
    assert.equal(signatory.ObjectReference[0].referenced_uuid, signatoryAddress.uuid);
    assert.deepEqual(fields(signatoryAddress), { city: 'Paris', country: 'France' });
    assert.deepEqual(fields(target), { 'first-name': 'Jean', 'last-name': 'Michel', gender: 'Prefer not to say', title: 'Himself' });
    assert.deepEqual(links(target, objects), [['address', 'geolocation']]);
    assert.deepEqual(fields(targetAddress), { city: 'Luxembourg', country: 'Luxembourg' });
    const types = Object.fromEntries(transaction.Attribute.map((a: any) => [a.object_relation, a.type]));
    assert.equal(types.date, 'datetime');
    assert.equal(account.Attribute.find((a: any) => a.object_relation === 'swift').type, 'bic');
  });

  test('a report with its reporting person and location, two transactions, an entity, an account owner', async () => {
    const objects = await importOk(fixture('goaml-two-transactions.xml'));
    assert.deepEqual(objects.map((o) => o.name), [
      'person', 'geolocation', 'geolocation',
      'transaction', 'legal-entity', 'bank-account', 'person', 'legal-entity',
      'transaction', 'person',
    ]);
    const [reporter, reporterAddress, location, first, entity, account, signatory, owner, second, beneficiary] = objects;
    assert.deepEqual(fields(reporter), { 'first-name': 'Claire', 'last-name': 'Weber', title: 'Compliance officer' });
    assert.deepEqual(links(reporter, objects), [['address', 'geolocation']]);
    // address_type has no geolocation relation; upstream dropped these objects because of it
    assert.deepEqual(fields(reporterAddress), { address: '12 Rue du Marché', city: 'Luxembourg', zipcode: 'L-1728', country: 'LU' });
    assert.deepEqual(fields(location), { address: '12 Rue du Marché', city: 'Luxembourg', country: 'LU' });
    assert.deepEqual(links(first, objects), [['from_my_client', 'legal-entity'], ['to', 'bank-account']]);
    assert.equal(fields(first)['from-funds-code'], 'K');
    assert.equal(fields(first)['to-country'], 'KY');
    assert.deepEqual(fields(entity), { name: 'Acme Trading SARL', 'legal-form': 'SARL', 'registration-number': 'B123456', business: 'Import/export' });
    assert.equal(fields(account)['non-banking-institution'], 'false');
    assert.equal(fields(account)['date-balance'], '2024-02-27T00:00:00');
    assert.equal(fields(account).iban, 'KY12OFFB0000000000998877');
    assert.deepEqual(links(account, objects), [['signatory', 'person'], ['entity', 'legal-entity']]);
    assert.equal(account.ObjectReference[0].referenced_uuid, signatory.uuid);
    assert.equal(account.ObjectReference[1].referenced_uuid, owner.uuid);
    assert.deepEqual(fields(signatory), { 'first-name': 'Viktor', 'last-name': 'Petrov', nationality: 'RU', 'social-security-number': '000-00-0000' });
    assert.equal(fields(second).text, 'Second transfer, same beneficiary');
    assert.deepEqual(links(second, objects), [['to_my_client', 'person']]);
    assert.equal(second.ObjectReference[0].referenced_uuid, beneficiary.uuid);
  });

  test('bad files get a clear error', async () => {
    assert.match(await importError(sample('openioc.xml')), /not a goAML report: its root element is <ioc>/);
    assert.match(await importError('<report><transaction></report>'), /not well-formed XML, so not a goAML report: .*\(line 1, column/);
    assert.match(await importError('<report><rentity_id>1</rentity_id></report>'), /no transaction, reporting person or location/);
    assert.match(await importError('transaction,amount\n1,2\n'), /not well-formed XML|no XML element/);
    assert.match(await importError(''), /empty/);
  });
});
