/**
 * The built-in modules, imported explicitly (fast start, no folder scanning).
 * Adding a module: create its file, then add one line here and one in the list.
 */
import type { ModuleDefinition } from '../core/module.js';
import export_sentinel from './action/export_sentinel.js';
import mattermost from './action/mattermost.js';
import nextcloud_talk from './action/nextcloud_talk.js';
import slack from './action/slack.js';
import testaction from './action/testaction.js';
import assemblyline_query from './expansion/assemblyline_query.js';
import assemblyline_submit from './expansion/assemblyline_submit.js';
import btc_scam_check from './expansion/btc_scam_check.js';
import btc_steroids from './expansion/btc_steroids.js';
import circl_passivedns from './expansion/circl_passivedns.js';
import circl_passivessl from './expansion/circl_passivessl.js';
import clamav from './expansion/clamav.js';
import convert_markdown_to_pdf from './expansion/convert_markdown_to_pdf.js';
import countrycode from './expansion/countrycode.js';
import cpe from './expansion/cpe.js';
import cuckoo_submit from './expansion/cuckoo_submit.js';
import cve from './expansion/cve.js';
import cve_advanced from './expansion/cve_advanced.js';
import dbl_spamhaus from './expansion/dbl_spamhaus.js';
import dns from './expansion/dns.js';
import docx_enrich from './expansion/docx_enrich.js';
import email_security_check from './expansion/email_security_check.js';
import eql from './expansion/eql.js';
import extract_url_components from './expansion/extract_url_components.js';
import geoip_asn from './expansion/geoip_asn.js';
import geoip_city from './expansion/geoip_city.js';
import geoip_country from './expansion/geoip_country.js';
import hashdd from './expansion/hashdd.js';
import hashlookup from './expansion/hashlookup.js';
import html_to_markdown from './expansion/html_to_markdown.js';
import ipasn from './expansion/ipasn.js';
import jinja_template_rendering from './expansion/jinja_template_rendering.js';
import macvendors from './expansion/macvendors.js';
import malshare_upload from './expansion/malshare_upload.js';
import malwarebazaar from './expansion/malwarebazaar.js';
import mmdb_lookup from './expansion/mmdb_lookup.js';
import mwdb from './expansion/mwdb.js';
import ocr_enrich from './expansion/ocr_enrich.js';
import ods_enrich from './expansion/ods_enrich.js';
import odt_enrich from './expansion/odt_enrich.js';
import onion_lookup from './expansion/onion_lookup.js';
import otx from './expansion/otx.js';
import passive_ssh from './expansion/passive_ssh.js';
import passivetotal from './expansion/passivetotal.js';
import pdf_enrich from './expansion/pdf_enrich.js';
import pptx_enrich from './expansion/pptx_enrich.js';
import qrcode from './expansion/qrcode.js';
import ransomlook from './expansion/ransomlook.js';
import rbl from './expansion/rbl.js';
import rdap from './expansion/rdap.js';
import reversedns from './expansion/reversedns.js';
import sigma_queries from './expansion/sigma_queries.js';
import sigma_syntax_validator from './expansion/sigma_syntax_validator.js';
import sigmf_expand from './expansion/sigmf_expand.js';
import sourcecache from './expansion/sourcecache.js';
import ssh_fingerprint from './expansion/ssh_fingerprint.js';
import stairwell from './expansion/stairwell.js';
import stix2_pattern_syntax_validator from './expansion/stix2_pattern_syntax_validator.js';
import threatcrowd from './expansion/threatcrowd.js';
import threatfox from './expansion/threatfox.js';
import tls_certificate_check from './expansion/tls_certificate_check.js';
import triage_submit from './expansion/triage_submit.js';
import trustar_enrich from './expansion/trustar_enrich.js';
import urlhaus from './expansion/urlhaus.js';
import variotdbs from './expansion/variotdbs.js';
import vulnerability_lookup from './expansion/vulnerability_lookup.js';
import whois from './expansion/whois.js';
import wiki from './expansion/wiki.js';
import xlsx_enrich from './expansion/xlsx_enrich.js';
import xposedornot from './expansion/xposedornot.js';
import yara_query from './expansion/yara_query.js';
import yara_syntax_validator from './expansion/yara_syntax_validator.js';
import yeti from './expansion/yeti.js';
import cef_export from './export/cef_export.js';
import cisco_firesight_manager_ACL_rule_export from './export/cisco_firesight_manager_ACL_rule_export.js';
import defender_endpoint_export from './export/defender_endpoint_export.js';
import goamlexport from './export/goamlexport.js';
import liteexport from './export/liteexport.js';
import mass_eql_export from './export/mass_eql_export.js';
import nexthinkexport from './export/nexthinkexport.js';
import osqueryexport from './export/osqueryexport.js';
import pdfexport from './export/pdfexport.js';
import testexport from './export/testexport.js';
import threat_connect_export from './export/threat_connect_export.js';
import threatStream_misp_export from './export/threatStream_misp_export.js';
import virustotal_collections from './export/virustotal_collections.js';
import vt_graph from './export/vt_graph.js';
import yara_export from './export/yara_export.js';
import anyrun_sandbox_import from './import/anyrun_sandbox_import.js';
import cof2misp from './import/cof2misp.js';
import csvimport from './import/csvimport.js';
import cuckooimport from './import/cuckooimport.js';
import email_import from './import/email_import.js';
import goamlimport from './import/goamlimport.js';
import import_blueprint from './import/import_blueprint.js';
import joe_import from './import/joe_import.js';
import lastline_import from './import/lastline_import.js';
import mispjson from './import/mispjson.js';
import ocr from './import/ocr.js';
import openiocimport from './import/openiocimport.js';
import socradar_taxii_feed from './import/socradar_taxii_feed.js';
import taxii21 from './import/taxii21.js';
import testimport from './import/testimport.js';
import threatanalyzer_import from './import/threatanalyzer_import.js';
import url_import from './import/url_import.js';
import vmray_import from './import/vmray_import.js';
import vmray_summary_json_import from './import/vmray_summary_json_import.js';

export const builtinModules: readonly ModuleDefinition[] = [
  // expansion / hover
  assemblyline_query,
  assemblyline_submit,
  btc_scam_check,
  btc_steroids,
  circl_passivedns,
  circl_passivessl,
  clamav,
  convert_markdown_to_pdf,
  countrycode,
  cpe,
  cuckoo_submit,
  cve,
  cve_advanced,
  dbl_spamhaus,
  dns,
  docx_enrich,
  email_security_check,
  eql,
  extract_url_components,
  geoip_asn,
  geoip_city,
  geoip_country,
  hashdd,
  hashlookup,
  html_to_markdown,
  ipasn,
  jinja_template_rendering,
  macvendors,
  malshare_upload,
  malwarebazaar,
  mmdb_lookup,
  mwdb,
  ocr_enrich,
  ods_enrich,
  odt_enrich,
  onion_lookup,
  otx,
  passive_ssh,
  passivetotal,
  pdf_enrich,
  pptx_enrich,
  qrcode,
  ransomlook,
  rbl,
  rdap,
  reversedns,
  sigma_queries,
  sigma_syntax_validator,
  sigmf_expand,
  sourcecache,
  ssh_fingerprint,
  stairwell,
  stix2_pattern_syntax_validator,
  threatcrowd,
  threatfox,
  tls_certificate_check,
  triage_submit,
  trustar_enrich,
  urlhaus,
  variotdbs,
  vulnerability_lookup,
  whois,
  wiki,
  xlsx_enrich,
  xposedornot,
  yara_query,
  yara_syntax_validator,
  yeti,
  // import
  anyrun_sandbox_import,
  cof2misp,
  csvimport,
  cuckooimport,
  email_import,
  goamlimport,
  import_blueprint,
  joe_import,
  lastline_import,
  mispjson,
  ocr,
  openiocimport,
  socradar_taxii_feed,
  taxii21,
  testimport,
  threatanalyzer_import,
  url_import,
  vmray_import,
  vmray_summary_json_import,
  // export
  cef_export,
  cisco_firesight_manager_ACL_rule_export,
  defender_endpoint_export,
  goamlexport,
  liteexport,
  mass_eql_export,
  nexthinkexport,
  osqueryexport,
  pdfexport,
  testexport,
  threat_connect_export,
  threatStream_misp_export,
  virustotal_collections,
  vt_graph,
  yara_export,
  // action
  export_sentinel,
  mattermost,
  nextcloud_talk,
  slack,
  testaction,
];
