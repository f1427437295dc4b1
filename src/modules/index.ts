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
import abuseipdb from './expansion/abuseipdb.js';
import alphaMountain from './expansion/alphaMountain.js';
import anyrun_sandbox_submit from './expansion/anyrun_sandbox_submit.js';
import apifreaks from './expansion/apifreaks.js';
import apiosintds from './expansion/apiosintds.js';
import apivoid from './expansion/apivoid.js';
import assemblyline_query from './expansion/assemblyline_query.js';
import assemblyline_submit from './expansion/assemblyline_submit.js';
import backscatter_io from './expansion/backscatter_io.js';
import btc_scam_check from './expansion/btc_scam_check.js';
import btc_steroids from './expansion/btc_steroids.js';
import censys_enrich from './expansion/censys_enrich.js';
import circl_passivedns from './expansion/circl_passivedns.js';
import circl_passivessl from './expansion/circl_passivessl.js';
import clamav from './expansion/clamav.js';
import cluster25_expand from './expansion/cluster25_expand.js';
import convert_markdown_to_pdf from './expansion/convert_markdown_to_pdf.js';
import countrycode from './expansion/countrycode.js';
import cpe from './expansion/cpe.js';
import crowdsec from './expansion/crowdsec.js';
import crowdstrike_falcon from './expansion/crowdstrike_falcon.js';
import cuckoo_submit from './expansion/cuckoo_submit.js';
import cve from './expansion/cve.js';
import cve_advanced from './expansion/cve_advanced.js';
import cytomic_orion from './expansion/cytomic_orion.js';
import dbl_spamhaus from './expansion/dbl_spamhaus.js';
import dns from './expansion/dns.js';
import docx_enrich from './expansion/docx_enrich.js';
import domaintools from './expansion/domaintools.js';
import email_security_check from './expansion/email_security_check.js';
import eql from './expansion/eql.js';
import eupi from './expansion/eupi.js';
import extract_url_components from './expansion/extract_url_components.js';
import farsight_passivedns from './expansion/farsight_passivedns.js';
import flowtriq from './expansion/flowtriq.js';
import geoip_asn from './expansion/geoip_asn.js';
import geoip_city from './expansion/geoip_city.js';
import geoip_country from './expansion/geoip_country.js';
import google_safe_browsing from './expansion/google_safe_browsing.js';
import google_threat_intelligence from './expansion/google_threat_intelligence.js';
import greynoise from './expansion/greynoise.js';
import hashdd from './expansion/hashdd.js';
import hashlookup from './expansion/hashlookup.js';
import hibp from './expansion/hibp.js';
import html_to_markdown from './expansion/html_to_markdown.js';
import hyasinsight from './expansion/hyasinsight.js';
import intel471 from './expansion/intel471.js';
import ip2locationio from './expansion/ip2locationio.js';
import ipasn from './expansion/ipasn.js';
import ipinfo from './expansion/ipinfo.js';
import ipqs_fraud_and_risk_scoring from './expansion/ipqs_fraud_and_risk_scoring.js';
import iprep from './expansion/iprep.js';
import ismalicious from './expansion/ismalicious.js';
import jinja_template_rendering from './expansion/jinja_template_rendering.js';
import joesandbox_query from './expansion/joesandbox_query.js';
import joesandbox_submit from './expansion/joesandbox_submit.js';
import lastline_query from './expansion/lastline_query.js';
import lastline_submit from './expansion/lastline_submit.js';
import macaddress_io from './expansion/macaddress_io.js';
import macvendors from './expansion/macvendors.js';
import malshare_upload from './expansion/malshare_upload.js';
import malwarebazaar from './expansion/malwarebazaar.js';
import mcafee_insights_enrich from './expansion/mcafee_insights_enrich.js';
import mmdb_lookup from './expansion/mmdb_lookup.js';
import mwdb from './expansion/mwdb.js';
import ocr_enrich from './expansion/ocr_enrich.js';
import ods_enrich from './expansion/ods_enrich.js';
import odt_enrich from './expansion/odt_enrich.js';
import onion_lookup from './expansion/onion_lookup.js';
import onyphe from './expansion/onyphe.js';
import onyphe_full from './expansion/onyphe_full.js';
import otx from './expansion/otx.js';
import passive_ssh from './expansion/passive_ssh.js';
import passivetotal from './expansion/passivetotal.js';
import pdf_enrich from './expansion/pdf_enrich.js';
import pptx_enrich from './expansion/pptx_enrich.js';
import qintel_qsentry from './expansion/qintel_qsentry.js';
import qrcode from './expansion/qrcode.js';
import ransomcoindb from './expansion/ransomcoindb.js';
import ransomlook from './expansion/ransomlook.js';
import rapid7_attackerkb from './expansion/rapid7_attackerkb.js';
import rbl from './expansion/rbl.js';
import rdap from './expansion/rdap.js';
import recordedfuture from './expansion/recordedfuture.js';
import reversedns from './expansion/reversedns.js';
import reversinglabs_spectra_analyze from './expansion/reversinglabs_spectra_analyze.js';
import rst_cs_beacon from './expansion/rst_cs_beacon.js';
import rst_favicon from './expansion/rst_favicon.js';
import rst_html from './expansion/rst_html.js';
import rst_ioc from './expansion/rst_ioc.js';
import rst_noise_control from './expansion/rst_noise_control.js';
import rst_screenshot from './expansion/rst_screenshot.js';
import rst_ssl from './expansion/rst_ssl.js';
import rst_whois from './expansion/rst_whois.js';
import securitytrails from './expansion/securitytrails.js';
import shodan from './expansion/shodan.js';
import sigma_queries from './expansion/sigma_queries.js';
import sigma_syntax_validator from './expansion/sigma_syntax_validator.js';
import sigmf_expand from './expansion/sigmf_expand.js';
import socialscan from './expansion/socialscan.js';
import socradar_lookup from './expansion/socradar_lookup.js';
import sophoslabs_intelix from './expansion/sophoslabs_intelix.js';
import sourcecache from './expansion/sourcecache.js';
import ssh_fingerprint from './expansion/ssh_fingerprint.js';
import stairwell from './expansion/stairwell.js';
import stix2_pattern_syntax_validator from './expansion/stix2_pattern_syntax_validator.js';
import threatcrowd from './expansion/threatcrowd.js';
import threatfox from './expansion/threatfox.js';
import threatminer from './expansion/threatminer.js';
import tls_certificate_check from './expansion/tls_certificate_check.js';
import triage_submit from './expansion/triage_submit.js';
import trustar_enrich from './expansion/trustar_enrich.js';
import urlhaus from './expansion/urlhaus.js';
import urlscan from './expansion/urlscan.js';
import validin from './expansion/validin.js';
import variotdbs from './expansion/variotdbs.js';
import virustotal from './expansion/virustotal.js';
import virustotal_public from './expansion/virustotal_public.js';
import virustotal_upload from './expansion/virustotal_upload.js';
import vmray_submit from './expansion/vmray_submit.js';
import vmware_nsx from './expansion/vmware_nsx.js';
import vulndb from './expansion/vulndb.js';
import vulnerability_lookup from './expansion/vulnerability_lookup.js';
import vulners from './expansion/vulners.js';
import vysion from './expansion/vysion.js';
import whisper from './expansion/whisper.js';
import whois from './expansion/whois.js';
import whoisfreaks from './expansion/whoisfreaks.js';
import wiki from './expansion/wiki.js';
import xforceexchange from './expansion/xforceexchange.js';
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
  abuseipdb,
  alphaMountain,
  anyrun_sandbox_submit,
  apifreaks,
  apiosintds,
  apivoid,
  assemblyline_query,
  assemblyline_submit,
  backscatter_io,
  btc_scam_check,
  btc_steroids,
  censys_enrich,
  circl_passivedns,
  circl_passivessl,
  clamav,
  cluster25_expand,
  convert_markdown_to_pdf,
  countrycode,
  cpe,
  crowdsec,
  crowdstrike_falcon,
  cuckoo_submit,
  cve,
  cve_advanced,
  cytomic_orion,
  dbl_spamhaus,
  dns,
  docx_enrich,
  domaintools,
  email_security_check,
  eql,
  eupi,
  extract_url_components,
  farsight_passivedns,
  flowtriq,
  geoip_asn,
  geoip_city,
  geoip_country,
  google_safe_browsing,
  google_threat_intelligence,
  greynoise,
  hashdd,
  hashlookup,
  hibp,
  html_to_markdown,
  hyasinsight,
  intel471,
  ip2locationio,
  ipasn,
  ipinfo,
  ipqs_fraud_and_risk_scoring,
  iprep,
  ismalicious,
  jinja_template_rendering,
  joesandbox_query,
  joesandbox_submit,
  lastline_query,
  lastline_submit,
  macaddress_io,
  macvendors,
  malshare_upload,
  malwarebazaar,
  mcafee_insights_enrich,
  mmdb_lookup,
  mwdb,
  ocr_enrich,
  ods_enrich,
  odt_enrich,
  onion_lookup,
  onyphe,
  onyphe_full,
  otx,
  passive_ssh,
  passivetotal,
  pdf_enrich,
  pptx_enrich,
  qintel_qsentry,
  qrcode,
  ransomcoindb,
  ransomlook,
  rapid7_attackerkb,
  rbl,
  rdap,
  recordedfuture,
  reversedns,
  reversinglabs_spectra_analyze,
  rst_cs_beacon,
  rst_favicon,
  rst_html,
  rst_ioc,
  rst_noise_control,
  rst_screenshot,
  rst_ssl,
  rst_whois,
  securitytrails,
  shodan,
  sigma_queries,
  sigma_syntax_validator,
  sigmf_expand,
  socialscan,
  socradar_lookup,
  sophoslabs_intelix,
  sourcecache,
  ssh_fingerprint,
  stairwell,
  stix2_pattern_syntax_validator,
  threatcrowd,
  threatfox,
  threatminer,
  tls_certificate_check,
  triage_submit,
  trustar_enrich,
  urlhaus,
  urlscan,
  validin,
  variotdbs,
  virustotal,
  virustotal_public,
  virustotal_upload,
  vmray_submit,
  vmware_nsx,
  vulndb,
  vulnerability_lookup,
  vulners,
  vysion,
  whisper,
  whois,
  whoisfreaks,
  wiki,
  xforceexchange,
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
