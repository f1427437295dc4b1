import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import goamlexport from '../../../src/modules/export/goamlexport.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { assertDescriptor, badInputTests, exportError, exportText, toRaw, type Json } from './helpers-a.js';

let t: TestServer;
before(async () => {
  t = await startTestServer({ builtins: [goamlexport] });
});
after(() => t.close());

const MODULE = 'goamlexport';
const CONFIG = { rentity_id: '2510' };
const SAMPLE = readFileSync(new URL('../../../../shared/samples/goamlexport.xml', import.meta.url), 'utf8').trim();

let n = 0;
const a = (object_relation: string, value: string, type = 'text'): Json => ({
  id: String(++n), type, category: 'Other', object_relation, value, to_ids: false, uuid: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, comment: '',
});
const ref = (source: string, target: string, relationship_type: string): Json => ({
  uuid: `${source.slice(0, 8)}-ref0-4000-8000-${target.slice(-12)}`, object_uuid: source, referenced_uuid: target, relationship_type,
});
const obj = (name: string, uuid: string, attributes: Json[], references: Json[] = []): Json => ({
  id: uuid.slice(-2), name, uuid, 'meta-category': 'financial', Attribute: attributes, ObjectReference: references,
});

const U = {
  transaction: '11111111-0000-4000-8000-000000000001',
  account: '11111111-0000-4000-8000-000000000002',
  nick: '11111111-0000-4000-8000-000000000003',
  jean: '11111111-0000-4000-8000-000000000004',
  paris: '11111111-0000-4000-8000-000000000005',
  lux: '11111111-0000-4000-8000-000000000006',
};

/** The event behind upstream's tests/goamlexport.xml (MISP core format). */
function sampleEvent(extraObjects: Json[] = []): Json {
  return {
    Event: {
      id: '1', uuid: '5a8e8b38-0000-4000-8000-000000000001', info: 'goAML transaction', date: '2018-02-22',
      timestamp: String(Date.parse('2018-02-22T08:34:16Z') / 1000), threat_level_id: '3', analysis: '0', published: false,
      Attribute: [],
      Tag: [],
      Object: [
        obj('transaction', U.transaction, [
          a('transaction-number', 'TW00000901'),
          a('location', '1 Manners Street Wellington'),
          a('transmode-code', 'BG'),
          a('date', '2015-12-01T10:03:00', 'datetime'),
          a('amount', '12345'),
          a('text', 'when it transacts'),
          a('from-funds-code', 'E Embezzlement'),
          a('from-country', 'FRA'),
          a('to-funds-code', 'K Cash'),
          a('to-country', 'LUX'),
        ], [ref(U.transaction, U.account, 'from'), ref(U.transaction, U.jean, 'to_my_client')]),
        obj('bank-account', U.account, [
          a('status-code', 'A - Active'),
          a('personal-account-type', 'A - Business'),
          a('currency-code', 'EUR'),
          a('account', '31032027088', 'bank-account-nr'),
          a('swift', 'ATTBVI'),
          a('institution-name', 'The bank'),
          a('report-code', 'STR Suspicious Transaction Report'),
        ], [ref(U.account, U.nick, 'signatory')]),
        obj('person', U.nick, [
          a('last-name', 'Nick', 'last-name'),
          a('first-name', 'Pitt', 'first-name'),
          a('title', 'Sir'),
          a('date-of-birth', '1993-09-25', 'date-of-birth'),
          a('place-of-birth', 'Mulhouse, France', 'place-of-birth'),
          a('gender', 'Male', 'gender'),
        ], [ref(U.nick, U.paris, 'address')]),
        obj('person', U.jean, [
          a('last-name', 'Michel', 'last-name'),
          a('first-name', 'Jean', 'first-name'),
          a('title', 'Himself'),
          a('gender', 'Prefer not to say', 'gender'),
        ], [ref(U.jean, U.lux, 'address')]),
        obj('geolocation', U.paris, [a('city', 'Paris'), a('country', 'France')]),
        obj('geolocation', U.lux, [a('city', 'Luxembourg'), a('country', 'Luxembourg')]),
        ...extraObjects,
      ],
    },
  };
}

const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, preserveOrder: true });
const parseOrdered = (xml: string) => parser.parse(xml) as Json[];

/** Element names with their nesting, in document order: ["report", ["rentity_id", ...], ...]. */
function shape(nodes: Json[]): unknown[] {
  return nodes.filter((node) => !('#text' in node)).map((node) => {
    const name = Object.keys(node).find((k) => k !== ':@')!;
    const children = node[name] as Json[];
    const inner = shape(children);
    return inner.length === 0 ? name : [name, inner];
  });
}

describe('goamlexport', () => {
  test('/modules shows the setting and the file type', async () => {
    await assertDescriptor(t, MODULE, { input: ['MISPEvent'], output: ['xml file'], responseType: 'application/xml', outputFileExtension: 'xml' }, ['rentity_id']);
    const list = (await t.get('/modules')).json() as Json[];
    assert.equal(list.find((m) => m.name === MODULE)!.meta.require_standard_format, true);
  });

  test("the sample's event gives exactly upstream's tests/goamlexport.xml", async () => {
    const xml = await exportText(t, MODULE, [sampleEvent()], CONFIG);
    assert.equal(xml, SAMPLE);
  });

  test('parsed back, element names and nesting match the sample', async () => {
    const xml = await exportText(t, MODULE, [sampleEvent()], CONFIG);
    assert.equal(XMLValidator.validate(xml), true);
    assert.deepEqual(shape(parseOrdered(xml)), shape(parseOrdered(SAMPLE)));
    const report = (new XMLParser({ parseTagValue: false }).parse(xml) as Json).report as Json;
    assert.equal(report.rentity_id, '2510');
    assert.equal(report.report_code, 'STR');
    assert.equal(report.currency_code_local, 'EUR');
    const tx = report.transaction as Json;
    assert.equal(tx.transactionnumber, 'TW00000901');
    assert.equal(tx.t_from.from_funds_code, 'E');
    assert.equal(tx.t_from.from_account.signatory.t_person.addresses.address.city, 'Paris');
    assert.equal(tx.t_from.from_country, 'FRA');
    assert.equal(tx.t_to_my_client.to_person.first_name, 'Jean');
    assert.equal(tx.t_to_my_client.to_country, 'LUX');
  });

  test('the raw fetchEvent shape gives the same file', async () => {
    const raw = toRaw(sampleEvent());
    assert.equal(await exportText(t, MODULE, [raw], CONFIG), SAMPLE);
  });

  test('values are XML-escaped, a legal entity and a lone reporting person are written', async () => {
    const entity = obj('legal-entity', '11111111-0000-4000-8000-000000000007', [a('name', 'Smith & <Sons>'), a('phone-number', '+352 1')]);
    const reporter = obj('person', '11111111-0000-4000-8000-000000000008', [a('first-name', 'Rita'), a('last-name', 'Porter')]);
    const event = sampleEvent([entity, reporter]);
    (event.Event.Object[1].ObjectReference as Json[]).push(ref(U.account, entity.uuid, 'entity'));
    const xml = await exportText(t, MODULE, [event], CONFIG);
    assert.equal(XMLValidator.validate(xml), true);
    assert.match(xml, /<t_entity><name>Smith &amp; &lt;Sons&gt;<\/name><phone>\+352 1<\/phone><\/t_entity>/);
    const report = (new XMLParser({ parseTagValue: false }).parse(xml) as Json).report as Json;
    assert.deepEqual(report.reporting_person, { first_name: 'Rita', last_name: 'Porter' });
    assert.equal(report.transaction.t_from.from_account.t_entity.name, 'Smith & <Sons>');
  });

  test('reference cycles and references to unknown objects do not loop or crash', async () => {
    const event = sampleEvent();
    const objects = event.Event.Object as Json[];
    objects[4]!.ObjectReference = [ref(U.paris, U.nick, 'resident')];
    (objects[2]!.ObjectReference as Json[]).push(ref(U.nick, U.account, 'owns'), ref(U.nick, 'ffffffff-0000-4000-8000-000000000000', 'knows'));
    const xml = await exportText(t, MODULE, [event], CONFIG);
    assert.equal(XMLValidator.validate(xml), true);
  });

  test('a transaction without bank account: no report code or currency, no crash', async () => {
    const event = sampleEvent();
    const objects = event.Event.Object as Json[];
    event.Event.Object = objects.filter((o) => o.name !== 'bank-account');
    const xml = await exportText(t, MODULE, [event], CONFIG);
    assert.equal(XMLValidator.validate(xml), true);
    assert.doesNotMatch(xml, /report_code|currency_code_local/);
    assert.match(xml, /<transaction><transactionnumber>TW00000901<\/transactionnumber>/);
  });

  test("an event without transaction or objects is refused with upstream's message", async () => {
    const noTransaction = sampleEvent();
    noTransaction.Event.Object = (noTransaction.Event.Object as Json[]).filter((o) => o.name !== 'transaction');
    assert.match(await exportError(t, { module: MODULE, config: CONFIG, data: [noTransaction] }), /no transaction object/);
    const empty = sampleEvent();
    empty.Event.Object = [];
    assert.match(await exportError(t, { module: MODULE, config: CONFIG, data: [empty] }), /no object in this event/);
  });

  test('rentity_id is required', async () => {
    assert.match(await exportError(t, { module: MODULE, config: {}, data: [sampleEvent()] }), /rentity_id/);
    assert.match(await exportError(t, { module: MODULE, data: [sampleEvent()] }), /rentity_id/);
  });

  badInputTests(() => t, MODULE, CONFIG);
});
