/**
 * countrycode against a loopback www.geognos.com answering `info/all.json`
 * as geognos documents it (`StatusMsg`, `StatusCode`, `Results` keyed by ISO
 * code, each with `Name` and `CountryCodes{tld: ".lu", iso2, iso3, fips, isoN}`),
 * trimmed to a few countries. Generic TLDs never reach it.
 */
import assert from 'node:assert/strict';
import countrycode from '../../../src/modules/expansion/countrycode.js';
import type { Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows } from '../../support/module-tester.js';

const country = (iso2: string, iso3: string, isoN: number, name: string, capital: string, telPref: string) => ({
  Name: name,
  Capital: { DLST: 'null', TD: 1, Flg: 2, Name: capital, GeoPt: [0, 0] },
  GeoRectangle: { West: 0, East: 1, North: 1, South: 0 },
  SeqID: isoN,
  GeoPt: [0, 0],
  TelPref: telPref,
  CountryCodes: { tld: `.${iso2.toLowerCase()}`, iso3, iso2, fips: iso2, isoN },
  CountryInfo: `http://www.geognos.com/geo/en/cc/${iso2.toLowerCase()}.html`,
});

const ALL_COUNTRIES = {
  StatusMsg: 'OK',
  StatusCode: 200,
  Results: {
    BE: country('BE', 'BEL', 56, 'Belgium', 'Brussels', '32'),
    LU: country('LU', 'LUX', 442, 'Luxembourg', 'Luxembourg', '352'),
    TV: country('TV', 'TUV', 798, 'Tuvalu', 'Funafuti', '688'),
    US: country('US', 'USA', 840, 'United States', 'Washington', '1'),
  },
};

const GEOGNOS = { 'GET /api/en/countries/info/all.json': { json: ALL_COUNTRIES } } satisfies Routes;

const URL = 'http://www.geognos.com/api/en/countries/info/all.json';
const text = (...values: string[]) => [{ types: ['text'], values }];
const askedGeognos = (requests: Array<{ method: string; path: string }>) =>
  assert.deepEqual(requests.map((r) => `${r.method} ${r.path}`), ['GET /api/en/countries/info/all.json']);
const askedNobody = (requests: unknown[]) => assert.equal(requests.length, 0);

testModule({
  module: countrycode,
  vendors: { 'www.geognos.com': GEOGNOS },
  rows: [
    { name: 'a ccTLD is the country geognos names (upstream test www.circl.lu → Luxembourg)', query: { domain: 'www.circl.lu' }, results: text('Luxembourg'), requests: askedGeognos },
    { name: 'a hostname is read too', query: { hostname: 'mail.belnet.be' }, results: text('Belgium'), requests: askedGeognos },
    { name: 'domain is read before hostname, as upstream', query: { hostname: 'mail.belnet.be', domain: 'gov.tv' }, results: text('Tuvalu') },
    { name: 'a trailing dot and upper case are ignored', query: { domain: 'WWW.CIRCL.LU.' }, results: text('Luxembourg') },
    { name: 'a generic TLD comes from the local table, without asking geognos', query: { domain: 'example.com' }, results: text('Commercial (Worldwide)'), requests: askedNobody },
    { name: 'every generic TLD of the table', query: { hostname: 'www.whitehouse.GOV' }, results: text('Government (USA)'), requests: askedNobody },
    { name: 'a TLD no country has is "Unknown", nothing invented', query: { domain: 'misp-project.xyz' }, results: text('Unknown'), requests: askedGeognos },
    {
      name: 'geognos answers without StatusMsg OK: upstream\'s text, then what it said',
      query: { domain: 'www.circl.lu' },
      routes: { 'GET /api/en/countries/info/all.json': { json: { StatusMsg: 'Quota exceeded', StatusCode: 403, Results: {} } } },
      results: text(`Not able to get the countrycode references from ${URL}`, 'geognos.com answered StatusMsg "Quota exceeded" instead of OK.'),
    },
    {
      name: 'geognos answers JSON that is not an object',
      query: { domain: 'www.circl.lu' },
      routes: { 'GET /api/en/countries/info/all.json': { json: ['LU'] } },
      results: text(`Not able to get the countrycode references from ${URL}`, 'geognos.com answered StatusMsg null instead of OK.'),
    },
    {
      name: 'geognos fails (500): upstream\'s "not reachable", then the status and what it said',
      query: { domain: 'www.circl.lu' },
      routes: { 'GET /api/en/countries/info/all.json': { status: 500, headers: { 'content-type': 'text/html; charset=utf-8' }, body: '<html><head><title>Runtime Error</title></head><body>Server Error in \'/\' Application.</body></html>' } },
      results: text(`${URL} not reachable`, 'geognos.com answered HTTP 500 Internal Server Error: Runtime Error.'),
    },
    {
      name: 'geognos is gone (404 page)',
      query: { domain: 'www.circl.lu' },
      routes: { 'GET /api/en/countries/info/all.json': { status: 404, headers: { 'content-type': 'text/html' }, body: '<html><head><title>404 Not Found</title></head></html>' } },
      results: text(`${URL} not reachable`, 'geognos.com answered HTTP 404 Not Found: 404 Not Found.'),
    },
    {
      name: 'geognos rate-limits (429)',
      query: { domain: 'www.circl.lu' },
      routes: { 'GET /api/en/countries/info/all.json': { status: 429, headers: { 'retry-after': '60' }, body: 'Too many requests' } },
      results: text(`${URL} not reachable`, 'geognos.com rate limit reached (HTTP 429 Too Many Requests); retry after 60 s.'),
    },
    {
      name: 'geognos answers malformed JSON',
      query: { domain: 'www.circl.lu' },
      routes: { 'GET /api/en/countries/info/all.json': { headers: { 'content-type': 'application/json' }, body: '{"StatusMsg": "OK", "Results": {' } },
      results: text(`${URL} not reachable`, 'geognos.com answered with invalid JSON (HTTP 200).'),
    },
    { name: 'no domain or hostname in the request', query: { ip: '192.0.2.1' }, error: /needs one of these attribute types in the request: domain, hostname/, requests: askedNobody },
    { name: 'a domain that is not text', query: { domain: ['www.circl.lu'] }, messageId: 'noName', requests: askedNobody },
    ...vendorFailureRows({ query: { domain: 'www.circl.lu' }, skip: ['unauthorized', 'rateLimited', 'serverError', 'malformed'] }),
  ],
});
