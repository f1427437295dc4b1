/**
 * GENERATED from the module files by scripts/module-manifest.ts (npm run
 * docs:modules): do not edit. Each built-in module's description (its
 * definition without the handler), from which the server lists it and checks
 * its queries, and the import of its file, run on its first query
 * (src/core/lazy-module.ts). test/modules/manifest.test.ts fails when this
 * file is out of date.
 */
import type { BuiltinModuleEntry } from '../core/lazy-module.js';

export const BUILTIN_MODULES: readonly BuiltinModuleEntry[] = [
  {
    load: () => import('./expansion/abuseipdb.js'),
    description: {
      "name": "abuseipdb",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "0.1",
        "author": "Stephanie S",
        "description": "AbuseIPDB MISP expansion module",
        "name": "Abuse IPDB",
        "logo": "",
        "requirements": [],
        "features": "",
        "references": [],
        "input": "",
        "output": ""
      },
      "config": {
        "api_key": {
          "description": "Your AbuseIPDB API v2 key, sent in the Key header.",
          "secret": true
        },
        "max_age_in_days": {
          "description": "Only reports of the last N days count (AbuseIPDB accepts 1 to 365); required."
        },
        "abuse_threshold": {
          "description": "An abuse confidence score at or above this marks the address malicious (upstream uses 70); required."
        }
      },
      "attributes": {
        "input": ["ip-src", "ip-dst", "hostname", "domain", "domain|ip"],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noKey": "AbuseIPDB API key is missing",
        "noMaxAge": "AbuseIPDB max age in days is missing",
        "noThreshold": "AbuseIPDB abuse threshold is missing",
        "notWholeNumber": "The AbuseIPDB setting {setting} must be a whole number (got \"{value}\").",
        "noAddress": "{name} has no A record to check on AbuseIPDB.",
        "vendorErrors": "AbuseIPDB error, check logs"
      }
    },
  },
  {
    load: () => import('./expansion/alphaMountain.js'),
    description: {
      "name": "alphaMountain",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "1.0",
        "author": "alphaMountain",
        "description": "alphaMountain threat intelligence lookup for IPs, domains, hostnames, and URLs - adds risk score tags",
        "name": "alphaMountain_risk",
        "logo": "",
        "requirements": [],
        "features": "",
        "references": []
      },
      "config": {
        "license": {
          "description": "Your alphaMountain API license key",
          "secret": true
        },
        "scan_depth": {
          "description": "Scan depth: low, medium, or high (default: medium)",
          "default": "medium"
        },
        "partner_type": {
          "description": "Partner type (default: partner.info)",
          "default": "partner.info"
        }
      },
      "attributes": {
        "input": ["ip", "ip-src", "ip-dst", "ip-src|port", "ip-dst|port", "domain", "hostname", "url", "uri", "link"],
        "output": ["text", "comment"],
        "format": "misp_standard",
        "userConfig": {
          "license": {
            "type": "String",
            "errorMessage": "alphaMountain license key is required",
            "message": "Your alphaMountain API license key"
          },
          "scan_depth": {
            "type": "String",
            "message": "Scan depth: low, medium, or high (default: medium)"
          },
          "partner_type": {
            "type": "String",
            "message": "Partner type (default: partner.info)"
          }
        }
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noConfig": "Configuration required",
        "noLicense": "License key required in module configuration",
        "noData": "No data returned from alphaMountain API"
      }
    },
  },
  {
    load: () => import('./expansion/anyrun_sandbox_submit.js'),
    description: {
      "name": "anyrun_sandbox_submit",
      "kind": "expansion",
      "moduleType": ["expansion"],
      "meta": {
        "version": "0.1",
        "author": "ANY.RUN integrations team",
        "description": "A module designed to submit URLs or files to the ANY.RUN Sandbox for analysis and return the unique analysis link and ID.",
        "name": "ANYRUN Sandbox Submit",
        "logo": "",
        "requirements": ["ANY.RUN Sandbox API-KEY"],
        "features": "Supports submission of URLs and files via the ANY.RUN API; requires an API key for authentication; returns the task ID and permanent URL for tracking analysis progress; integrates seamlessly with MISP events by enriching attributes with submission results.",
        "references": ["https://any.run"],
        "input": "Attachment, malware-sample or url to submit to ANY.RUN Sandbox.",
        "output": "ANY.RUN Sandbox analysis URL and UUID."
      },
      "config": {
        "api_key": {
          "description": "ANY.RUN Sandbox API key (without the \"API-KEY \" prefix).",
          "secret": true
        },
        "os_type": {
          "description": "Sandbox OS: windows, ubuntu, debian or android (required)."
        },
        "opt_timeout": {
          "description": "Analysis duration in seconds, 10-660 (default 240 for a file, 120 for a URL)."
        },
        "opt_network_connect": {
          "description": "Network connection on (default) or off (\"false\")."
        },
        "opt_network_fakenet": {
          "description": "FakeNet: \"true\" to turn it on (default off)."
        },
        "opt_network_tor": {
          "description": "TOR: \"true\" to route the traffic through TOR (default off)."
        },
        "opt_network_geo": {
          "description": "TOR exit country, e.g. US, AU (default fastest)."
        },
        "opt_network_mitm": {
          "description": "HTTPS MITM proxy: \"true\" to turn it on (default off)."
        },
        "opt_network_residential_proxy": {
          "description": "Residential proxy: \"true\" to turn it on (default off)."
        },
        "opt_network_residential_proxy_geo": {
          "description": "Residential proxy country, e.g. US, AU (default fastest)."
        },
        "opt_privacy_type": {
          "description": "Task privacy: public, bylink (default), owner or byteam."
        },
        "obj_ext_extension": {
          "description": "Files on Windows and Linux: change the extension to a valid one (default on). Ignored for URLs and on Android."
        },
        "obj_ext_browser": {
          "description": "URLs on Windows (Microsoft Edge by default, Google Chrome, Mozilla Firefox, Internet Explorer) and Linux (Google Chrome by default, Mozilla Firefox). Ignored for files and on Android."
        },
        "env_locale": {
          "description": "OS language, a locale or a country name, e.g. en-US or Brazil (default en-US)."
        },
        "env_version": {
          "description": "Windows version: 7, 10 (default), 11 or \"server 2025\". Windows only (ubuntu, debian and android are fixed by the SDK)."
        },
        "env_bitness": {
          "description": "Windows bitness: 32 or 64 (default). Windows only (ubuntu, debian and android are fixed by the SDK)."
        },
        "env_type": {
          "description": "Windows environment: complete (default) or development. Windows only (ubuntu, debian and android are fixed by the SDK)."
        },
        "obj_ext_startfolder": {
          "description": "Files on Windows and Linux: folder the file starts from: desktop, home, downloads, appdata, temp (default), windows, root. Android uses downloads. Ignored for URLs."
        },
        "obj_ext_cmd": {
          "description": "Files: an optional command line. Ignored for URLs."
        },
        "obj_force_elevation": {
          "description": "Files on Windows: \"true\" runs the file elevated (PE files only; default off). Ignored elsewhere."
        },
        "run_as_root": {
          "description": "Files on Linux: \"true\" runs the file as root (default off). Ignored elsewhere."
        }
      },
      "attributes": {
        "input": ["attachment", "malware-sample", "url"],
        "output": ["link", "text"]
      },
      "checkInput": true,
      "coalesce": false,
      "cache": false,
      "messages": {
        "httpStatus": "ANY.RUN answered HTTP {status}{detail}.",
        "noData": "ANY.RUN answered a report without its \"data\" object.",
        "jsonNotHtml": "ANY.RUN answered JSON where the HTML report was expected{detail}.",
        "iocsNotList": "ANY.RUN answered an IOC report that is not a list.",
        "missing": "[AnyRun Exception] Status code: unspecified. Description: ANYRUN Sandbox API-KEY and OS type must be specified.",
        "badOs": "[AnyRun Exception] Status code: unspecified. Description: Received invalid OS type: {os}. Supports: windows, ubuntu, debian, android",
        "badObject": "[AnyRun Exception] Status code: unspecified. Description: Received invalid Object. Supports: url, attachment, malware-sample.",
        "noFile": "[AnyRun Exception] Status code: unspecified. Description: You must specify file_content with filename or filepath to start analysis",
        "queued": "[AnyRun Exception] Status code: 500. Description: Analysis is not started. Queue ID: {queueId}",
        "noTaskId": "ANY.RUN answered without the id of the new task.",
        "linkComment": "ANY.RUN Analysis URL for attribute with ID = {uuid}",
        "idComment": "ANY.RUN Analysis ID for attribute with ID = {uuid}",
        "linkCommentNoUuid": "ANY.RUN Analysis URL",
        "idCommentNoUuid": "ANY.RUN Analysis ID",
        "sampleNoFile": "Could not extract malware sample from ZIP file: the archive holds no file.",
        "samplePassword": "Could not extract malware sample from ZIP file: the password '{password}' does not open it.",
        "sampleUnreadable": "Could not extract malware sample from ZIP file: {reason}",
        "fileNoData": "The {type} has no \"data\" field with its base64 content.",
        "fileNotBase64": "The \"data\" field is not valid base64."
      }
    },
  },
  {
    load: () => import('./expansion/apifreaks.js'),
    description: {
      "name": "apifreaks",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "1.0",
        "author": "APIFreaks",
        "description": "An expansion module for https://apifreaks.com/ that provides an enriched analysis of a domain, hostname, IP address, ASN or email address, including WHOIS, DNS, subdomains and domain-availability information.",
        "name": "APIFreaks Lookup",
        "logo": "apifreaks.png",
        "requirements": ["An access to the APIFreaks API (apikey)"],
        "features": "The module takes a domain, hostname, IP address, ASN or email attribute as input and queries the relevant APIFreaks WHOIS, Domain and DNS endpoints with it. The results of the queries are then parsed to extract as much information as possible and mapped into compatible MISP attributes.",
        "references": ["https://apifreaks.com/", "https://apifreaks.com/api"],
        "input": "A domain, hostname, IP address (ip-src/ip-dst), ASN (AS) or email (email-src/email-dst/target-email/whois-registrant-email) attribute.",
        "output": "MISP attributes resulting from the queries on the APIFreaks API, included in the following list:\n- domain\n- hostname\n- ip-src\n- ip-dst\n- AS\n- whois-registrant-email\n- whois-registrant-phone\n- whois-registrant-name\n- whois-registrar\n- whois-creation-date\n- dns-soa-email\n- email-src\n- datetime\n- text"
      },
      "config": {
        "apikey": {
          "description": "APIFreaks API key (sent in the X-apiKey header)",
          "secret": true
        },
        "do_whois": {
          "description": "WHOIS lookups of domains and IPs (1/true/yes; on when unset)"
        },
        "do_dns": {
          "description": "Live DNS lookup of domains (1/true/yes; on when unset)"
        },
        "do_subdomains": {
          "description": "Subdomain lookup of domains (1/true/yes; on when unset)"
        },
        "do_availability": {
          "description": "Availability check of domains (1/true/yes; on when unset)"
        },
        "do_history": {
          "description": "WHOIS and DNS history of domains (1/true/yes; on when unset)"
        },
        "do_reverse_dns": {
          "description": "Reverse DNS of IPs (1/true/yes; off when unset)"
        }
      },
      "attributes": {
        "input": [
          "domain",
          "hostname",
          "ip-src",
          "ip-dst",
          "AS",
          "email-src",
          "email-dst",
          "target-email",
          "whois-registrant-email"
        ],
        "output": [
          "domain",
          "hostname",
          "ip-src",
          "ip-dst",
          "AS",
          "whois-registrant-email",
          "whois-registrant-phone",
          "whois-registrant-name",
          "whois-registrar",
          "whois-creation-date",
          "dns-soa-email",
          "email-src",
          "datetime",
          "text"
        ]
      },
      "checkInput": false,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noKey": "An APIFreaks API key (apikey) is required.",
        "noInput": "Unsupported or missing input attribute.",
        "unsupportedType": "Unsupported attribute type: {type}"
      }
    },
  },
  {
    load: () => import('./expansion/apiosintds.js'),
    description: {
      "name": "apiosintds",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "0.2",
        "author": "Davide Baglieri aka davidonzo",
        "description": "On demand query API for OSINT.digitalside.it project.",
        "name": "OSINT DigitalSide",
        "logo": "",
        "requirements": [],
        "features": "The module simply queries the API of OSINT.digitalside.it with a domain, ip, url or hash attribute.\n\nThe result of the query is then parsed to extract additional hashes or urls. A module parameters also allows to parse the hashes related to the urls.\n\nFurthermore, it is possible to cache the urls and hashes collected over the last 7 days by OSINT.digitalside.it",
        "references": ["https://osint.digitalside.it/#About"],
        "input": "A domain, ip, url or hash attribute.",
        "output": "Hashes and urls resulting from the query to OSINT.digitalside.it"
      },
      "config": {
        "STIX2_details": {
          "description": "\"yes\": also read the STIX 2 report of each sample shown (TLP, first and last seen, VirusTotal ratio and link, file name, size and type). Default no."
        },
        "import_related": {
          "description": "\"yes\": also add the related items: the listed URLs on the host of an IP, domain or URL, the download URLs of a hash, with their hashes and reports. Default no."
        },
        "cache": {
          "description": "\"yes\": keep the downloaded lists in memory for cache_timeout_h hours; otherwise they are kept one hour at most (upstream downloaded them on every query)."
        },
        "cache_directory": {
          "description": "Accepted and ignored: the lists are kept in the server's memory, nothing is written to disk (upstream stored them in this directory)."
        },
        "cache_timeout_h": {
          "description": "Hours the lists are kept with cache \"yes\" (default and 0: 4, as upstream; at most 168)."
        },
        "local_directory": {
          "description": "A local clone of https://github.com/davidonzo/Threat-Intel: its lists/ (and stix2/ reports) are read instead of downloading them, again when a file changes; the cache settings are then ignored."
        }
      },
      "attributes": {
        "input": [
          "domain",
          "domain|ip",
          "hostname",
          "ip-dst",
          "ip-src",
          "ip-dst|port",
          "ip-src|port",
          "url",
          "md5",
          "sha1",
          "sha256",
          "filename|md5",
          "filename|sha1",
          "filename|sha256"
        ],
        "output": ["domain", "ip-dst", "url", "comment", "md5", "sha1", "sha256", "link", "text"]
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "invalidInput": "'{value}' is not an IPv4 address, a domain, a URL or an MD5/SHA1/SHA256 hash: the OSINT.digitalside.it lists hold nothing else.",
        "localDirectory": "Unable to read local 'Threat-Intel' directory ({directory}). Please, check your configuration and retry.",
        "localFile": "Unable to read {path} in the local 'Threat-Intel' directory ({reason}). Please, check your configuration and retry.",
        "localTooLarge": "{path} is larger than {limit} bytes, the largest list this module reads.",
        "listUnavailable": "Could not download the DigitalSide Threat-Intel list {file}: {reasons}.",
        "listEmpty": "The DigitalSide Threat-Intel list {file} seems to be empty.",
        "listNoDate": "The DigitalSide Threat-Intel list {file} has no \"Generated at\" date in its header: it is not a list this module can read.",
        "hashesNotJson": "The DigitalSide Threat-Intel list {file} is not valid JSON ({reason}).",
        "hashesMalformed": "The DigitalSide Threat-Intel list {file} has no \"generatedAt\" date or no \"lookup\" table: it is not a list this module can read.",
        "badTimeout": "Plugin.Enrichment_apiosintds_cache_timeout_h must be a whole number of hours from 0 to {max}, not '{value}'."
      }
    },
  },
  {
    load: () => import('./expansion/apivoid.js'),
    description: {
      "name": "apivoid",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "0.2",
        "author": "Christian Studer",
        "description": "Module to query APIVoid with some domain attributes.",
        "name": "APIVoid",
        "logo": "apivoid.png",
        "requirements": ["A valid APIVoid API key with enough credits to proceed 2 queries"],
        "features": "This module takes a domain name and queries API Void to get the related DNS records and the SSL certificates. It returns then those pieces of data as MISP objects that can be added to the event.\n\nTo make it work, a valid API key and enough credits to proceed 2 queries (0.06 + 0.07 credits) are required.",
        "references": ["https://www.apivoid.com/"],
        "input": "A domain attribute.",
        "output": "DNS records and SSL certificates related to the domain."
      },
      "config": {
        "apikey": {
          "description": "APIVoid API key",
          "secret": true
        }
      },
      "attributes": {
        "input": [
          "domain",
          "hostname",
          "email",
          "email-src",
          "email-dst",
          "email-reply-to",
          "dns-soa-email",
          "target-email",
          "whois-registrant-email"
        ],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noKey": "An API key for APIVoid is required.",
        "noCredits": "You do not have enough APIVoid credits to proceed your request.",
        "vendorError": "APIVoid answered with an error: {error}."
      }
    },
  },
  {
    load: () => import('./expansion/assemblyline_query.js'),
    description: {
      "name": "assemblyline_query",
      "kind": "expansion",
      "moduleType": ["expansion"],
      "meta": {
        "version": "1",
        "author": "Christian Studer",
        "description": "A module tu query the AssemblyLine API with a submission ID to get the submission report and parse it.",
        "name": "AssemblyLine Query",
        "logo": "assemblyline.png",
        "requirements": [],
        "features": "The module requires the address of the AssemblyLine server you want to query as well as your credentials used for this instance. Credentials include the used-ID and an API key or the password associated to the user-ID.\n\nThe submission ID extracted from the submission link is then used to query AssemblyLine and get the full submission report. This report is parsed to extract file objects and the associated IPs, domains or URLs the files are connecting to.\n\nSome more data may be parsed in the future.",
        "references": ["https://www.cyber.gc.ca/en/assemblyline"],
        "input": "Link of an AssemblyLine submission report.",
        "output": "MISP attributes & objects parsed from the AssemblyLine submission."
      },
      "config": {
        "apiurl": {
          "description": "Address of your AssemblyLine server (e.g. https://assemblyline.example.org), reached as configured."
        },
        "user_id": {
          "description": "Your AssemblyLine user ID."
        },
        "apikey": {
          "description": "Your AssemblyLine API key (tried first).",
          "secret": true
        },
        "password": {
          "description": "Your AssemblyLine password (tried when there is no API key or it is refused).",
          "secret": true
        },
        "verifyssl": {
          "description": "Verify the server's TLS certificate (default true; false, 0, no or off accept a self-signed one)."
        }
      },
      "attributes": {
        "input": ["link"],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "missingConfig": "Missing configuration.",
        "noUrl": "No AssemblyLine server address provided.",
        "noUser": "Please provide your AssemblyLine User ID.",
        "noCredential": "Please provide your AssemblyLine API key or Password.",
        "loginFailed": "{reasons}",
        "noSid": "Unable to extract a submission identifier from the provided attribute. Expected a link such as /submission/detail/<sid> or a URL containing sid=<sid>.",
        "completionFailed": "Something went wrong while trying to check if the submission in AssemblyLine is completed: {reason}",
        "notCompleted": "Submission not completed on AssemblyLine yet, please retry later.",
        "fetchFailed": "Something went wrong while getting the submission from AssemblyLine: {reason}",
        "empty": "AssemblyLine query completed but no enrichment data was returned."
      }
    },
  },
  {
    load: () => import('./expansion/assemblyline_submit.js'),
    description: {
      "name": "assemblyline_submit",
      "kind": "expansion",
      "moduleType": ["expansion"],
      "meta": {
        "version": "1",
        "author": "Christian Studer",
        "description": "A module to submit samples and URLs to AssemblyLine for advanced analysis, and return the link of the submission.",
        "name": "AssemblyLine Submit",
        "logo": "assemblyline.png",
        "requirements": [],
        "features": "The module requires the address of the AssemblyLine server you want to query as well as your credentials used for this instance. Credentials include the user-ID and an API key or the password associated to the user-ID.\n\nIf the sample or url is correctly submitted, you get then the link of the submission.",
        "references": ["https://www.cyber.gc.ca/en/assemblyline"],
        "input": "Sample, or url to submit to AssemblyLine.",
        "output": "Link of the report generated in AssemblyLine."
      },
      "config": {
        "apiurl": {
          "description": "Address of your AssemblyLine server (e.g. https://assemblyline.example.org), reached as configured."
        },
        "user_id": {
          "description": "Your AssemblyLine user ID."
        },
        "apikey": {
          "description": "Your AssemblyLine API key (tried first).",
          "secret": true
        },
        "password": {
          "description": "Your AssemblyLine password (tried when there is no API key or it is refused).",
          "secret": true
        },
        "verifyssl": {
          "description": "Verify the server's TLS certificate (default true; false, 0, no or off accept a self-signed one)."
        }
      },
      "attributes": {
        "input": ["attachment", "malware-sample", "url"],
        "output": ["link"]
      },
      "checkInput": true,
      "coalesce": false,
      "cache": false,
      "messages": {
        "missingConfig": "Missing configuration.",
        "noUrl": "No AssemblyLine server address provided.",
        "noUser": "Please provide your AssemblyLine User ID.",
        "noCredential": "Please provide your AssemblyLine API key or Password.",
        "loginFailed": "{reasons}",
        "noInput": "No valid attribute type for this module has been provided.",
        "noData": "The {type} has no \"data\" field with its content.",
        "contentFailed": "Error while submitting content to AssemblyLine: {reason}",
        "urlFailed": "Error while submitting url to AssemblyLine: {reason}",
        "unexpected": "Unexpected response received from AssemblyLine."
      }
    },
  },
  {
    load: () => import('./expansion/backscatter_io.js'),
    description: {
      "name": "backscatter_io",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "1",
        "author": "brandon@backscatter.io",
        "description": "Backscatter.io module to bring mass-scanning observations into MISP.",
        "name": "Backscatter.io",
        "logo": "backscatter_io.png",
        "requirements": [],
        "features": "The module takes a source or destination IP address as input and displays the information known by backscatter.io.",
        "references": ["https://pypi.org/project/backscatter/"],
        "input": "IP addresses.",
        "output": "Text containing a history of the IP addresses especially on scanning based on backscatter.io information ."
      },
      "config": {
        "api_key": {
          "description": "Backscatter.io API key",
          "secret": true
        }
      },
      "attributes": {
        "input": ["ip-src", "ip-dst"],
        "output": ["freetext"]
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noConfig": "Configuration is missing from the request.",
        "noKey": "Backscatter.io authentication is missing.",
        "failed": "{error}: {message}",
        "noResult": "Backscatter.io answered without a result."
      }
    },
  },
  {
    load: () => import('./expansion/btc_scam_check.js'),
    description: {
      "name": "btc_scam_check",
      "kind": "expansion",
      "moduleType": ["hover"],
      "meta": {
        "version": "0.1",
        "author": "Christian Studer",
        "description": "An expansion hover module to query a special dns blacklist to check if a bitcoin address has been abused.",
        "name": "BTC Scam Check",
        "logo": "bitcoin.png",
        "requirements": [],
        "features": "The module queries a dns blacklist directly with the bitcoin address and get a response if the address has been abused.",
        "references": ["https://btcblack.it/"],
        "input": "btc address attribute.",
        "output": "Text to indicate if the BTC address has been abused."
      },
      "config": {},
      "attributes": {
        "input": ["btc"],
        "output": ["text"]
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "notKnown": "{btc} is not known as a scam address.",
        "invalidAddress": "{btc} is probably not a valid BTC address.",
        "noAddress": "The request has no btc address as a string.",
        "lookupFailed": "Could not query the bitcoin blacklist bl.btcblack.it: {reason}"
      }
    },
  },
  {
    load: () => import('./expansion/btc_steroids.js'),
    description: {
      "name": "btc_steroids",
      "kind": "expansion",
      "moduleType": ["hover"],
      "meta": {
        "version": "0.1",
        "author": "Sascha Rommelfangen",
        "description": "An expansion hover module to get a blockchain balance from a BTC address in MISP.",
        "name": "BTC Steroids",
        "logo": "bitcoin.png",
        "requirements": [],
        "features": "",
        "references": [],
        "input": "btc address attribute.",
        "output": "Text to describe the blockchain balance and the transactions related to the btc address in input."
      },
      "config": {},
      "attributes": {
        "input": ["btc"],
        "output": ["text"]
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noAddress": "The request has no btc address.",
        "invalid": "Not a valid BTC address",
        "notAddressData": "blockchain.info answered something that is not address data (n_tx, final_balance, total_received, total_sent).",
        "truncated": "(Only the {shown} most recent of {total} transactions are shown.)",
        "pageFailed": "(The remaining transactions could not be read: {reason}.)",
        "noPrices": "(No USD/EUR values: {reason}.)"
      }
    },
  },
  {
    load: () => import('./expansion/censys_enrich.js'),
    description: {
      "name": "censys_enrich",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "0.1",
        "author": "Loïc Fortemps",
        "description": "An expansion module to enrich attributes in MISP by quering the censys.io API",
        "name": "Censys Enrich",
        "logo": "",
        "requirements": ["API credentials to censys.io"],
        "features": "This module takes an IP, hostname or a certificate fingerprint and attempts to enrich it by querying the Censys API.",
        "references": ["https://www.censys.io"],
        "input": "IP, domain or certificate fingerprint (md5, sha1 or sha256)",
        "output": "MISP objects retrieved from censys, including open ports, ASN, Location of the IP, x509 details"
      },
      "config": {
        "api_id": {
          "description": "Your Censys API ID (HTTP Basic user name)."
        },
        "api_secret": {
          "description": "Your Censys API secret (HTTP Basic password).",
          "secret": true
        }
      },
      "attributes": {
        "input": [
          "ip-src",
          "ip-dst",
          "domain",
          "hostname",
          "hostname|port",
          "domain|ip",
          "ip-dst|port",
          "ip-src|port",
          "x509-fingerprint-md5",
          "x509-fingerprint-sha1",
          "x509-fingerprint-sha256"
        ],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noConfig": "Please provide config options",
        "noCredentials": "Censys API credentials are missing",
        "nothingFound": "Nothing could be found on Censys",
        "censysError": "ERROR: param {value} / response: {error}"
      }
    },
  },
  {
    load: () => import('./expansion/circl_passivedns.js'),
    description: {
      "name": "circl_passivedns",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "0.2",
        "author": "Alexandre Dulaunoy",
        "description": "Module to access CIRCL Passive DNS.",
        "name": "CIRCL Passive DNS",
        "logo": "passivedns.png",
        "requirements": ["A CIRCL passive DNS account with username & password"],
        "features": "This module takes a hostname, domain or ip-address (ip-src or ip-dst) attribute as input, and queries the CIRCL Passive DNS REST API to get the asssociated passive dns entries and return them as MISP objects.\n\nTo make it work a username and a password are thus required to authenticate to the CIRCL Passive DNS API.",
        "references": [
          "https://www.circl.lu/services/passive-dns/",
          "https://datatracker.ietf.org/doc/draft-dulaunoy-dnsop-passive-dns-cof/"
        ],
        "input": "Hostname, domain, or ip-address attribute.",
        "output": "Passive DNS objects related to the input attribute."
      },
      "config": {
        "username": {
          "description": "CIRCL Passive DNS username. Required."
        },
        "password": {
          "description": "CIRCL Passive DNS password. Required.",
          "secret": true
        }
      },
      "attributes": {
        "input": ["hostname", "domain", "ip-src", "ip-dst", "ip-src|port", "ip-dst|port"],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noConfig": "CIRCL Passive DNS authentication is missing.",
        "incomplete": "CIRCL Passive DNS authentication is incomplete, please provide your username and password.",
        "notFound": "Not found"
      }
    },
  },
  {
    load: () => import('./expansion/circl_passivessl.js'),
    description: {
      "name": "circl_passivessl",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "0.2",
        "author": "Raphaël Vinot",
        "description": "Modules to access CIRCL Passive SSL.",
        "name": "CIRCL Passive SSL",
        "logo": "passivessl.png",
        "requirements": ["A CIRCL passive SSL account with username & password"],
        "features": "This module takes an ip-address (ip-src or ip-dst) attribute as input, and queries the CIRCL Passive SSL REST API to gather the related certificates and return the corresponding MISP objects.\n\nTo make it work a username and a password are required to authenticate to the CIRCL Passive SSL API.",
        "references": ["https://www.circl.lu/services/passive-ssl/"],
        "input": "IP address attribute.",
        "output": "x509 certificate objects seen by the IP address(es)."
      },
      "config": {
        "username": {
          "description": "CIRCL Passive SSL username. Required."
        },
        "password": {
          "description": "CIRCL Passive SSL password. Required.",
          "secret": true
        }
      },
      "attributes": {
        "input": ["ip-src", "ip-dst", "ip-src|port", "ip-dst|port"],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noConfig": "CIRCL Passive SSL authentication is missing.",
        "incomplete": "CIRCL Passive SSL authentication is incomplete, please provide your username and password.",
        "notFound": "Not found",
        "serviceError": "CIRCL Passive SSL: {error}"
      }
    },
  },
  {
    load: () => import('./expansion/clamav.js'),
    description: {
      "name": "clamav",
      "kind": "expansion",
      "moduleType": ["expansion"],
      "meta": {
        "version": "0.1",
        "author": "Jakub Onderka",
        "description": "Submit file to ClamAV",
        "name": "ClaamAV",
        "features": "Sends the file of an attachment or malware-sample attribute (the latter unzipped with the password \"infected\") to clamd with INSTREAM; a detection becomes an av-signature object (signature, software) that belongs to the attribute. Usable as MISP.attachment_scan_module.",
        "input": "An attachment or malware-sample attribute with its data.",
        "output": "An av-signature object when ClamAV detects something; empty results when the file is clean."
      },
      "config": {
        "connection": {
          "description": "Where clamd listens: unix:///run/clamav/clamd.ctl or host:port (127.0.0.1:3310).",
          "required": true
        }
      },
      "attributes": {
        "input": ["attachment", "malware-sample"],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "sampleNoFile": "Could not extract malware sample from ZIP file: the archive holds no file.",
        "samplePassword": "Could not extract malware sample from ZIP file: the password '{password}' does not open it.",
        "sampleUnreadable": "Could not extract malware sample from ZIP file: {reason}",
        "noConnection": "No ClamAV connection string provided: set Plugin.Enrichment_clamav_connection in MISP's server settings.",
        "wrongType": "Invalid attribute type provided, expected 'malware-sample' or 'attachment'",
        "noData": "No attribute data provided",
        "notBase64": "Provided data is not valid base64 encoded string",
        "connectFailed": "Could not connect to ClamAV at {target}: {reason}",
        "sendFailed": "Could not send attribute data to ClamAV. Maybe file is too big? ({reason})",
        "sizeLimit": "Could not send attribute data to ClamAV. Maybe file is too big? (clamd: {reason}; raise StreamMaxLength in clamd.conf)",
        "clamdError": "ClamAV returned error message: {reason}",
        "invalidStatus": "ClamAV returned invalid status: {reply}"
      }
    },
  },
  {
    load: () => import('./expansion/cluster25_expand.js'),
    description: {
      "name": "cluster25_expand",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "0.1",
        "author": "Milo Volpicelli",
        "description": "Module to query Cluster25 CTI.",
        "name": "Cluster25 Expand",
        "logo": "cluster25.png",
        "requirements": ["A Cluster25 API access (API id & key)"],
        "features": "This module takes a MISP attribute value as input to query the Cluster25CTI API. The result is then mapped into compatible MISP Objects and relative attributes.\n",
        "references": [""],
        "input": "An Indicator value of type included in the following list:\n- domain\n- email-src\n- email-dst\n- filename\n- md5\n- sha1\n- sha256\n- ip-src\n- ip-dst\n- url\n- vulnerability\n- btc\n- xmr\n ja3-fingerprint-md5",
        "output": "A series of c25 MISP Objects with colletion of attributes mapped from Cluster25 CTI query result."
      },
      "config": {
        "api_id": {
          "description": "Cluster25 API client id"
        },
        "apikey": {
          "description": "Cluster25 API client secret",
          "secret": true
        },
        "base_url": {
          "description": "Cluster25 API base URL (e.g. https://api.intelligence.cluster25.io/api/v1)"
        }
      },
      "attributes": {
        "input": [
          "domain",
          "email-src",
          "email-dst",
          "filename",
          "md5",
          "sha1",
          "sha256",
          "ip-src",
          "ip-dst",
          "url",
          "vulnerability",
          "btc",
          "xmr",
          "ja3-fingerprint-md5"
        ],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noKey": "Cluster25 apikey is missing",
        "noId": "Cluster25 api_id is missing",
        "noBaseUrl": "Cluster25 base_url is missing",
        "tokenFailed": "Unable to retrieve the token from C25 platform, status {status}{said}",
        "noToken": "The C25 platform answered no token (data.token).",
        "investigateFailed": "Unable to retrieve investigate result for indicator '{value}' from C25 platform, status {status}{said}"
      }
    },
  },
  {
    load: () => import('./expansion/convert_markdown_to_pdf.js'),
    description: {
      "name": "convert_markdown_to_pdf",
      "kind": "expansion",
      "moduleType": ["expansion"],
      "meta": {
        "version": "0.3",
        "author": "Sami Mokaddem",
        "description": "Render the markdown (under GFM) into PDF. Requires pandoc (https://pandoc.org/), wkhtmltopdf (https://wkhtmltopdf.org/) and mermaid dependencies.",
        "name": "Markdown to PDF converter",
        "logo": "",
        "requirements": [],
        "features": "GFM markdown (headings, emphasis, lists and task lists, code, block quotes, tables, links) laid out on A4 pages without external programs. Raw HTML prints literally; images are not fetched; mermaid diagrams print as their source.",
        "references": [],
        "input": "text: a JSON string {\"markdown\": \"…\"}.",
        "output": "The PDF, base64-encoded, as the single value of a text result."
      },
      "config": {},
      "attributes": {
        "input": ["text"],
        "output": ["text"]
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noText": "The request has no \"text\" field.",
        "notJson": "The \"text\" field must be a JSON object {\"markdown\": \"…\"}: {reason}",
        "noMarkdown": "The \"text\" field must be a JSON object {\"markdown\": \"…\"} with the markdown as a string."
      }
    },
  },
  {
    load: () => import('./expansion/countrycode.js'),
    description: {
      "name": "countrycode",
      "kind": "expansion",
      "moduleType": ["hover"],
      "meta": {
        "version": "1",
        "author": "Hannah Ward",
        "description": "Module to expand country codes.",
        "name": "Country Code",
        "logo": "",
        "requirements": [],
        "features": "The module takes a domain or a hostname as input, and returns the country it belongs to.\n\nFor non country domains, a list of the most common possible extensions is used.",
        "references": [],
        "input": "Hostname or domain attribute.",
        "output": "Text with the country code the input belongs to."
      },
      "config": {},
      "attributes": {
        "input": ["domain", "hostname"]
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noName": "The request has no domain or hostname to read a top-level domain from.",
        "unknown": "Unknown",
        "notReachable": "{url} not reachable",
        "noReferences": "Not able to get the countrycode references from {url}",
        "notOk": "geognos.com answered StatusMsg {status} instead of OK."
      }
    },
  },
  {
    load: () => import('./expansion/cpe.js'),
    description: {
      "name": "cpe",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "2",
        "author": "Christian Studer",
        "description": "An expansion module to query the CVE search API with a cpe code to get its related vulnerabilities.",
        "name": "CPE Lookup",
        "logo": "cve.png",
        "requirements": [],
        "features": "The module takes a cpe attribute as input and queries the CVE search API to get its related vulnerabilities.  \nThe list of vulnerabilities is then parsed and returned as vulnerability objects.\n\nUsers can use their own CVE search API url by defining a value to the custom_API_URL parameter. If no custom API url is given, the default vulnerability.circl.lu api url is used.\n\nIn order to limit the amount of data returned by CVE serach, users can also the limit parameter. With the limit set, the API returns only the requested number of vulnerabilities, sorted from the highest cvss score to the lowest one.",
        "references": ["https://vulnerability.circl.lu/api/"],
        "input": "CPE attribute.",
        "output": "The vulnerabilities related to the CPE."
      },
      "config": {
        "custom_API_URL": {
          "description": "Full URL of another cve-search query API (default https://cvepremium.circl.lu/api/query)"
        },
        "limit": {
          "description": "At most this many vulnerabilities, highest CVSS first (default 10)"
        }
      },
      "attributes": {
        "input": ["cpe"],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noVulnerability": "No related vulnerability for this CPE.",
        "badLimit": "The setting limit must be a positive whole number, not \"{value}\"."
      }
    },
  },
  {
    load: () => import('./expansion/crowdsec.js'),
    description: {
      "name": "crowdsec",
      "kind": "expansion",
      "moduleType": ["hover", "expansion"],
      "meta": {
        "version": "2.1",
        "author": "Shivam Sandbhor <shivam@crowdsec.net>",
        "description": "Module to access CrowdSec CTI API.",
        "name": "CrowdSec CTI",
        "logo": "crowdsec.png",
        "requirements": [
          "A CrowdSec CTI API key. Get yours by following https://docs.crowdsec.net/docs/cti_api/getting_started/#getting-an-api-key"
        ],
        "features": "This module enables IP lookup from CrowdSec CTI API. It provides information about the IP, such as what kind of attacks it has been participant of as seen by CrowdSec's network. It also includes enrichment by CrowdSec like background noise score, aggressivity over time etc.",
        "references": [
          "https://www.crowdsec.net/",
          "https://docs.crowdsec.net/docs/cti_api/getting_started",
          "https://app.crowdsec.net/"
        ],
        "input": "An IP address.",
        "output": "IP Lookup information from CrowdSec CTI API"
      },
      "config": {
        "api_key": {
          "description": "Your CrowdSec CTI API key, sent in the x-api-key header.",
          "secret": true
        },
        "add_reputation_tag": {
          "description": "Tag the IP with its reputation (true/false, default true)."
        },
        "add_behavior_tag": {
          "description": "Tag the IP with its behaviours (true/false, default true)."
        },
        "add_classification_tag": {
          "description": "Tag the IP with its classifications and false positives (true/false, default true)."
        },
        "add_mitre_technique_tag": {
          "description": "Tag the IP with its MITRE ATT&CK techniques (true/false, default true)."
        },
        "add_cve_tag": {
          "description": "Tag the IP with the CVEs it exploits (true/false, default true)."
        }
      },
      "attributes": {
        "input": ["ip-dst", "ip-src"],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noConfig": "Missing CrowdSec Config",
        "noKey": "Missing CrowdSec API key",
        "invalidIp": "IP ({ip}) is not valid for calling CrowdSec CTI. Please provide a valid IP address.",
        "notFound": "CrowdSec CTI has no information about {ip}."
      }
    },
  },
  {
    load: () => import('./expansion/crowdstrike_falcon.js'),
    description: {
      "name": "crowdstrike_falcon",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "0.3",
        "author": "Christophe Vandeplas",
        "description": "Module to query CrowdStrike Falcon.",
        "name": "CrowdStrike Falcon",
        "logo": "crowdstrike.png",
        "requirements": ["A CrowdStrike API access (API id & key)"],
        "features": "This module takes a MISP attribute as input to query a CrowdStrike Falcon API. The API returns then the result of the query with some types we map into compatible types we add as MISP attributes.\n\nPlease note that composite attributes composed by at least one of the input types mentionned below (domains, IPs, hostnames) are also supported.",
        "references": ["https://www.crowdstrike.com/products/crowdstrike-falcon-faq/"],
        "input": "A MISP attribute included in the following list:\n- domain\n- email-attachment\n- email-dst\n- email-reply-to\n- email-src\n- email-subject\n- filename\n- hostname\n- ip-src\n- ip-dst\n- md5\n- mutex\n- regkey\n- sha1\n- sha256\n- uri\n- url\n- user-agent\n- whois-registrant-email\n- x509-fingerprint-md5",
        "output": "MISP attributes mapped after the CrowdStrike API has been queried, included in the following list:\n- hostname\n- email-src\n- email-subject\n- filename\n- md5\n- sha1\n- sha256\n- ip-dst\n- ip-dst\n- mutex\n- regkey\n- url\n- user-agent\n- x509-fingerprint-md5"
      },
      "config": {
        "api_id": {
          "description": "CrowdStrike API client id (OAuth2 client_id)"
        },
        "apikey": {
          "description": "CrowdStrike API client secret (OAuth2 client_secret)",
          "secret": true
        }
      },
      "attributes": {
        "input": [
          "domain",
          "email-attachment",
          "email-dst",
          "email-reply-to",
          "email-src",
          "email-subject",
          "filename",
          "hostname",
          "ip",
          "ip-src",
          "ip-dst",
          "md5",
          "mutex",
          "regkey",
          "sha1",
          "sha256",
          "uri",
          "url",
          "user-agent",
          "whois-registrant-email",
          "x509-fingerprint-md5"
        ],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noKey": "CrowdStrike apikey is missing",
        "noId": "CrowdStrike api_id is missing",
        "refused": "CrowdStrike Falcon refused the key (settings api_id/apikey, HTTP {status}){said}.",
        "noToken": "CrowdStrike Falcon issued no access token (HTTP {status}).",
        "apiError": "CrowdStrike Falcon API Error: {errors}"
      }
    },
  },
  {
    load: () => import('./expansion/cuckoo_submit.js'),
    description: {
      "name": "cuckoo_submit",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "0.1",
        "author": "Evert Kors",
        "description": "Submit files and URLs to Cuckoo Sandbox",
        "name": "Cuckoo Submit",
        "logo": "cuckoo.png",
        "requirements": ["Access to a Cuckoo Sandbox API and an API key if the API requires it. (api_url and api_key)"],
        "features": "The module takes a malware-sample, attachment, url or domain and submits it to Cuckoo Sandbox.\n The returned task id can be used to retrieve results when the analysis completed.",
        "references": ["https://cuckoosandbox.org/", "https://cuckoo.sh/docs/"],
        "input": "A malware-sample or attachment for files. A url or domain for URLs.",
        "output": "A text field containing 'Cuckoo task id: <id>'"
      },
      "config": {
        "api_url": {
          "description": "URL of your Cuckoo Sandbox REST API (e.g. http://cuckoo.example.org:8090), reached as configured."
        },
        "api_key": {
          "description": "Bearer token of the Cuckoo API, if it requires one.",
          "secret": true
        }
      },
      "attributes": {
        "input": ["attachment", "malware-sample", "url", "domain"],
        "output": ["text"]
      },
      "checkInput": true,
      "coalesce": false,
      "cache": false,
      "messages": {
        "noUrl": "No Cuckoo API URL provided",
        "badKey": "Failed to submit to Cuckoo: Invalid or no Cuckoo Sandbox API key provided",
        "failed": "File or URL submission failed",
        "failedBecause": "File or URL submission failed: {reason}",
        "taskId": "Cuckoo task id: {id}",
        "sampleNoFile": "Could not extract malware sample from ZIP file: the archive holds no file.",
        "samplePassword": "Could not extract malware sample from ZIP file: the password '{password}' does not open it.",
        "sampleUnreadable": "Could not extract malware sample from ZIP file: {reason}",
        "fileNoData": "The {type} has no \"data\" field with its base64 content.",
        "fileNotBase64": "The \"data\" field is not valid base64."
      }
    },
  },
  {
    load: () => import('./expansion/cve.js'),
    description: {
      "name": "cve",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "2",
        "author": "Alexandre Dulaunoy",
        "description": "An expansion hover module to expand information about CVE id.",
        "name": "CVE Lookup",
        "logo": "vulnerability_lookup.png",
        "requirements": [],
        "features": "The module takes a vulnerability attribute as input and queries Vulnerability Lookup to get additional information based on the Vulnerability ID. CVE records give the title, English description, dates, state, credits, CVSS score and vector, references, vulnerable CPEs and CWE weaknesses; GitHub, PyPI and OpenSSF (OSV), NVD (fkie_cve), GCVE, CNVD and CSAF advisories are read too, and the vulnerabilities they name are looked up and linked. Supported ID prefixes: cve, gcve, ghsa, pysec, mal, fkie_cve, cnvd, cisco, icsa, icsma, msrc_cve, ncsc, nn, opensuse, oxas, rhba, rhea, rhsa, sca, suse, ssa, va, wid.",
        "references": ["https://cve.circl.lu/", "https://cve.mitre.org/"],
        "input": "Vulnerability attribute.",
        "output": "Additional information on the vulnerability, gathered from the Vulnerability Lookup API: vulnerability objects (related-to the input and to each other) and weakness objects (weakened-by)."
      },
      "config": {},
      "attributes": {
        "input": ["vulnerability"],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "notAccessible": "Vulnerability Lookup API not accessible. (HTTP {status})",
        "notFound": "Non existing vulnerability ID.",
        "unexpectedAnswer": "Vulnerability Lookup answered something that is not a vulnerability record.",
        "emptyId": "The vulnerability attribute has an empty value.",
        "unknownPrefix": "No parser for vulnerability IDs starting with '{prefix}' (supported prefixes: cve, gcve, ghsa, pysec, mal, fkie_cve, cnvd, cisco, icsa, icsma, msrc_cve, ncsc, nn, opensuse, oxas, rhba, rhea, rhsa, sca, suse, ssa, va, wid)."
      }
    },
  },
  {
    load: () => import('./expansion/cve_advanced.js'),
    description: {
      "name": "cve_advanced",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "2",
        "author": "Christian Studer",
        "description": "An expansion module to query the CIRCL CVE search API for more information about a vulnerability (CVE).",
        "name": "CVE Advanced Lookup",
        "logo": "cve.png",
        "requirements": [],
        "features": "The module takes a vulnerability attribute as input and queries the CIRCL CVE search API to gather additional information.\n\nThe result of the query is then parsed to return additional information about the vulnerability, like its cvss score or some references, as well as the potential related weaknesses and attack patterns.\n\nThe vulnerability additional data is returned in a vulnerability MISP object, and the related additional information are put into weakness and attack-pattern MISP objects.",
        "references": ["https://vulnerability.circl.lu", "https://cve/mitre.org/"],
        "input": "Vulnerability attribute.",
        "output": "Additional information about the vulnerability, such as its cvss score, some references, or the related weaknesses and attack patterns."
      },
      "config": {
        "custom_API": {
          "description": "Root URL of another cve-search API (default https://cvepremium.circl.lu/api/)"
        }
      },
      "attributes": {
        "input": ["vulnerability"],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "notFound": "Non existing CVE"
      }
    },
  },
  {
    load: () => import('./expansion/cytomic_orion.js'),
    description: {
      "name": "cytomic_orion",
      "kind": "expansion",
      "moduleType": ["expansion"],
      "meta": {
        "version": "0.3",
        "author": "Koen Van Impe",
        "description": "An expansion module to enrich attributes in MISP by quering the Cytomic Orion API",
        "name": "Cytomic Orion Lookup",
        "logo": "cytomic_orion.png",
        "requirements": ["Access (license) to Cytomic Orion"],
        "features": "This module takes an MD5 hash and searches for occurrences of this hash in the Cytomic Orion database. Returns observed files and machines.",
        "references": [
          "https://www.vanimpe.eu/2020/03/10/integrating-misp-and-cytomic-orion/",
          "https://www.cytomicmodel.com/solutions/"
        ],
        "input": "MD5, hash of the sample / malware to search for.",
        "output": "MISP objects with sightings of the hash in Cytomic Orion. Includes files and machines."
      },
      "config": {
        "api_url": {
          "description": "Base URL of the Cytomic Orion API (e.g. https://api-orion.cytomicmodel.com/api/v1)."
        },
        "token_url": {
          "description": "OAuth2 token endpoint of Cytomic Orion."
        },
        "clientid": {
          "description": "OAuth2 client id (sent as HTTP Basic to token_url)."
        },
        "clientsecret": {
          "description": "OAuth2 client secret (sent as HTTP Basic to token_url).",
          "secret": true
        },
        "username": {
          "description": "Cytomic Orion user name (password grant)."
        },
        "password": {
          "description": "Cytomic Orion password (password grant).",
          "secret": true
        },
        "upload_timeframe": {
          "description": "Accepted and ignored: used by upstream's separate push script, not by the enrichment."
        },
        "upload_tag": {
          "description": "Accepted and ignored: used by upstream's separate push script, not by the enrichment."
        },
        "delete_tag": {
          "description": "Accepted and ignored: used by upstream's separate push script, not by the enrichment."
        },
        "upload_ttlDays": {
          "description": "Accepted and ignored: used by upstream's separate push script, not by the enrichment."
        },
        "upload_threat_level_id": {
          "description": "Accepted and ignored: used by upstream's separate push script, not by the enrichment."
        },
        "limit_upload_events": {
          "description": "Accepted and ignored: used by upstream's separate push script, not by the enrichment."
        },
        "limit_upload_attributes": {
          "description": "Accepted and ignored: used by upstream's separate push script, not by the enrichment."
        }
      },
      "attributes": {
        "input": ["md5"],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "missingConfig": "Missing configuration",
        "missingCredentials": "No scope, grant_type, username or password supplied.",
        "missingClient": "No token_url, clientid or clientsecret supplied.",
        "missingApiUrl": "No api_url supplied.",
        "tokenUnreachable": "Unable to connect to token_url.",
        "noToken": "No token received.",
        "tokenRefused": "Cytomic Orion refused the token request (HTTP {status}){said}."
      }
    },
  },
  {
    load: () => import('./expansion/dbl_spamhaus.js'),
    description: {
      "name": "dbl_spamhaus",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "0.1",
        "author": "Christian Studer",
        "description": "Checks Spamhaus DBL for a domain name.",
        "name": "DBL Spamhaus Lookup",
        "logo": "spamhaus.jpg",
        "requirements": [],
        "features": "This modules takes a domain or a hostname in input and queries the Domain Block List provided by Spamhaus to determine what kind of domain it is.\n\nDBL then returns a response code corresponding to a certain classification of the domain we display. If the queried domain is not in the list, it is also mentionned.\n\nPlease note that composite MISP attributes containing domain or hostname are supported as well.",
        "references": ["https://www.spamhaus.org/faq/section/Spamhaus%20DBL"],
        "input": "Domain or hostname attribute.",
        "output": "Information about the nature of the input."
      },
      "config": {},
      "attributes": {
        "input": ["domain", "domain|ip", "hostname", "hostname|port"],
        "output": ["text"]
      },
      "checkInput": false,
      "coalesce": true,
      "cache": true,
      "messages": {
        "unsupported": "Unsupported attributes type",
        "listed": "{value} - {classification}",
        "notListed": "The DNS query name does not exist: {name}.",
        "failed": "Not able to reach dbl.spamhaus.org or something went wrong",
        "invalidName": "{value} is not a domain name that can be looked up in the DBL."
      }
    },
  },
  {
    load: () => import('./expansion/dns.js'),
    description: {
      "name": "dns",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "0.4",
        "author": "Alexandre Dulaunoy",
        "description": "Simple DNS expansion service to resolve IP address from MISP attributes",
        "name": "DNS Resolver",
        "logo": "",
        "requirements": [],
        "features": "The module takes a domain or hostname attribute as input and resolves it. Every IPv4 (A) and IPv6 (AAAA) address is returned; when the name cannot be resolved the reason is displayed (NXDOMAIN, Timeout, or the DNS error).\n\nThe DNS resolver to use is configurable (`nameserver`: one or more addresses, `ip` or `ip:port`, separated by commas). When the request carries no configuration at all, Google public DNS (8.8.8.8) is used unless the server has a `--dns-server`; with a configuration but no nameserver, the server's resolvers are used.\n\nComposite domain|ip attributes are supported (the domain part is resolved).",
        "references": [],
        "input": "Domain or hostname attribute.",
        "output": "IP addresses (IPv4 and IPv6) resolving the input."
      },
      "config": {
        "nameserver": {
          "description": "DNS server(s) to query: ip, ip:port or [ipv6]:port, comma separated. Empty: the system resolvers."
        }
      },
      "attributes": {
        "input": ["hostname", "domain", "domain|ip"],
        "output": ["ip-src", "ip-dst"]
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "nxdomain": "NXDOMAIN",
        "timeout": "Timeout",
        "error": "DNS resolving error: {reason}",
        "noRecord": "DNS resolving error: {name} has no A or AAAA record.",
        "noInput": "The request has none of {inputs} as a string.",
        "noName": "The {type} attribute holds no name to resolve."
      }
    },
  },
  {
    load: () => import('./expansion/docx_enrich.js'),
    description: {
      "name": "docx_enrich",
      "kind": "expansion",
      "moduleType": ["expansion"],
      "meta": {
        "version": "0.1",
        "author": "Sascha Rommelfangen",
        "description": "Module to extract freetext from a .docx document.",
        "name": "DOCX Enrich",
        "logo": "docx.png",
        "requirements": ["None: the server reads .docx files itself."],
        "features": "The module reads the text contained in a .docx document. The result is passed to the freetext import parser so IoCs can be extracted out of it.",
        "references": [],
        "input": "Attachment attribute containing a .docx document.",
        "output": "Text and freetext parsed from the document."
      },
      "config": {},
      "attributes": {
        "input": ["attachment"],
        "output": ["freetext", "text"]
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "notPdf": "the file is not a PDF (no %PDF- header)",
        "pdfPassword": "the PDF is protected by a password",
        "pdfDamaged": "the file is not a PDF or is damaged ({detail})",
        "pdfUnreadable": "{detail}",
        "noData": "Couldn't fetch attachment (JSON 'data' is empty). Are you using the 'Query enrichment' action?",
        "unreadable": "Couldn't analyze file as {kind}. Error was: {detail}.",
        "notZip": "the file is not {kind}: it is not a zip package",
        "encrypted": "the document package is encrypted",
        "noPart": "the package has no part \"{part}\"",
        "noMainPart": "the package has no main document (no officeDocument relationship in _rels/.rels)",
        "notWord": "the package is not a Word document (its main part is {contentType})",
        "noWordBody": "{part} has no w:body element",
        "notPowerPoint": "the package is not a PowerPoint presentation (its main part is {contentType})",
        "notExcel": "the package is not an Excel workbook (its main part is {contentType})",
        "noWorksheet": "the workbook has no worksheet",
        "noOdfContent": "the package has no content.xml (not an OpenDocument file)",
        "wrongOdfType": "the package is {mimetype}, not {kind}",
        "noOdfBody": "content.xml has no office:body/office:{body}",
        "badXml": "{part} is not well-formed XML: {reason} (line {line}, column {column})",
        "noXmlElement": "{part} holds no XML element"
      }
    },
  },
  {
    load: () => import('./expansion/domaintools.js'),
    description: {
      "name": "domaintools",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "0.1",
        "author": "Raphaël Vinot",
        "description": "DomainTools MISP expansion module.",
        "name": "DomainTools Lookup",
        "logo": "domaintools.png",
        "requirements": ["A Domaintools API access (username & apikey)"],
        "features": "This module takes a MISP attribute as input to query the Domaintools API. The API returns then the result of the query with some types we map into compatible types we add as MISP attributes.\n\nPlease note that composite attributes composed by at least one of the input types mentionned below (domains, IPs, hostnames) are also supported.",
        "references": ["https://www.domaintools.com/"],
        "input": "A MISP attribute included in the following list:\n- domain\n- hostname\n- email-src\n- email-dst\n- target-email\n- whois-registrant-email\n- whois-registrant-name\n- whois-registrant-phone\n- ip-src\n- ip-dst",
        "output": "MISP attributes mapped after the Domaintools API has been queried, included in the following list:\n- whois-registrant-email\n- whois-registrant-phone\n- whois-registrant-name\n- whois-registrar\n- whois-creation-date\n- text\n- domain"
      },
      "config": {
        "username": {
          "description": "Your DomainTools API username."
        },
        "api_key": {
          "description": "Your DomainTools API key; it signs each request (HMAC-SHA256) and is never sent.",
          "secret": true
        }
      },
      "attributes": {
        "input": [
          "domain",
          "email-src",
          "email-dst",
          "target-email",
          "whois-registrant-email",
          "whois-registrant-name",
          "whois-registrant-phone",
          "ip-src",
          "ip-dst"
        ],
        "output": [
          "whois-registrant-email",
          "whois-registrant-phone",
          "whois-registrant-name",
          "whois-registrar",
          "whois-creation-date",
          "freetext",
          "domain"
        ]
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noConfig": "DomainTools authentication is missing",
        "incomplete": "DomainTools authentication is incomplete",
        "unsupported": "Unsupported attributes type",
        "refused": "DomainTools refused the credentials (settings username and api_key, HTTP {status}): {detail}.",
        "limitExceeded": "DomainTools limit exceeded: {detail}."
      }
    },
  },
  {
    load: () => import('./expansion/email_security_check.js'),
    description: {
      "name": "email_security_check",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "0.2",
        "author": "Mihai Saveanu",
        "description": "Check email security posture (SPF, DKIM, DMARC, MTA-STS) for a domain.",
        "name": "Email Security Check",
        "logo": "",
        "requirements": [],
        "features": "The module takes a domain or hostname attribute as input and queries DNS for email security records: SPF (TXT), DMARC (_dmarc), DKIM (common selectors), and MTA-STS (_mta-sts). Returns structured MISP attributes with a domain-ip object linking the findings to the queried domain.",
        "references": ["https://tools.ietf.org/html/rfc7208", "https://tools.ietf.org/html/rfc7489"],
        "input": "A domain or hostname attribute.",
        "output": "Domain-ip MISP object with email security assessment attributes."
      },
      "config": {
        "custom_resolver": {
          "description": "DNS server to ask: ip, ip:port or [ipv6]:port. Empty: the server's resolver (--dns-server, else the system's)."
        }
      },
      "attributes": {
        "input": ["domain", "hostname"],
        "format": "misp_standard"
      },
      "checkInput": false,
      "coalesce": true,
      "cache": true,
      "messages": {
        "invalidAttribute": "Missing or invalid attribute.",
        "unsupportedType": "Unsupported attribute type: {type}",
        "invalidDomain": "{value} is not a domain name that can be looked up.",
        "lookupFailed": "Could not check the email security records of {domain}: {reason}"
      }
    },
  },
  {
    load: () => import('./expansion/eql.js'),
    description: {
      "name": "eql",
      "kind": "expansion",
      "moduleType": ["expansion"],
      "meta": {
        "version": "0.1",
        "author": "92 COS DOM",
        "description": "EQL query generation for a MISP attribute.",
        "name": "EQL Query Generator",
        "logo": "eql.png",
        "features": "This module adds a new attribute to a MISP event containing an EQL query for a network or file attribute.",
        "references": ["https://eql.readthedocs.io/en/latest/"],
        "input": "A filename or ip attribute.",
        "output": "Attribute containing EQL for a network or file attribute."
      },
      "config": {},
      "attributes": {
        "input": ["ip-src", "ip-dst", "filename"]
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "unsupported": "Unsupported attributes type"
      }
    },
  },
  {
    load: () => import('./expansion/eupi.js'),
    description: {
      "name": "eupi",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "0.1",
        "author": "Raphaël Vinot",
        "description": "A module to query the Phishing Initiative service (https://phishing-initiative.lu).",
        "name": "EUPI Lookup",
        "logo": "eupi.png",
        "requirements": ["An access to the Phishing Initiative API (apikey & url)"],
        "features": "This module takes a domain, hostname or url MISP attribute as input to query the Phishing Initiative API. The API returns then the result of the query with some information about the value queried.\n\nPlease note that composite attributes containing domain or hostname are also supported.",
        "references": ["https://phishing-initiative.eu/?lang=en"],
        "input": "A domain, hostname or url MISP attribute.",
        "output": "Text containing information about the input, resulting from the query on Phishing Initiative."
      },
      "config": {
        "apikey": {
          "description": "Phishing Initiative API token",
          "secret": true
        },
        "url": {
          "description": "Phishing Initiative site, e.g. https://phishing-initiative.eu (its path is ignored, as pyeupi does)"
        }
      },
      "attributes": {
        "input": ["hostname", "domain", "url"],
        "output": ["freetext"]
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noAuth": "EUPI authentication is missing",
        "badUrl": "The EUPI url setting is not an http(s) URL: {url}",
        "unknown": "Unknown in the EUPI service",
        "lookupError": "Error in EUPI lookup"
      }
    },
  },
  {
    load: () => import('./expansion/extract_url_components.js'),
    description: {
      "name": "extract_url_components",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "1",
        "author": "MISP Team",
        "description": "Extract URL components",
        "name": "URL Components Extractor",
        "features": "Splits a URL into a url object: scheme, credential, host or IP, port, domain, subdomain, TLD (Public Suffix List), path, query string and fragment.",
        "input": "A url attribute.",
        "output": "A url object referencing the input with generated-from."
      },
      "config": {},
      "attributes": {
        "input": ["url"],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {}
    },
  },
  {
    load: () => import('./expansion/farsight_passivedns.js'),
    description: {
      "name": "farsight_passivedns",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "0.5",
        "author": "Christophe Vandeplas",
        "description": "Module to access Farsight DNSDB Passive DNS.",
        "name": "Farsight DNSDB Lookup",
        "logo": "farsight.png",
        "requirements": ["An access to the Farsight Passive DNS API (apikey)"],
        "features": "This module takes a domain, hostname or IP address MISP attribute as input to query the Farsight Passive DNS API.\n  The results of rdata and rrset lookups are then returned and parsed into passive-dns objects.\n\nAn API key is required to submit queries to the API.\n  It is also possible to define a custom server URL, and to set a limit of results to get.\n  This limit is set for each lookup, which means we can have an up to the limit number of passive-dns objects resulting from an rdata query about an IP address, but an up to the limit number of passive-dns objects for each lookup queries about a domain or a hostname (== twice the limit).",
        "references": ["https://www.farsightsecurity.com/", "https://docs.dnsdb.info/dnsdb-api/"],
        "input": "A domain, hostname or IP address MISP attribute.",
        "output": "Passive-dns objects, resulting from the query on the Farsight Passive DNS API."
      },
      "config": {
        "apikey": {
          "description": "Your DNSDB API key, sent in the X-API-Key header.",
          "secret": true
        },
        "server": {
          "description": "The DNSDB API server (default https://api.dnsdb.info)."
        },
        "limit": {
          "description": "At most this many results per lookup (default 10; 0 asks DNSDB for its maximum)."
        },
        "flex_queries": {
          "description": "true to add Flex regex searches to the lookups of hostnames, domains and IP addresses."
        }
      },
      "attributes": {
        "input": [
          "hostname",
          "domain",
          "ip-src",
          "ip-dst",
          "btc",
          "dkim",
          "email",
          "email-src",
          "email-dst",
          "domain|ip",
          "hex",
          "mac-address",
          "mac-eui-64",
          "other",
          "pattern-filename",
          "target-email",
          "text",
          "uri",
          "url",
          "whois-registrant-email"
        ],
        "format": "misp_standard"
      },
      "checkInput": false,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noKey": "Farsight DNSDB apikey is missing",
        "unsupported": "Unsupported attributes type",
        "empty": "Empty results on Farsight DNSDB for the {feature}: {value}.",
        "badLimit": "The limit setting of farsight_passivedns must be a whole number, not \"{limit}\".",
        "badServer": "The server setting of farsight_passivedns must be an http(s) URL such as {default}, not \"{server}\".",
        "failed": "Farsight DNSDB could not complete the query: {message}.",
        "truncated": "Farsight DNSDB ended its answer before the end of the results (truncated stream); try again."
      }
    },
  },
  {
    load: () => import('./expansion/flowtriq.js'),
    description: {
      "name": "flowtriq",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "1.0",
        "author": "Flowtriq",
        "description": "Query Flowtriq for DDoS attack intelligence on IP addresses",
        "name": "Flowtriq DDoS Intelligence",
        "logo": "flowtriq.png",
        "requirements": ["Flowtriq API key and API URL"],
        "features": "Queries the Flowtriq IP threat lookup API to check whether an IP has been observed as a DDoS attack source. Returns structured enrichment data including attack families, severity breakdown, peak PPS, ASN, country, risk score, and related attacker IPs.",
        "references": ["https://flowtriq.com"],
        "input": "An IP address attribute (ip-src or ip-dst).",
        "output": "MISP attributes and objects describing DDoS attack activity associated with the queried IP: attack types, timestamps, severity, peak traffic, related IPs, and threat intel matches."
      },
      "config": {
        "api_key": {
          "description": "Flowtriq API key (sent as a Bearer token)",
          "secret": true
        },
        "api_url": {
          "description": "Flowtriq base URL (default https://flowtriq.com)",
          "default": "https://flowtriq.com"
        }
      },
      "attributes": {
        "input": ["ip-src", "ip-dst"],
        "format": "misp_standard"
      },
      "checkInput": false,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noKey": "Flowtriq API key is required. Set it in the module configuration.",
        "noIp": "No IP address provided in the request.",
        "httpStatus": "Flowtriq API returned HTTP {status}{detail}",
        "invalidJson": "Flowtriq API returned invalid JSON",
        "apiError": "{error}"
      }
    },
  },
  {
    load: () => import('./expansion/geoip_asn.js'),
    description: {
      "name": "geoip_asn",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "0.1",
        "author": "GlennHD",
        "description": "Query a local copy of the Maxmind Geolite ASN database (MMDB format)",
        "name": "GeoIP ASN Lookup",
        "logo": "maxmind.png",
        "requirements": ["A local copy of Maxmind's Geolite database"],
        "features": "The module takes an IP address attribute as input and queries a local copy of the Maxmind's Geolite database to get information about the related AS number.",
        "references": ["https://www.maxmind.com/en/home"],
        "input": "An IP address MISP attribute.",
        "output": "Text containing information about the AS number of the IP address."
      },
      "config": {
        "local_geolite_db": {
          "description": "Path of the GeoLite2-ASN (or GeoIP2-ISP) .mmdb file on the modules server.",
          "required": true
        }
      },
      "attributes": {
        "input": ["ip-src", "ip-dst", "domain|ip"],
        "output": ["freetext"]
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noInput": "This module needs one of {inputs} in the request.",
        "noDatabase": "Please specify the path of your local copy of {database}: set {setting} in MISP's server settings.",
        "notAnIp": "GeoIP resolving error: '{ip}' does not appear to be an IPv4 or IPv6 address",
        "ipv6InIpv4Database": "GeoIP resolving error: {ip} is an IPv6 address and the database only holds IPv4 networks.",
        "notInDatabase": "GeoIP resolving error: The address {ip} is not in the database.",
        "fileMissing": "Unable to locate the GeoLite database you specified ({path}): check {setting}.",
        "fileIsDirectory": "The GeoLite database path {path} is a directory, not an .mmdb file: check {setting}.",
        "fileNotReadable": "The GeoLite database {path} cannot be read (permission denied): check {setting} and the file's permissions.",
        "fileReadError": "The GeoLite database {path} cannot be read ({code}): check {setting}.",
        "gzipped": "The file {path} ({setting}) is gzip-compressed: decompress it to the .mmdb file.",
        "notMmdb": "The file {path} ({setting}) is not a MaxMind DB (.mmdb) file: {reason}.",
        "wrongDatabaseType": "The database {path} ({setting}) is a {databaseType} database; {module} needs a database of type {accepts}."
      }
    },
  },
  {
    load: () => import('./expansion/geoip_city.js'),
    description: {
      "name": "geoip_city",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "0.1",
        "author": "GlennHD",
        "description": "An expansion module to query a local copy of Maxmind's Geolite database with an IP address, in order to get information about the city where it is located.",
        "name": "GeoIP City Lookup",
        "logo": "maxmind.png",
        "requirements": ["A local copy of Maxmind's Geolite database"],
        "features": "The module takes an IP address attribute as input and queries a local copy of the Maxmind's Geolite database to get information about the city where this IP address is located.",
        "references": ["https://www.maxmind.com/en/home"],
        "input": "An IP address MISP attribute.",
        "output": "Text containing information about the city where the IP address is located."
      },
      "config": {
        "local_geolite_db": {
          "description": "Path of the GeoLite2-City .mmdb file on the modules server.",
          "required": true
        }
      },
      "attributes": {
        "input": ["ip-src", "ip-dst", "domain|ip"],
        "output": ["freetext"]
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noInput": "This module needs one of {inputs} in the request.",
        "noDatabase": "Please specify the path of your local copy of {database}: set {setting} in MISP's server settings.",
        "notAnIp": "GeoIP resolving error: '{ip}' does not appear to be an IPv4 or IPv6 address",
        "ipv6InIpv4Database": "GeoIP resolving error: {ip} is an IPv6 address and the database only holds IPv4 networks.",
        "notInDatabase": "GeoIP resolving error: The address {ip} is not in the database.",
        "fileMissing": "Unable to locate the GeoLite database you specified ({path}): check {setting}.",
        "fileIsDirectory": "The GeoLite database path {path} is a directory, not an .mmdb file: check {setting}.",
        "fileNotReadable": "The GeoLite database {path} cannot be read (permission denied): check {setting} and the file's permissions.",
        "fileReadError": "The GeoLite database {path} cannot be read ({code}): check {setting}.",
        "gzipped": "The file {path} ({setting}) is gzip-compressed: decompress it to the .mmdb file.",
        "notMmdb": "The file {path} ({setting}) is not a MaxMind DB (.mmdb) file: {reason}.",
        "wrongDatabaseType": "The database {path} ({setting}) is a {databaseType} database; {module} needs a database of type {accepts}."
      }
    },
  },
  {
    load: () => import('./expansion/geoip_country.js'),
    description: {
      "name": "geoip_country",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "0.2",
        "author": "Andreas Muehlemann",
        "description": "Query a local copy of Maxminds Geolite database, updated for MMDB format",
        "name": "GeoIP Country Lookup",
        "logo": "maxmind.png",
        "requirements": ["A local copy of Maxmind's Geolite database"],
        "features": "This module takes an IP address MISP attribute as input and queries a local copy of the Maxmind's Geolite database to get information about the location of this IP address.\n\nPlease note that composite attributes domain|ip are also supported.",
        "references": ["https://www.maxmind.com/en/home"],
        "input": "An IP address MISP Attribute.",
        "output": "Text containing information about the location of the IP address."
      },
      "config": {
        "local_geolite_db": {
          "description": "Path of the GeoLite2-Country (or GeoLite2-City) .mmdb file on the modules server.",
          "required": true
        }
      },
      "attributes": {
        "input": ["ip-src", "ip-dst", "domain|ip"],
        "output": ["freetext"]
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noInput": "This module needs one of {inputs} in the request.",
        "noDatabase": "Please specify the path of your local copy of {database}: set {setting} in MISP's server settings.",
        "notAnIp": "GeoIP resolving error: '{ip}' does not appear to be an IPv4 or IPv6 address",
        "ipv6InIpv4Database": "GeoIP resolving error: {ip} is an IPv6 address and the database only holds IPv4 networks.",
        "notInDatabase": "GeoIP resolving error: The address {ip} is not in the database.",
        "fileMissing": "Unable to locate the GeoLite database you specified ({path}): check {setting}.",
        "fileIsDirectory": "The GeoLite database path {path} is a directory, not an .mmdb file: check {setting}.",
        "fileNotReadable": "The GeoLite database {path} cannot be read (permission denied): check {setting} and the file's permissions.",
        "fileReadError": "The GeoLite database {path} cannot be read ({code}): check {setting}.",
        "gzipped": "The file {path} ({setting}) is gzip-compressed: decompress it to the .mmdb file.",
        "notMmdb": "The file {path} ({setting}) is not a MaxMind DB (.mmdb) file: {reason}.",
        "wrongDatabaseType": "The database {path} ({setting}) is a {databaseType} database; {module} needs a database of type {accepts}."
      }
    },
  },
  {
    load: () => import('./expansion/google_safe_browsing.js'),
    description: {
      "name": "google_safe_browsing",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "0.1",
        "author": "Stephanie S",
        "description": "Google safe browsing expansion module",
        "name": "Google Safe Browsing Lookup",
        "logo": "",
        "requirements": [],
        "features": "",
        "references": [],
        "input": "",
        "output": ""
      },
      "config": {
        "api_key": {
          "description": "Your Google Cloud API key with the Safe Browsing API enabled, sent as the key parameter.",
          "secret": true
        }
      },
      "attributes": {
        "input": ["url"],
        "format": "misp_standard"
      },
      "checkInput": false,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noKey": "Google Safe Browsing API key is missing",
        "unsupported": "Unsupported attribute type.",
        "badKey": "Google Safe Browsing refused the key (setting api_key, HTTP 400 Bad Request): {detail}."
      }
    },
  },
  {
    load: () => import('./expansion/google_threat_intelligence.js'),
    description: {
      "name": "google_threat_intelligence",
      "kind": "expansion",
      "moduleType": ["expansion"],
      "meta": {
        "version": "2",
        "author": "Google Threat Intelligence team",
        "description": "An expansion module to have the observable's threat score assessed by Google Threat Intelligence.",
        "name": "Google Threat Intelligence Lookup",
        "logo": "google_threat_intelligence.png",
        "requirements": ["An access to the Google Threat Intelligence API (apikey), with a high request rate limit."],
        "features": "GTI assessment for the given observable, this include information about level of severity, a clear verdict (malicious, suspicious, undetected and benign) and additional information provided by the Mandiant expertise combined with the VirusTotal database.\n\n[Output example screeshot](https://github.com/MISP/MISP/assets/4747608/e275db2f-bb1e-4413-8cc0-ec3cb05e0414)",
        "references": ["https://www.virustotal.com/", "https://gtidocs.virustotal.com/reference"],
        "input": "A domain, hash (md5, sha1, sha256 or sha512), hostname or IP address attribute.",
        "output": "Text fields containing the threat score, the severity, the verdict and the threat label of the observable inspected."
      },
      "config": {
        "apikey": {
          "description": "Your Google Threat Intelligence API key (sent in the x-apikey header).",
          "secret": true
        },
        "event_limit": {
          "description": "How many related objects to read per relationship (default 10)."
        },
        "proxy_host": {
          "description": "Proxy host, e.g. http://proxy.example (with proxy_port). Used for this module's requests only (instead of the server's HTTP(S)_PROXY)."
        },
        "proxy_port": {
          "description": "Proxy port, e.g. 3128 (required with proxy_host)."
        },
        "proxy_username": {
          "description": "Proxy user name (optional, with proxy_password)."
        },
        "proxy_password": {
          "description": "Proxy password (required with proxy_username).",
          "secret": true
        }
      },
      "attributes": {
        "input": ["hostname", "domain", "ip-src", "ip-dst", "md5", "sha1", "sha256", "url"],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noKey": "A Google Threat Intelligence api key is required for this module.",
        "proxyPort": "The {module}_proxy_host config is set, please also set the {module}_proxy_port.",
        "proxyPassword": "The {module}_proxy_username config is set, please also set the {module}_proxy_password.",
        "badLimit": "The event_limit setting must be a whole number, not \"{value}\".",
        "notFound": "{detail}",
        "unexpected": "{vendor} answered something that is not a VirusTotal {what}."
      }
    },
  },
  {
    load: () => import('./expansion/greynoise.js'),
    description: {
      "name": "greynoise",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "2.0",
        "author": "Brad Chiappetta <brad@greynoise.io>",
        "description": "Module to query IP and CVE information from GreyNoise",
        "name": "GreyNoise Lookup",
        "logo": "greynoise.png",
        "requirements": [
          "A Greynoise API key. Both Enterprise (Paid) and Community (Free) API keys are supported, however Community API users will only be able to perform IP lookups."
        ],
        "features": "This module supports: 1) Query an IP from GreyNoise to see if it is internet background noise or a common business service 2) Query a CVE from GreyNoise to see the total number of internet scanners looking for the CVE in the last 7 days.",
        "references": ["https://greynoise.io/", "https://docs.greyniose.io/", "https://www.greynoise.io/viz/account/"],
        "input": "An IP address or CVE ID",
        "output": "IP Lookup information or CVE scanning profile for past 7 days"
      },
      "config": {
        "api_key": {
          "description": "Your GreyNoise API key, sent in the key header.",
          "secret": true
        }
      },
      "attributes": {
        "input": ["ip-src", "ip-dst", "vulnerability"],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noKey": "GreyNoise API Key required, but missing",
        "notIpv4": "Not a valid IPv4 address",
        "vendorError": "An error occurred while querying GreyNoise: {error}"
      }
    },
  },
  {
    load: () => import('./expansion/hashdd.js'),
    description: {
      "name": "hashdd",
      "kind": "expansion",
      "moduleType": ["hover"],
      "meta": {
        "version": "0.2",
        "author": "Alexandre Dulaunoy",
        "description": "A hover module to check hashes against hashdd.com including NSLR dataset.",
        "name": "Hashdd Lookup",
        "logo": "",
        "requirements": [],
        "features": "This module takes a hash attribute as input to check its known level, using the hashdd API. This information is then displayed.",
        "references": ["https://hashdd.com/"],
        "input": "A hash MISP attribute (md5).",
        "output": "Text describing the known level of the hash in the hashdd databases."
      },
      "config": {},
      "attributes": {
        "input": ["md5"],
        "output": ["text"]
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "hashMissing": "Hash value is missing.",
        "unexpected": "hashdd answered without a known level or a message (result {result})."
      }
    },
  },
  {
    load: () => import('./expansion/hashlookup.js'),
    description: {
      "name": "hashlookup",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "2",
        "author": "Alexandre Dulaunoy",
        "description": "An expansion module to query the CIRCL hashlookup services to find it if a hash is part of a known set such as NSRL.",
        "name": "CIRCL Hashlookup Lookup",
        "logo": "circl.png",
        "requirements": [],
        "features": "The module takes file hashes as input such as a MD5 or SHA1. It queries the public CIRCL.lu hashlookup service and return all the hits if the hashes are known in an existing dataset. The module can be configured with a custom hashlookup url if required. The module can be used an hover module but also an expansion model to add related MISP objects.",
        "references": ["https://www.circl.lu/services/hashlookup/"],
        "input": "File hashes (MD5, SHA1)",
        "output": "Object with the filename associated hashes if the hash is part of a known set."
      },
      "config": {
        "custom_API": {
          "description": "URL of a self-hosted hashlookup instance (default https://hashlookup.circl.lu/)"
        }
      },
      "attributes": {
        "input": ["md5", "sha1", "sha256"],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "notFound": "Non existing hash",
        "empty": "Empty result"
      }
    },
  },
  {
    load: () => import('./expansion/hibp.js'),
    description: {
      "name": "hibp",
      "kind": "expansion",
      "moduleType": ["hover"],
      "meta": {
        "version": "0.2",
        "author": "Corsin Camichel, Aurélien Schwab",
        "description": "Module to access haveibeenpwned.com API.",
        "name": "Have I Been Pwned Lookup",
        "logo": "hibp.png",
        "requirements": [],
        "features": "The module takes an email address as input and queries haveibeenpwned.com API to find additional information about it. This additional information actually tells if any account using the email address has already been compromised in a data breach.",
        "references": ["https://haveibeenpwned.com/"],
        "input": "An email address",
        "output": "Additional information about the email address."
      },
      "config": {
        "api_key": {
          "description": "Your Have I Been Pwned API key, sent in the hibp-api-key header.",
          "secret": true
        }
      },
      "attributes": {
        "input": ["email-dst", "email-src"],
        "output": ["text"]
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noKey": "Have I Been Pwned authentication is incomplete (no API key)",
        "notFound": "OK (Not Found)",
        "noInput": "The request has none of {types} as text."
      }
    },
  },
  {
    load: () => import('./expansion/html_to_markdown.js'),
    description: {
      "name": "html_to_markdown",
      "kind": "expansion",
      "moduleType": ["expansion"],
      "meta": {
        "version": "0.1",
        "author": "Sami Mokaddem",
        "description": "Expansion module to fetch the html content from an url and convert it into markdown.",
        "name": "HTML to Markdown",
        "logo": "",
        "requirements": ["None: the conversion runs in the server (turndown)."],
        "features": "The module take an URL as input and the HTML content is fetched from it. This content is then converted into markdown that is returned as text. HTML can also be given directly in a \"raw_html\" field. Only public addresses are fetched.",
        "references": [],
        "input": "URL attribute.",
        "output": "Markdown content converted from the HTML fetched from the url."
      },
      "config": {},
      "attributes": {
        "input": ["url"],
        "output": ["text"]
      },
      "checkInput": false,
      "coalesce": true,
      "cache": true,
      "messages": {
        "missing": "The request has neither a \"raw_html\" nor a \"url\" field."
      }
    },
  },
  {
    load: () => import('./expansion/hyasinsight.js'),
    description: {
      "name": "hyasinsight",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "0.1",
        "author": "Mike Champ",
        "description": "HYAS Insight integration to MISP provides direct, high volume access to HYAS Insight data. It enables investigators and analysts to understand and defend against cyber adversaries and their infrastructure.",
        "name": "HYAS Insight Lookup",
        "logo": "hyas.png",
        "requirements": ["A HYAS Insight API Key."],
        "features": "This Module takes the IP Address, Domain, URL, Email, Phone Number, MD5, SHA1, Sha256, SHA512 MISP Attributes as input to query the HYAS Insight API.\n The results of the HYAS Insight API are than are then returned and parsed into Hyas Insight Objects. \n\nAn API key is required to submit queries to the HYAS Insight API.\n",
        "references": ["https://www.hyas.com/hyas-insight/"],
        "input": "A MISP attribute of type IP Address(ip-src, ip-dst), Domain(hostname, domain), Email Address(email, email-src, email-dst, target-email, whois-registrant-email), Phone Number(phone-number, whois-registrant-phone), MDS(md5, x509-fingerprint-md5, ja3-fingerprint-md5, hassh-md5, hasshserver-md5), SHA1(sha1, x509-fingerprint-sha1), SHA256(sha256, x509-fingerprint-sha256), SHA512(sha512)",
        "output": "Hyas Insight objects, resulting from the query on the HYAS Insight API."
      },
      "config": {
        "apikey": {
          "description": "HYAS Insight API key (sent as X-API-Key)",
          "secret": true
        }
      },
      "attributes": {
        "input": [
          "ip-src",
          "ip-dst",
          "hostname",
          "domain",
          "email",
          "email-src",
          "email-dst",
          "target-email",
          "whois-registrant-email",
          "phone-number",
          "whois-registrant-phone",
          "md5",
          "x509-fingerprint-md5",
          "ja3-fingerprint-md5",
          "hassh-md5",
          "hasshserver-md5",
          "sha1",
          "x509-fingerprint-sha1",
          "sha256",
          "x509-fingerprint-sha256",
          "sha512"
        ],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noKey": "HYAS Insight apikey is missing",
        "unsupported": "Unsupported attributes type for HYAS Insight Enrichment",
        "noRecords": "No records found in HYAS Insight for the provided attribute."
      }
    },
  },
  {
    load: () => import('./expansion/intel471.js'),
    description: {
      "name": "intel471",
      "kind": "expansion",
      "moduleType": ["hover", "expansion"],
      "meta": {
        "version": "0.1",
        "author": "Raphaël Vinot",
        "description": "Module to access Intel 471",
        "name": "Intel471 Lookup",
        "logo": "intel471.png",
        "requirements": ["The intel471 python library"],
        "features": "The module uses the Intel471 python library to query the Intel471 API with the value of the input attribute. The result of the query is then returned as freetext so the Freetext import parses it.",
        "references": ["https://public.intel471.com/"],
        "input": "A MISP attribute whose type is included in the following list:\n- hostname\n- domain\n- url\n- ip-src\n- ip-dst\n- email-src\n- email-dst\n- target-email\n- whois-registrant-email\n- whois-registrant-name\n- md5\n- sha1\n- sha256",
        "output": "Freetext"
      },
      "config": {
        "email": {
          "description": "The e-mail address of your Intel 471 API account (HTTP Basic user name)."
        },
        "authkey": {
          "description": "Your Intel 471 API key (HTTP Basic password).",
          "secret": true
        }
      },
      "attributes": {
        "input": [
          "hostname",
          "domain",
          "url",
          "ip-src",
          "ip-dst",
          "email-src",
          "email-dst",
          "target-email",
          "whois-registrant-email",
          "whois-registrant-name",
          "md5",
          "sha1",
          "sha256"
        ],
        "output": ["freetext"]
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "missingKey": "Intel 471 authentication is missing",
        "unexpected": "Intel 471 answered without an IOC list (iocTotalCount / iocs)."
      }
    },
  },
  {
    load: () => import('./expansion/ip2locationio.js'),
    description: {
      "name": "ip2locationio",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "1",
        "author": "IP2Location.io",
        "description": "An expansion module to query IP2Location.io to gather more information on a given IP address.",
        "name": "IP2Location.io Lookup",
        "logo": "ip2locationio.png",
        "requirements": ["An IP2Location.io token"],
        "features": "The module takes an IP address attribute as input and queries the IP2Location.io API.  \nFree plan user will get the basic geolocation informaiton, and different subsription plan will get more information on the IP address. \n Refer to [pricing page](https://www.ip2location.io/pricing) for more information on data available for each plan. \n\nMore information on the responses content is available in the [documentation](https://www.ip2location.io/ip2location-documentation).",
        "references": ["https://www.ip2location.io/ip2location-documentation"],
        "input": "IP address attribute.",
        "output": "Additional information on the IP address, such as geolocation, proxy and so on. Refer to the Response Format section in https://www.ip2location.io/ip2location-documentation to find out the full format of the data returned."
      },
      "config": {
        "key": {
          "description": "Your IP2Location.io API key, sent as the key query parameter.",
          "secret": true
        }
      },
      "attributes": {
        "input": ["ip-src", "ip-dst"],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noConfig": "Missing ip2locationio config.",
        "noKey": "Missing ip2locationio API key.",
        "reserved": "The IP address is reserved for special use",
        "empty": "IP2Location.io has no location for {ip}."
      }
    },
  },
  {
    load: () => import('./expansion/ipasn.js'),
    description: {
      "name": "ipasn",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "0.3",
        "author": "Raphaël Vinot",
        "description": "Module to query an IP ASN history service (https://github.com/D4-project/IPASN-History).",
        "name": "IPASN-History Lookup",
        "logo": "",
        "requirements": [],
        "features": "This module takes an IP address attribute as input and queries the CIRCL IPASN service. The result of the query is the latest asn related to the IP address, that is returned as a MISP object.",
        "references": ["https://github.com/D4-project/IPASN-History"],
        "input": "An IP address MISP attribute.",
        "output": "Asn object(s) objects related to the IP address used as input."
      },
      "config": {
        "custom_api": {
          "description": "URL of another IPASN-History instance (default https://ipasnhistory.circl.lu/)"
        }
      },
      "attributes": {
        "input": ["ip-src", "ip-dst", "ip"],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "invalidIp": "The IP address is invalid: \"{ip}\"",
        "notFound": "Unable to find the history of this IP",
        "serviceError": "IPASN-History: {error}"
      }
    },
  },
  {
    load: () => import('./expansion/ipinfo.js'),
    description: {
      "name": "ipinfo",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "1",
        "author": "Christian Studer",
        "description": "An expansion module to query ipinfo.io to gather more information on a given IP address.",
        "name": "IPInfo.io Lookup",
        "logo": "ipinfo.png",
        "requirements": ["An ipinfo.io token"],
        "features": "The module takes an IP address attribute as input and queries the ipinfo.io API.  \nThe geolocation information on the IP address is always returned.\n\nDepending on the subscription plan, the API returns different pieces of information then:\n- With a basic plan (free) you get the AS number and the AS organisation name concatenated in the `org` field.\n- With a paid subscription, the AS information is returned in the `asn` field with additional AS information, and depending on which plan the user has, you can also get information on the privacy method used to protect the IP address, the related domains, or the point of contact related to the IP address in case of an abuse.\n\nMore information on the responses content is available in the [documentation](https://ipinfo.io/developers).",
        "references": ["https://ipinfo.io/developers"],
        "input": "IP address attribute.",
        "output": "Additional information on the IP address, like its geolocation, the autonomous system it is included in, and the related domain(s)."
      },
      "config": {
        "token": {
          "description": "Your ipinfo.io access token, sent as the token query parameter.",
          "secret": true
        }
      },
      "attributes": {
        "input": ["ip-src", "ip-dst"],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noConfig": "Missing ipinfo config.",
        "noToken": "Missing ipinfo token.",
        "bogon": "The IP address is reserved for special use",
        "notFound": "ipinfo.io has no information about {ip}."
      }
    },
  },
  {
    load: () => import('./expansion/ipqs_fraud_and_risk_scoring.js'),
    description: {
      "name": "ipqs_fraud_and_risk_scoring",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "0.1",
        "author": "David Mackler",
        "description": "IPQualityScore MISP Expansion Module for IP reputation,        Email Validation, Phone Number Validation, Malicious Domain,Malicious URL Scanner,Malicious File Scanner & Compromised username, Password, Email  ",
        "name": "IPQualityScore Lookup",
        "logo": "ipqualityscore.png",
        "requirements": ["A IPQualityScore API Key."],
        "features": "This Module takes the IP Address, Domain, URL, Email, Phone Number,\n        Username,Password, and MISP Attributes as input to query the\n        IPQualityScore API.\n        The results of the IPQualityScore API are then returned as an\n        IPQS Fraud, Risk,and Exposure Scoring Object.\n        The object contains a copy of the enriched attribute with added tags\n        presenting the verdict based on fraud score, risk score,\n        darkweb exposure status, and other attributes from IPQualityScore.\n        This module also contains IPQS Darkweb Leak, IPQS Malware\n        File Scanner API's\n        IPQS Darkweb Leak - Monitor Dark Web Activity &\n        Compromised User Accounts,\n        IPQS Malware File Scanner - Detect malicious files.\n        ",
        "references": ["https://www.ipqualityscore.com/"],
        "input": "A MISP attribute of type IP Address(ip-src, ip-dst),Domain(hostname, domain), URL(url, uri), Email Address(email, email-src, email-dst, target-email, whois-registrant-email) and Phone Number(phone-number, whois-registrant-phone), Username(first-name, last-name, middle-name, github-username), Password(text).",
        "output": "IPQualityScore object, resulting from the query on the IPQualityScore API."
      },
      "config": {
        "apikey": {
          "description": "IPQualityScore API key (sent as the IPQS-KEY header)",
          "secret": true
        },
        "base_url": {
          "description": "IPQualityScore API base URL (default https://ipqualityscore.com/api/json/)"
        },
        "poll_delay": {
          "description": "Seconds between polls of a pending file scan (default 1, at most 60)"
        }
      },
      "attributes": {
        "input": [
          "ip-src",
          "ip-dst",
          "hostname",
          "domain",
          "url",
          "uri",
          "email",
          "email-src",
          "email-dst",
          "target-email",
          "whois-registrant-email",
          "first-name",
          "last-name",
          "middle-name",
          "github-username",
          "text",
          "phone-number",
          "whois-registrant-phone",
          "attachment",
          "malware-sample"
        ],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noKey": "IPQualityScore apikey is missing",
        "apiError": "IPQualityScore answered an error: {message}",
        "noSample": "No malware sample or attachment supplied",
        "sampleError": "Unable to process submitted sample data",
        "noScanResult": "Unable to parse results.",
        "stillPending": "IPQualityScore has not finished scanning the file (request {requestId}); try again later."
      }
    },
  },
  {
    load: () => import('./expansion/iprep.js'),
    description: {
      "name": "iprep",
      "kind": "expansion",
      "moduleType": ["expansion"],
      "meta": {
        "version": "1.0",
        "author": "Keith Faber",
        "description": "Module to query IPRep data for IP addresses.",
        "name": "IPRep Lookup",
        "logo": "",
        "requirements": ["An access to the packetmail API (apikey)"],
        "features": "This module takes an IP address attribute as input and queries the database from packetmail.net to get some information about the reputation of the IP.",
        "references": ["https://github.com/mahesh557/packetmail"],
        "input": "An IP address MISP attribute.",
        "output": "Text describing additional information about the input after a query on the IPRep API."
      },
      "config": {
        "apikey": {
          "description": "packetmail.net API key (sent as the apikey query parameter)",
          "secret": true
        }
      },
      "attributes": {
        "input": ["ip-src", "ip-dst"],
        "output": ["text"]
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "unsupported": "Unsupported attributes type",
        "noKey": "IPRep api key is missing",
        "unreadable": "{sources}",
        "notObject": "packetmail.net IPRep answered something that is not a JSON object."
      }
    },
  },
  {
    load: () => import('./expansion/ismalicious.js'),
    description: {
      "name": "ismalicious",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "1.0",
        "author": "isMalicious",
        "description": "Query isMalicious for IP, domain, hostname, and URL reputation.",
        "name": "isMalicious Lookup",
        "logo": "",
        "requirements": ["An isMalicious API key."],
        "features": "The module takes an IP, domain, hostname or URL attribute and queries GET /check on the isMalicious API. It returns a text summary with the malicious flag, risk score, categories and source count. Hover and expansion share the same handler. The queried indicator is sent over TLS; nothing else leaves the MISP instance besides the configured API key.",
        "references": ["https://ismalicious.com/integrations/misp"],
        "input": "An IP address, domain, hostname or URL.",
        "output": "Text attributes with the isMalicious reputation summary."
      },
      "config": {
        "api_key": {
          "description": "isMalicious API key (sent as X-API-KEY)",
          "secret": true
        },
        "api_url": {
          "description": "isMalicious API base URL (default https://api.ismalicious.com)",
          "default": "https://api.ismalicious.com"
        }
      },
      "attributes": {
        "input": ["ip-src", "ip-dst", "hostname", "domain", "url", "domain|ip"],
        "output": ["text"],
        "format": "misp_standard"
      },
      "checkInput": false,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noAttribute": "This module requires an \"attribute\" field as input, which should contain at least a type, a value and an UUID.",
        "unsupported": "Unsupported attribute type.",
        "noKey": "An isMalicious API key is required (set api_key in the module config).",
        "emptyValue": "The provided attribute value is empty.",
        "httpStatus": "isMalicious API returned HTTP status {status}{detail}.",
        "invalidJson": "isMalicious API returned an invalid JSON response."
      }
    },
  },
  {
    load: () => import('./expansion/jinja_template_rendering.js'),
    description: {
      "name": "jinja_template_rendering",
      "kind": "expansion",
      "moduleType": ["expansion"],
      "meta": {
        "version": "0.1",
        "author": "Sami Mokaddem",
        "description": "Render the template with the data passed",
        "name": "Ninja Template Rendering",
        "logo": "",
        "requirements": [],
        "features": "Renders a Jinja2 template in a sandbox (Jinja defaults: no autoescape, no trim_blocks). The sandbox blocks access to the process, files and network, and caps steps, time, output size and range() sizes.",
        "references": [],
        "input": "text: a JSON string {\"template\": \"<Jinja template>\", \"data\": {…variables…}}, as MISP workflows send it.",
        "output": "The rendered text."
      },
      "config": {},
      "attributes": {
        "input": ["text"],
        "output": ["text"]
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noText": "The request has no \"text\" field.",
        "notJson": "The \"text\" field must be a JSON object {\"template\": …, \"data\": …}: {reason}",
        "notObject": "The \"text\" field must be a JSON object {\"template\": …, \"data\": …}.",
        "templateNotString": "\"template\" must be a string.",
        "dataNotObject": "\"data\" must be a JSON object: its keys become the template variables.",
        "renderFailed": "{reason}"
      }
    },
  },
  {
    load: () => import('./expansion/joesandbox_query.js'),
    description: {
      "name": "joesandbox_query",
      "kind": "expansion",
      "moduleType": ["expansion"],
      "meta": {
        "version": "0.2",
        "author": "Christian Studer",
        "description": "Query Joe Sandbox API with a submission url to get the json report and extract its data that is parsed and converted into MISP attributes and objects.",
        "name": "Joe Sandbox Import",
        "logo": "joesandbox.png",
        "requirements": ["jbxapi: Joe Sandbox API python3 library"],
        "features": "Module using the new format of modules able to return attributes and objects.\n\nThe module returns the same results as the import module [joe_import](https://github.com/MISP/misp-modules/tree/main/misp_modules/modules/import_mod/joe_import.py) taking directly the json report as input.\n\nEven if the introspection will allow all kinds of links to call this module, obviously only the ones presenting a sample or url submission in the Joe Sandbox API will return results.\n\nTo make it work you will need to fill the 'apikey' configuration with your Joe Sandbox API key and provide a valid link as input.",
        "references": ["https://www.joesecurity.org", "https://www.joesandbox.com/"],
        "input": "Link of a Joe Sandbox sample or url submission.",
        "output": "MISP attributes & objects parsed from the analysis report."
      },
      "config": {
        "apiurl": {
          "description": "Joe Sandbox API URL (default https://jbxcloud.joesecurity.org/api; an on-premise server: http(s)://host/joesandbox/index.php/api)."
        },
        "apikey": {
          "description": "Joe Sandbox API key.",
          "secret": true
        },
        "import_executable": {
          "description": "Set to \"true\" to import the PE/ELF/APK information of the analysed executable."
        },
        "import_mitre_attack": {
          "description": "Set to \"true\" to import the MITRE ATT&CK techniques as tags."
        }
      },
      "attributes": {
        "input": ["link"],
        "format": "misp_standard"
      },
      "checkInput": false,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noKey": "No API key provided",
        "noAttribute": "This module requires an \"attribute\" field as input, containing at least a \"type\" field and a \"value\" field that is the link to the Joe Sandbox report.",
        "wrongType": "Unsupported attribute type.",
        "notJoeLink": "The URL does not point to a Joe Sandbox analysis.",
        "notFinished": "The analysis has not finished yet.",
        "noAnalysis": "No analysis belongs to this submission.",
        "noTarget": "The Joe Sandbox report has neither a sample nor a URL as analysis target (generalinfo.target).",
        "notJoeReport": "The JSON is not a Joe Sandbox report: it has no \"analysis\" object with \"generalinfo\"."
      }
    },
  },
  {
    load: () => import('./expansion/joesandbox_submit.js'),
    description: {
      "name": "joesandbox_submit",
      "kind": "expansion",
      "moduleType": ["expansion"],
      "meta": {
        "version": "1.0",
        "author": "Joe Security LLC",
        "description": "A module to submit files or URLs to Joe Sandbox for an advanced analysis, and return the link of the submission.",
        "name": "Joe Sandbox Submit",
        "logo": "joesandbox.png",
        "requirements": ["jbxapi: Joe Sandbox API python3 library"],
        "features": "The module requires a Joe Sandbox API key to submit files or URL, and returns the link of the submitted analysis.\n\nIt is then possible, when the analysis is completed, to query the Joe Sandbox API to get the data related to the analysis, using the [joesandbox_query module](https://github.com/MISP/misp-modules/tree/main/misp_modules/modules/expansion/joesandbox_query.py) directly on this submission link.",
        "references": ["https://www.joesecurity.org", "https://www.joesandbox.com/"],
        "input": "Sample, url (or domain) to submit to Joe Sandbox for an advanced analysis.",
        "output": "Link of the report generated in Joe Sandbox."
      },
      "config": {
        "apiurl": {
          "description": "Joe Sandbox API URL (default https://jbxcloud.joesecurity.org/api; an on-premise server: http(s)://host/joesandbox/index.php/api)."
        },
        "apikey": {
          "description": "Joe Sandbox API key.",
          "secret": true
        },
        "accept-tac": {
          "description": "\"true\" to accept the Joe Sandbox Cloud terms and conditions (required by the Cloud), \"false\" otherwise."
        },
        "report-cache": {
          "description": "\"true\" to answer from the report cache when the sample was analysed before, \"false\" to analyse again; empty: the server decides."
        },
        "systems": {
          "description": "Analysis systems (e.g. \"w10x64 w7\"), separated by spaces, commas or semicolons; empty: the server chooses."
        }
      },
      "attributes": {
        "input": ["attachment", "malware-sample", "url", "domain"],
        "output": ["link"]
      },
      "checkInput": true,
      "coalesce": false,
      "cache": false,
      "messages": {
        "noKey": "No API key provided",
        "badBool": "Cannot parse {name}. Must be 'true' or 'false'",
        "noSubmission": "Joe Sandbox answered without a submission id.",
        "nothingToSubmit": "Nothing to submit: the query has no url, domain, attachment or malware-sample.",
        "sampleNoFile": "Could not extract malware sample from ZIP file: the archive holds no file.",
        "samplePassword": "Could not extract malware sample from ZIP file: the password '{password}' does not open it.",
        "sampleUnreadable": "Could not extract malware sample from ZIP file: {reason}",
        "fileNoData": "The {type} has no \"data\" field with its base64 content.",
        "fileNotBase64": "The \"data\" field is not valid base64."
      }
    },
  },
  {
    load: () => import('./expansion/lastline_query.js'),
    description: {
      "name": "lastline_query",
      "kind": "expansion",
      "moduleType": ["expansion"],
      "meta": {
        "version": "0.1",
        "author": "Stefano Ortolani",
        "description": "Deprecation notice: this module will be deprecated by December 2021, please use vmware_nsx module.\n\nQuery Lastline with an analysis link and parse the report into MISP attributes and objects.",
        "name": "Lastline Lookup",
        "logo": "lastline.png",
        "requirements": [],
        "features": "The module requires a Lastline Portal `username` and `password`.\nThe module uses the new format and it is able to return MISP attributes and objects.\nThe module returns the same results as the [lastline_import](https://github.com/MISP/misp-modules/tree/main/misp_modules/modules/import_mod/lastline_import.py) import module.",
        "references": ["https://www.lastline.com"],
        "input": "Link to a Lastline analysis.",
        "output": "MISP attributes and objects parsed from the analysis report."
      },
      "config": {
        "username": {
          "description": "Lastline Portal username."
        },
        "password": {
          "description": "Lastline Portal password.",
          "secret": true
        },
        "verify_ssl": {
          "description": "Kept for compatibility: certificates are always verified (an admin can trust an on-premise CA with --ca-file)."
        }
      },
      "attributes": {
        "input": ["link"],
        "output": ["text"],
        "format": "misp_standard"
      },
      "checkInput": false,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noCredentials": "Error parsing configuration: Arguments provided do not contain valid data",
        "noAttribute": "This module requires an \"attribute\" field as input, containing at least a \"type\" field and a \"value\" field that is the link to a Lastline analysis.",
        "notFinished": "Error issuing the API call: Analysis is not finished yet.",
        "empty": "Error issuing the API call: Analysis report is empty.",
        "notAResult": "Error issuing the API call: Lastline answered a result without an analysis subject.",
        "httpStatus": "Lastline answered HTTP {status}{detail}.",
        "notApiResponse": "Lastline answered JSON that is not an API response (HTTP {status}).",
        "noSuccess": "no success field in response",
        "apiError": "{error}",
        "noData": "no data field in response",
        "callFailed": "Error issuing the API call: {reason}",
        "linkNotUrl": "Error parsing configuration: the analysis link is not a URL: {link}",
        "linkNotHttp": "Error parsing configuration: the analysis link must be an https:// link to a Lastline portal.",
        "badUuid": "Error processing input parameters: Link does not contain a valid task uuid"
      }
    },
  },
  {
    load: () => import('./expansion/lastline_submit.js'),
    description: {
      "name": "lastline_submit",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "0.1",
        "author": "Stefano Ortolani",
        "description": "Deprecation notice: this module will be deprecated by December 2021, please use vmware_nsx module.\n\nModule to submit a file or URL to Lastline.",
        "name": "Lastline Submit",
        "logo": "lastline.png",
        "requirements": [],
        "features": "The module requires a Lastline Analysis `api_token` and `key`.\nWhen the analysis is completed, it is possible to import the generated report by feeding the analysis link to the [lastline_query](https://github.com/MISP/misp-modules/tree/main/misp_modules/modules/expansion/lastline_query.py) module.",
        "references": ["https://www.lastline.com"],
        "input": "File or URL to submit to Lastline.",
        "output": "Link to the report generated by Lastline."
      },
      "config": {
        "url": {
          "description": "Lastline analysis API URL (default https://analysis.lastline.com; an on-premise manager's analysis API otherwise)."
        },
        "api_token": {
          "description": "Lastline analysis API token.",
          "secret": true
        },
        "key": {
          "description": "Lastline analysis API key.",
          "secret": true
        }
      },
      "attributes": {
        "input": ["attachment", "malware-sample", "url"],
        "output": ["link"]
      },
      "checkInput": false,
      "coalesce": false,
      "cache": false,
      "messages": {
        "noCredentials": "Error parsing configuration: Arguments provided do not contain valid data",
        "badInput": "Error processing input parameters: {reason}",
        "noInput": "Error processing input parameters: Input parameters do not specify either an URL or a file",
        "apiError": "{error}",
        "noTask": "Error issuing the API call: Unable to process returned data",
        "httpStatus": "Lastline answered HTTP {status}{detail}.",
        "notApiResponse": "Lastline answered JSON that is not an API response (HTTP {status}).",
        "noSuccess": "no success field in response",
        "noData": "no data field in response",
        "callFailed": "Error issuing the API call: {reason}",
        "linkNotUrl": "Error parsing configuration: the analysis link is not a URL: {link}",
        "linkNotHttp": "Error parsing configuration: the analysis link must be an https:// link to a Lastline portal.",
        "badUuid": "Error processing input parameters: Link does not contain a valid task uuid",
        "sampleNoFile": "Could not extract malware sample from ZIP file: the archive holds no file.",
        "samplePassword": "Could not extract malware sample from ZIP file: the password '{password}' does not open it.",
        "sampleUnreadable": "Could not extract malware sample from ZIP file: {reason}",
        "fileNoData": "The {type} has no \"data\" field with its base64 content.",
        "fileNotBase64": "The \"data\" field is not valid base64."
      }
    },
  },
  {
    load: () => import('./expansion/macaddress_io.js'),
    description: {
      "name": "macaddress_io",
      "kind": "expansion",
      "moduleType": ["hover"],
      "meta": {
        "version": "1.0",
        "author": "CodeLine OY - macaddress.io",
        "description": "MISP hover module for macaddress.io",
        "name": "Macaddress.io Lookup",
        "logo": "macaddress_io.png",
        "requirements": ["An access to the macaddress.io API (apikey)"],
        "features": "This module takes a MAC address attribute as input and queries macaddress.io for additional information.\n\nThis information contains data about:\n- MAC address details\n- Vendor details\n- Block details",
        "references": ["https://macaddress.io/", "https://github.com/CodeLineFi/maclookup-python"],
        "input": "MAC address MISP attribute.",
        "output": "Text containing information on the MAC address fetched from a query on macaddress.io."
      },
      "config": {
        "api_key": {
          "description": "macaddress.io API key (sent as X-Authentication-Token)",
          "secret": true
        }
      },
      "attributes": {
        "input": ["mac-address"]
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noInput": "This module needs a \"mac-address\" to look up.",
        "authorizationRequired": "Authorization required",
        "vendorError": "{reason} (macaddress.io answered HTTP {status}{detail}).",
        "emptyResponse": "Empty response",
        "unparsable": "Unparsable response"
      }
    },
  },
  {
    load: () => import('./expansion/macvendors.js'),
    description: {
      "name": "macvendors",
      "kind": "expansion",
      "moduleType": ["hover"],
      "meta": {
        "version": "0.1",
        "author": "Aurélien Schwab",
        "description": "Module to access Macvendors API.",
        "name": "Macvendors Lookup",
        "logo": "macvendors.png",
        "requirements": [],
        "features": "The module takes a MAC address as input and queries macvendors.com for some information about it. The API returns the name of the vendor related to the address.",
        "references": ["https://macvendors.com/", "https://macvendors.com/api"],
        "input": "A MAC address.",
        "output": "Additional information about the MAC address."
      },
      "config": {
        "user-agent": {
          "description": "User-Agent sent to api.macvendors.com (default MISP-Module).",
          "default": "MISP-Module"
        }
      },
      "attributes": {
        "input": ["mac-address"],
        "output": ["text"]
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "unsupported": "Unsupported attributes type",
        "notFound": "Not found"
      }
    },
  },
  {
    load: () => import('./expansion/malshare_upload.js'),
    description: {
      "name": "malshare_upload",
      "kind": "expansion",
      "moduleType": ["expansion"],
      "meta": {
        "version": "1",
        "author": "Karen Yousefi",
        "description": "Module to push malware samples to MalShare",
        "name": "MalShare Upload",
        "requirements": [],
        "logo": ""
      },
      "config": {
        "malshare_apikey": {
          "description": "Your MalShare API key.",
          "secret": true
        }
      },
      "attributes": {
        "input": ["attachment", "malware-sample"],
        "output": ["link"]
      },
      "checkInput": true,
      "coalesce": false,
      "cache": false,
      "messages": {
        "noSample": "No malware sample or attachment supplied",
        "badData": "Unable to process submitted sample data: {reason}",
        "noKey": "Missing MalShare API key",
        "failed": "Unable to send sample to MalShare: {reason}",
        "uploadFailed": "Unable to send sample to MalShare: Upload failed: {answer}",
        "comment": "Link to MalShare analysis",
        "sampleNoFile": "Could not extract malware sample from ZIP file: the archive holds no file.",
        "samplePassword": "Could not extract malware sample from ZIP file: the password '{password}' does not open it.",
        "sampleUnreadable": "Could not extract malware sample from ZIP file: {reason}",
        "fileNoData": "The {type} has no \"data\" field with its base64 content.",
        "fileNotBase64": "The \"data\" field is not valid base64."
      }
    },
  },
  {
    load: () => import('./expansion/malwarebazaar.js'),
    description: {
      "name": "malwarebazaar",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "0.1",
        "author": "Christian Studer",
        "description": "Query Malware Bazaar to get additional information about the input hash.",
        "name": "Malware Bazaar Lookup",
        "logo": "",
        "requirements": [],
        "features": "The module takes a hash attribute as input and queries MALWAREbazaar's API to fetch additional data about it. The result, if the payload is known on the databases, is at least one file object describing the file the input hash is related to.\n\nThe module is using the new format of modules able to return object since the result is one or multiple MISP object(s).",
        "references": ["https://bazaar.abuse.ch/"],
        "input": "A hash attribute (md5, sha1 or sha256).",
        "output": "File object(s) related to the input attribute found on MALWAREbazaar databases."
      },
      "config": {
        "auth_key": {
          "description": "Your abuse.ch Auth-Key (free, from https://auth.abuse.ch/), sent in the Auth-Key header.",
          "secret": true
        }
      },
      "attributes": {
        "input": ["md5", "sha1", "sha256"],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noKey": "A auth key is required to access all abuse.ch API services.",
        "noAttribute": "This module requires an \"attribute\" field as input, containing at least a \"type\" field and a \"value\" field that is the hash to submit to Malware Bazaar.",
        "notFound": "Hash not found on MALWAREbazzar",
        "queryFailed": "Problem encountered during the query: {status}"
      }
    },
  },
  {
    load: () => import('./expansion/mcafee_insights_enrich.js'),
    description: {
      "name": "mcafee_insights_enrich",
      "kind": "expansion",
      "moduleType": ["hover"],
      "meta": {
        "version": "1",
        "author": "Martin Ohl",
        "description": "Lookup McAfee MVISION Insights Details",
        "name": "McAfee MVISION Insights Lookup",
        "logo": "",
        "requirements": [],
        "features": "",
        "references": [],
        "input": "",
        "output": ""
      },
      "config": {
        "api_key": {
          "description": "MVISION API key (x-api-key header).",
          "secret": true
        },
        "client_id": {
          "description": "MVISION client id (HTTP Basic user name at McAfee IAM)."
        },
        "client_secret": {
          "description": "MVISION client secret (HTTP Basic password at McAfee IAM).",
          "secret": true
        }
      },
      "attributes": {
        "input": ["md5", "sha1", "sha256"],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "missingKey": "Please provide MVISION API Key, Client ID and Client Secret.",
        "tokenRefused": "McAfee IAM refused the token request (HTTP {status}){said}.",
        "noToken": "McAfee IAM answered without an access token.",
        "notFound": "No Hash details in MVISION Insights found."
      }
    },
  },
  {
    load: () => import('./expansion/mmdb_lookup.js'),
    description: {
      "name": "mmdb_lookup",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "1",
        "author": "Jeroen Pinoy",
        "description": "A hover and expansion module to enrich an ip with geolocation and ASN information from an mmdb server instance, such as CIRCL's ip.circl.lu.",
        "name": "GeoIP Enrichment",
        "logo": "circl.png",
        "requirements": [],
        "features": "The module takes an IP address related attribute as input.\n It queries the public CIRCL.lu mmdb-server instance, available at ip.circl.lu, by default. The module can be configured with a custom mmdb server url if required.\n It is also possible to filter results on 1 db_source by configuring db_source_filter.",
        "references": [
          "https://data.public.lu/fr/datasets/geo-open-ip-address-geolocation-per-country-in-mmdb-format/",
          "https://github.com/adulau/mmdb-server"
        ],
        "input": "An IP address attribute (for example ip-src or ip-src|port).",
        "output": "Geolocation and asn objects."
      },
      "config": {
        "custom_API": {
          "description": "URL of another mmdb-server instance (default https://ip.circl.lu/)"
        },
        "db_source_filter": {
          "description": "Keep only the answers of this database (its meta.db_source, e.g. GeoOpen-Country-ASN)"
        },
        "max_country_info_qt": {
          "description": "At most this many geolocation objects (0 or empty: no limit)"
        }
      },
      "attributes": {
        "input": ["ip-src", "ip-src|port", "ip-dst", "ip-dst|port"],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "empty": "Empty result returned by server",
        "noSource": "There was no result with the selected db_source",
        "badLimit": "The setting max_country_info_qt must be a whole number (0 for no limit), not \"{value}\"."
      }
    },
  },
  {
    load: () => import('./expansion/mwdb.js'),
    description: {
      "name": "mwdb",
      "kind": "expansion",
      "moduleType": ["expansion"],
      "meta": {
        "version": "1",
        "author": "Koen Van Impe",
        "description": "Module to push malware samples to a MWDB instance",
        "name": "MWDB Submit",
        "logo": "",
        "requirements": ["* (optional) MWDB attribute created for the link back to MISP (defined in mwdb_misp_attribute)"],
        "features": "An expansion module to push malware samples to a MWDB (https://github.com/CERT-Polska/mwdb-core) instance. This module does not push samples to a sandbox. This can be achieved via Karton (connected to the MWDB). Does: * Upload of attachment or malware sample to MWDB * Tags of events and/or attributes are added to MWDB. * Comment of the MISP attribute is added to MWDB. * A link back to the MISP event is added to MWDB via the MWDB attribute.  * A link to the MWDB attribute is added as an enrichted attribute to the MISP event.",
        "references": [],
        "input": "Attachment or malware sample",
        "output": "Link attribute that points to the sample at the MWDB instane"
      },
      "config": {
        "mwdb_apikey": {
          "description": "Your MWDB API key.",
          "secret": true
        },
        "mwdb_url": {
          "description": "URL of the MWDB REST API (e.g. https://mwdb.cert.pl/api/ or your own instance), reached as configured."
        },
        "mwdb_misp_attribute": {
          "description": "MWDB attribute (metakey) that receives the MISP event id, if set."
        },
        "mwdb_public": {
          "description": "Upload as public (default true; false, 0, no or off upload to your groups)."
        },
        "include_tags_event": {
          "description": "Accepted and ignored: upstream copies the event's tags using PyMISP's keys.py on the MISP host, which this server does not read."
        },
        "include_tags_attribute": {
          "description": "Accepted and ignored: upstream copies the attribute's tags using PyMISP's keys.py on the MISP host, which this server does not read."
        }
      },
      "attributes": {
        "input": ["attachment", "malware-sample"],
        "output": ["link"]
      },
      "checkInput": true,
      "coalesce": false,
      "cache": false,
      "messages": {
        "noSample": "No malware sample or attachment supplied",
        "badData": "Unable to process submited sample data: {reason}",
        "noSettings": "Missing MWDB API key or server URL",
        "failed": "Unable to send sample to MWDB instance: {reason}",
        "noMd5": "Unable to send sample to MWDB instance: the answer has no md5.",
        "attributeComment": "MISP attribute {uuid}",
        "comment": "Link to MWDB sample",
        "sampleNoFile": "Could not extract malware sample from ZIP file: the archive holds no file.",
        "samplePassword": "Could not extract malware sample from ZIP file: the password '{password}' does not open it.",
        "sampleUnreadable": "Could not extract malware sample from ZIP file: {reason}",
        "fileNoData": "The {type} has no \"data\" field with its base64 content.",
        "fileNotBase64": "The \"data\" field is not valid base64."
      }
    },
  },
  {
    load: () => import('./expansion/ocr_enrich.js'),
    description: {
      "name": "ocr_enrich",
      "kind": "expansion",
      "moduleType": ["expansion"],
      "meta": {
        "version": "0.2",
        "author": "Sascha Rommelfangen",
        "description": "Module to process some optical character recognition on pictures.",
        "name": "OCR Enrich",
        "logo": "",
        "requirements": ["None: OCR runs in the server (tesseract.js, English model)."],
        "features": "The module takes an attachment attributes as input and process some optical character recognition on it. The text found is then passed to the Freetext importer to extract potential IoCs. PDFs are read too: their text layer, or their pages rendered and OCRed when they have none.",
        "references": [],
        "input": "A picture attachment.",
        "output": "Text and freetext fetched from the input picture."
      },
      "config": {},
      "attributes": {
        "input": ["attachment"],
        "output": ["freetext"]
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "notPdf": "the file is not a PDF (no %PDF- header)",
        "pdfPassword": "the PDF is protected by a password",
        "pdfDamaged": "the file is not a PDF or is damaged ({detail})",
        "pdfUnreadable": "{detail}",
        "noData": "Couldn't fetch attachment (JSON 'data' is empty). Are you using the 'Query enrichment' action?",
        "notSupported": "Couldn't analyze file type. Only images (PNG, JPEG, GIF, BMP or WebP) and PDFs are supported."
      }
    },
  },
  {
    load: () => import('./expansion/ods_enrich.js'),
    description: {
      "name": "ods_enrich",
      "kind": "expansion",
      "moduleType": ["expansion"],
      "meta": {
        "version": "0.1",
        "author": "Sascha Rommelfangen",
        "description": "Module to extract freetext from a .ods document.",
        "name": "ODS Enrich",
        "logo": "ods.png",
        "requirements": ["None: the server reads .ods files itself."],
        "features": "The module reads the text contained in a .ods document. The result is passed to the freetext import parser so IoCs can be extracted out of it.",
        "references": [],
        "input": "Attachment attribute containing a .ods document.",
        "output": "Text and freetext parsed from the document."
      },
      "config": {},
      "attributes": {
        "input": ["attachment"],
        "output": ["freetext", "text"]
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "notPdf": "the file is not a PDF (no %PDF- header)",
        "pdfPassword": "the PDF is protected by a password",
        "pdfDamaged": "the file is not a PDF or is damaged ({detail})",
        "pdfUnreadable": "{detail}",
        "noData": "Couldn't fetch attachment (JSON 'data' is empty). Are you using the 'Query enrichment' action?",
        "unreadable": "Couldn't analyze file as {kind}. Error was: {detail}.",
        "notZip": "the file is not {kind}: it is not a zip package",
        "encrypted": "the document package is encrypted",
        "noPart": "the package has no part \"{part}\"",
        "noMainPart": "the package has no main document (no officeDocument relationship in _rels/.rels)",
        "notWord": "the package is not a Word document (its main part is {contentType})",
        "noWordBody": "{part} has no w:body element",
        "notPowerPoint": "the package is not a PowerPoint presentation (its main part is {contentType})",
        "notExcel": "the package is not an Excel workbook (its main part is {contentType})",
        "noWorksheet": "the workbook has no worksheet",
        "noOdfContent": "the package has no content.xml (not an OpenDocument file)",
        "wrongOdfType": "the package is {mimetype}, not {kind}",
        "noOdfBody": "content.xml has no office:body/office:{body}",
        "badXml": "{part} is not well-formed XML: {reason} (line {line}, column {column})",
        "noXmlElement": "{part} holds no XML element"
      }
    },
  },
  {
    load: () => import('./expansion/odt_enrich.js'),
    description: {
      "name": "odt_enrich",
      "kind": "expansion",
      "moduleType": ["expansion"],
      "meta": {
        "version": "0.1",
        "author": "Sascha Rommelfangen",
        "description": "Module to extract freetext from a .odt document.",
        "name": "ODT Enrich",
        "logo": "odt.png",
        "requirements": ["None: the server reads .odt files itself."],
        "features": "The module reads the text contained in a .odt document. The result is passed to the freetext import parser so IoCs can be extracted out of it.",
        "references": [],
        "input": "Attachment attribute containing a .odt document.",
        "output": "Text and freetext parsed from the document."
      },
      "config": {},
      "attributes": {
        "input": ["attachment"],
        "output": ["freetext", "text"]
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "notPdf": "the file is not a PDF (no %PDF- header)",
        "pdfPassword": "the PDF is protected by a password",
        "pdfDamaged": "the file is not a PDF or is damaged ({detail})",
        "pdfUnreadable": "{detail}",
        "noData": "Couldn't fetch attachment (JSON 'data' is empty). Are you using the 'Query enrichment' action?",
        "unreadable": "Couldn't analyze file as {kind}. Error was: {detail}.",
        "notZip": "the file is not {kind}: it is not a zip package",
        "encrypted": "the document package is encrypted",
        "noPart": "the package has no part \"{part}\"",
        "noMainPart": "the package has no main document (no officeDocument relationship in _rels/.rels)",
        "notWord": "the package is not a Word document (its main part is {contentType})",
        "noWordBody": "{part} has no w:body element",
        "notPowerPoint": "the package is not a PowerPoint presentation (its main part is {contentType})",
        "notExcel": "the package is not an Excel workbook (its main part is {contentType})",
        "noWorksheet": "the workbook has no worksheet",
        "noOdfContent": "the package has no content.xml (not an OpenDocument file)",
        "wrongOdfType": "the package is {mimetype}, not {kind}",
        "noOdfBody": "content.xml has no office:body/office:{body}",
        "badXml": "{part} is not well-formed XML: {reason} (line {line}, column {column})",
        "noXmlElement": "{part} holds no XML element"
      }
    },
  },
  {
    load: () => import('./expansion/onion_lookup.js'),
    description: {
      "name": "onion_lookup",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "1",
        "author": "Sami Mokaddem",
        "description": "MISP module using the MISP standard. Uses the onion-lookup service to get information about an onion.",
        "name": "Onion Lookup",
        "logo": "onion.png",
        "references": ["https://onion.ail-project.org/"]
      },
      "config": {},
      "attributes": {
        "input": ["onion-address"],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "unknown": "AIL onion-lookup does not know {onion}.",
        "serviceError": "AIL onion-lookup: {error}"
      }
    },
  },
  {
    load: () => import('./expansion/onyphe.js'),
    description: {
      "name": "onyphe",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "3",
        "author": "Sebastien Larinier @sebdraven",
        "description": "Module to process a query on Onyphe.",
        "name": "Onyphe Lookup",
        "logo": "onyphe.jpg",
        "requirements": ["An access to the Onyphe API (apikey)"],
        "features": "This module takes a domain, hostname, or IP address attribute as input in order to query the Onyphe Summary API. Data fetched from the query is then parsed and MISP attributes and objects are extracted.",
        "references": ["https://www.onyphe.io/", "https://github.com/onyphe/pyonyphe"],
        "input": "A domain, hostname or IP address MISP attribute.",
        "output": "MISP attributes fetched from the Onyphe query."
      },
      "config": {
        "apikey": {
          "description": "Your ONYPHE API key, sent as \"Authorization: bearer KEY\".",
          "secret": true
        }
      },
      "attributes": {
        "input": ["ip-src", "ip-dst", "hostname", "domain"],
        "output": ["hostname", "domain", "ip-src", "ip-dst", "url"],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noKey": "Onyphe authentication is missing",
        "onypheError": "Onyphe error: {error}"
      }
    },
  },
  {
    load: () => import('./expansion/onyphe_full.js'),
    description: {
      "name": "onyphe_full",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "2",
        "author": "Sebastien Larinier @sebdraven",
        "description": "Module to process a full query on Onyphe.",
        "name": "Onyphe Full Lookup",
        "logo": "onyphe.jpg",
        "requirements": ["An access to the Onyphe API (apikey)"],
        "features": "This module takes a domain, hostname, or IP address attribute as input and runs one ONYPHE Query Language search per category (datascan, vulnscan, resolver, ctl, pastries, threatlist). The parsing is here more advanced than the one of the onyphe module, and returns more attributes, since more categories and more fields of the query results are watched and parsed.\n\nCategories the API key is not entitled to are skipped rather than failing the whole query, and are listed in a comment attribute so the analyst knows the event is partial.",
        "references": ["https://www.onyphe.io/", "https://github.com/onyphe/pyonyphe"],
        "input": "A domain, hostname or IP address MISP attribute.",
        "output": "MISP attributes and objects fetched from the Onyphe queries."
      },
      "config": {
        "apikey": {
          "description": "Your ONYPHE API key, sent as \"Authorization: bearer KEY\".",
          "secret": true
        },
        "limit": {
          "description": "Documents read per category (default 100, 100 a page; ONYPHE serves at most 10000)."
        }
      },
      "attributes": {
        "input": ["ip-src", "ip-dst", "hostname", "domain"],
        "output": ["hostname", "domain", "ip-src", "ip-dst", "url", "port", "comment"],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noKey": "Onyphe authentication is missing",
        "onypheError": "Onyphe error: {error}",
        "skipped": "Onyphe categories not returned: {categories}"
      }
    },
  },
  {
    load: () => import('./expansion/otx.js'),
    description: {
      "name": "otx",
      "kind": "expansion",
      "moduleType": ["expansion"],
      "meta": {
        "version": "1",
        "author": "chrisdoman",
        "description": "Module to get information from AlienVault OTX.",
        "name": "AlienVault OTX Lookup",
        "logo": "otx.png",
        "requirements": ["An access to the OTX API (apikey)"],
        "features": "This module takes a MISP attribute as input to query the OTX Alienvault API. The API returns then the result of the query with some types we map into compatible types we add as MISP attributes.",
        "references": ["https://www.alienvault.com/open-threat-exchange"],
        "input": "A MISP attribute included in the following list:\n- hostname\n- domain\n- ip-src\n- ip-dst\n- md5\n- sha1\n- sha256\n- sha512",
        "output": "MISP attributes mapped from the result of the query on OTX, included in the following list:\n- domain\n- ip-src\n- ip-dst\n- text\n- md5\n- sha1\n- sha256\n- sha512\n- email"
      },
      "config": {
        "apikey": {
          "description": "Your OTX API key (https://otx.alienvault.com/api), sent in the X-OTX-API-KEY header.",
          "secret": true
        }
      },
      "attributes": {
        "input": ["hostname", "domain", "ip-src", "ip-dst", "md5", "sha1", "sha256", "sha512"],
        "output": ["domain", "ip-src", "ip-dst", "text", "md5", "sha1", "sha256", "sha512", "email"]
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noKey": "An AlienVault OTX API key is required: set the apikey setting of the otx module.",
        "noInput": "The request has none of {types} as text."
      }
    },
  },
  {
    load: () => import('./expansion/passive_ssh.js'),
    description: {
      "name": "passive_ssh",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "1",
        "author": "Jean-Louis Huynen",
        "description": "An expansion module to enrich, SSH key fingerprints and IP addresses with information collected by passive-ssh",
        "name": "Passive SSH Enrichment",
        "logo": "",
        "requirements": [],
        "features": "",
        "references": [],
        "input": "",
        "output": ""
      },
      "config": {
        "custom_api_url": {
          "description": "URL of a self-hosted passive-ssh instance (default https://passivessh.circl.lu/)"
        },
        "api_user": {
          "description": "passive-ssh user name. Required."
        },
        "api_key": {
          "description": "passive-ssh password (API key). Required.",
          "secret": true
        }
      },
      "attributes": {
        "input": ["ip-src", "ip-dst", "ssh-fingerprint"],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noUser": "passive-ssh user required",
        "noPassword": "passive-ssh password required",
        "notFound": "Non existing hash",
        "empty": "Empty result"
      }
    },
  },
  {
    load: () => import('./expansion/passivetotal.js'),
    description: {
      "name": "passivetotal",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "1.1",
        "author": "Brandon Dixon",
        "description": "The PassiveTotal MISP expansion module brings the datasets derived from Internet scanning directly into your MISP instance. This module supports passive DNS, historic SSL, WHOIS, and host attributes. In order to use the module, you must have a valid PassiveTotal account username and API key.",
        "name": "PassiveTotal Lookup",
        "logo": "passivetotal.png",
        "requirements": ["An access to the PassiveTotal API (username and API key)"],
        "features": "The input type picks the datasets queried:\n- ip-src, ip-dst, hostname, domain: unique passive DNS resolutions, WHOIS details (registrant email, phones, names, registrar, creation date), SSL certificate history (IPs, SHA-1 fingerprints, names), OSINT report links and malware samples (MD5, SHA-1, SHA-256, with report links);\n- email-src, email-dst, target-email, whois-registrant-email, whois-registrant-phone, whois-registrant-name: the domains whose WHOIS record holds that value (reverse WHOIS);\n- x509-fingerprint-sha1: the certificate details (subject names, fields as text) and its history.",
        "references": ["https://api.passivetotal.org/api/docs/"],
        "input": "A MISP attribute included in the following list:\n- hostname\n- domain\n- ip-src\n- ip-dst\n- x509-fingerprint-sha1\n- email-src\n- email-dst\n- target-email\n- whois-registrant-email\n- whois-registrant-phone\n- whois-registrant-name",
        "output": "MISP attributes mapped from the result of the query on PassiveTotal, included in the following list:\n- hostname\n- domain\n- ip-src\n- ip-dst\n- x509-fingerprint-sha1\n- whois-registrant-email\n- whois-registrant-phone\n- whois-registrant-name\n- whois-registrar\n- whois-creation-date\n- md5\n- sha1\n- sha256\n- link\n- text"
      },
      "config": {
        "username": {
          "description": "PassiveTotal account username (an email address). Required."
        },
        "api_key": {
          "description": "PassiveTotal API key. Required.",
          "secret": true
        }
      },
      "attributes": {
        "input": [
          "hostname",
          "domain",
          "ip-src",
          "ip-dst",
          "x509-fingerprint-sha1",
          "email-src",
          "email-dst",
          "target-email",
          "whois-registrant-email",
          "whois-registrant-phone",
          "whois-registrant-name"
        ],
        "output": [
          "hostname",
          "domain",
          "ip-src",
          "ip-dst",
          "x509-fingerprint-sha1",
          "whois-registrant-email",
          "whois-registrant-phone",
          "whois-registrant-name",
          "whois-registrar",
          "whois-creation-date",
          "md5",
          "sha1",
          "sha256",
          "link",
          "text"
        ]
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noConfig": "Configuration is missing from the request.",
        "noAuth": "PassiveTotal authentication is missing.",
        "apiError": "We hit an error, time to bail!",
        "quota": "API quota exceeded.",
        "credentials": "PassiveTotal refused the credentials (HTTP {status}): check the username and api_key settings.",
        "notJson": "PassiveTotal answered with JSON that is not an object (HTTP {status}).",
        "noInput": "The request has none of {inputs} as a string."
      }
    },
  },
  {
    load: () => import('./expansion/pdf_enrich.js'),
    description: {
      "name": "pdf_enrich",
      "kind": "expansion",
      "moduleType": ["expansion"],
      "meta": {
        "version": "0.1",
        "author": "Sascha Rommelfangen",
        "description": "Module to extract freetext from a PDF document.",
        "name": "PDF Enrich",
        "logo": "pdf.jpg",
        "requirements": ["None: the server reads PDF text layers itself (pdf.js)."],
        "features": "The module reads the text contained in a PDF document. The result is passed to the freetext import parser so IoCs can be extracted out of it.",
        "references": [],
        "input": "Attachment attribute containing a PDF document.",
        "output": "Text and freetext parsed from the document."
      },
      "config": {},
      "attributes": {
        "input": ["attachment"],
        "output": ["freetext", "text"]
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "notPdf": "the file is not a PDF (no %PDF- header)",
        "pdfPassword": "the PDF is protected by a password",
        "pdfDamaged": "the file is not a PDF or is damaged ({detail})",
        "pdfUnreadable": "{detail}",
        "noData": "Couldn't fetch attachment (JSON 'data' is empty). Are you using the 'Query enrichment' action?",
        "unreadable": "Couldn't analyze file as {kind}. Error was: {detail}.",
        "notZip": "the file is not {kind}: it is not a zip package",
        "encrypted": "the document package is encrypted",
        "noPart": "the package has no part \"{part}\"",
        "noMainPart": "the package has no main document (no officeDocument relationship in _rels/.rels)",
        "notWord": "the package is not a Word document (its main part is {contentType})",
        "noWordBody": "{part} has no w:body element",
        "notPowerPoint": "the package is not a PowerPoint presentation (its main part is {contentType})",
        "notExcel": "the package is not an Excel workbook (its main part is {contentType})",
        "noWorksheet": "the workbook has no worksheet",
        "noOdfContent": "the package has no content.xml (not an OpenDocument file)",
        "wrongOdfType": "the package is {mimetype}, not {kind}",
        "noOdfBody": "content.xml has no office:body/office:{body}",
        "badXml": "{part} is not well-formed XML: {reason} (line {line}, column {column})",
        "noXmlElement": "{part} holds no XML element"
      }
    },
  },
  {
    load: () => import('./expansion/pptx_enrich.js'),
    description: {
      "name": "pptx_enrich",
      "kind": "expansion",
      "moduleType": ["expansion"],
      "meta": {
        "version": "0.1",
        "author": "Sascha Rommelfangen",
        "description": "Module to extract freetext from a .pptx document.",
        "name": "PPTX Enrich",
        "logo": "pptx.png",
        "requirements": ["None: the server reads .pptx files itself."],
        "features": "The module reads the text contained in a .pptx document. The result is passed to the freetext import parser so IoCs can be extracted out of it.",
        "references": [],
        "input": "Attachment attribute containing a .pptx document.",
        "output": "Text and freetext parsed from the document."
      },
      "config": {},
      "attributes": {
        "input": ["attachment"],
        "output": ["freetext", "text"]
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "notPdf": "the file is not a PDF (no %PDF- header)",
        "pdfPassword": "the PDF is protected by a password",
        "pdfDamaged": "the file is not a PDF or is damaged ({detail})",
        "pdfUnreadable": "{detail}",
        "noData": "Couldn't fetch attachment (JSON 'data' is empty). Are you using the 'Query enrichment' action?",
        "unreadable": "Couldn't analyze file as {kind}. Error was: {detail}.",
        "notZip": "the file is not {kind}: it is not a zip package",
        "encrypted": "the document package is encrypted",
        "noPart": "the package has no part \"{part}\"",
        "noMainPart": "the package has no main document (no officeDocument relationship in _rels/.rels)",
        "notWord": "the package is not a Word document (its main part is {contentType})",
        "noWordBody": "{part} has no w:body element",
        "notPowerPoint": "the package is not a PowerPoint presentation (its main part is {contentType})",
        "notExcel": "the package is not an Excel workbook (its main part is {contentType})",
        "noWorksheet": "the workbook has no worksheet",
        "noOdfContent": "the package has no content.xml (not an OpenDocument file)",
        "wrongOdfType": "the package is {mimetype}, not {kind}",
        "noOdfBody": "content.xml has no office:body/office:{body}",
        "badXml": "{part} is not well-formed XML: {reason} (line {line}, column {column})",
        "noXmlElement": "{part} holds no XML element"
      }
    },
  },
  {
    load: () => import('./expansion/qintel_qsentry.js'),
    description: {
      "name": "qintel_qsentry",
      "kind": "expansion",
      "moduleType": ["hover", "expansion"],
      "meta": {
        "version": "1.0",
        "author": "Qintel, LLC",
        "description": "A hover and expansion module which queries Qintel QSentry for ip reputation data",
        "name": "Qintel QSentry Lookup",
        "logo": "qintel.png",
        "requirements": ["A Qintel API token"],
        "features": "This module takes an ip-address (ip-src or ip-dst) attribute as input, and queries the Qintel QSentry API to retrieve ip reputation data",
        "references": ["https://www.qintel.com/products/qsentry/"],
        "input": "ip address attribute",
        "output": ""
      },
      "config": {
        "token": {
          "description": "Qintel API token (sent as x-api-key)",
          "secret": true
        },
        "remote": {
          "description": "QSentry API base URL (default https://api.qsentry.qintel.com)"
        }
      },
      "attributes": {
        "input": ["ip-src", "ip-dst"],
        "output": ["ip-src", "ip-dst", "AS", "freetext"],
        "format": "misp_standard"
      },
      "checkInput": false,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noToken": "Missing Qintel token",
        "noAttribute": "This module requires an \"attribute\" field as input, containing at least a \"type\" field and a \"value\" field",
        "unsupported": "Unsupported attribute type",
        "notObject": "Qintel QSentry answered something that is not a JSON object."
      }
    },
  },
  {
    load: () => import('./expansion/qrcode.js'),
    description: {
      "name": "qrcode",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "0.3",
        "author": "Sascha Rommelfangen",
        "description": "Decode QR codes from attachments OR remote URLs (Anti-Quishing).",
        "name": "QR Code Decode",
        "logo": "",
        "requirements": ["None: images are decoded in the server (jsQR)."],
        "features": "The module decodes the QR code in an attachment, or in the picture a url or link attribute points to (fetched from public addresses only, at most 10 MB, as a mobile browser). A bitcoin URI gives a btc attribute, a URL a url attribute, anything else text.",
        "references": [],
        "input": "A QR code stored as attachment attribute or a remote URL.",
        "output": "The URL or bitcoin address the QR code is pointing to."
      },
      "config": {},
      "attributes": {
        "input": ["attachment", "url", "link"],
        "output": ["url", "btc"]
      },
      "checkInput": false,
      "coalesce": true,
      "cache": true,
      "messages": {
        "unsupported": "Unsupported input. Provide an attachment or a URL.",
        "badAttachment": "Attachment error: empty or invalid data.",
        "notImage": "Not a valid image file (expected PNG or JPEG).",
        "noCode": "No QR code found in image.",
        "fetchStatus": "Fetch Error: {host} answered HTTP {status}.",
        "fetchFailed": "Fetch Error: {reason}",
        "blocked": "Security Block (SSRF Protection): {reason}"
      }
    },
  },
  {
    load: () => import('./expansion/ransomcoindb.js'),
    description: {
      "name": "ransomcoindb",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "0.1",
        "author": "Aaron Kaplan",
        "description": "Module to access the ransomcoinDB (see https://ransomcoindb.concinnity-risks.com)",
        "name": "RandomcoinDB Lookup",
        "logo": "",
        "requirements": ["A ransomcoinDB API key."],
        "features": "The module takes either a hash attribute or a btc attribute as input to query the ransomcoinDB API for some additional data.\n\nIf the input is a btc address, we will get the associated hashes returned in a file MISP object. If we query ransomcoinDB with a hash, the response contains the associated btc addresses returned as single MISP btc attributes.",
        "references": ["https://ransomcoindb.concinnity-risks.com"],
        "input": "A hash (md5, sha1 or sha256) or btc attribute.",
        "output": "Hashes associated to a btc address or btc addresses associated to a hash."
      },
      "config": {
        "api-key": {
          "description": "ransomcoinDB API key (sent as x-api-key)",
          "secret": true
        }
      },
      "attributes": {
        "input": ["sha1", "sha256", "md5", "btc"],
        "output": ["btc", "sha1", "sha256", "md5", "freetext"],
        "format": "misp_standard"
      },
      "checkInput": false,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noKey": "Ransomcoindb API key is missing",
        "noAttribute": "This module requires an \"attribute\" field as input, containing at least a \"type\" field and a \"value\" field.",
        "unsupported": "Unsupported attribute type."
      }
    },
  },
  {
    load: () => import('./expansion/ransomlook.js'),
    description: {
      "name": "ransomlook",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "1.0",
        "author": "MISP Project",
        "description": "Query the RansomLook API and return matching ransomware leak-site posts as MISP objects.",
        "name": "RansomLook Lookup",
        "logo": "",
        "requirements": ["No API key required."],
        "features": "The module accepts any MISP attribute value, including text and free-text attributes, and searches across RansomLook posts using the /api/search endpoint. Matching posts are converted to the MISP ransomware-group-post object format.",
        "references": [
          "https://www.ransomlook.io/",
          "https://www.ransomlook.io/doc/",
          "https://github.com/MISP/misp-objects/blob/main/objects/ransomware-group-post/definition.json"
        ],
        "input": "Any MISP attribute value to search in RansomLook posts.",
        "output": "RansomLook hits represented as ransomware-group-post MISP objects."
      },
      "config": {},
      "attributes": {
        "input": [
          "md5",
          "sha1",
          "sha256",
          "filename",
          "pdb",
          "filename|md5",
          "filename|sha1",
          "filename|sha256",
          "ip-src",
          "ip-dst",
          "hostname",
          "domain",
          "domain|ip",
          "email",
          "email-src",
          "eppn",
          "email-dst",
          "email-subject",
          "email-attachment",
          "email-body",
          "float",
          "git-commit-id",
          "url",
          "http-method",
          "user-agent",
          "ja3-fingerprint-md5",
          "jarm-fingerprint",
          "favicon-mmh3",
          "hassh-md5",
          "hasshserver-md5",
          "regkey",
          "regkey|value",
          "AS",
          "snort",
          "suricata",
          "bro",
          "zeek",
          "community-id",
          "dom-hash",
          "pattern-in-file",
          "pattern-in-traffic",
          "pattern-in-memory",
          "filename-pattern",
          "pgp-public-key",
          "pgp-private-key",
          "ssh-fingerprint",
          "yara",
          "stix2-pattern",
          "sigma",
          "gene",
          "kusto-query",
          "mime-type",
          "identity-card-number",
          "cookie",
          "vulnerability",
          "cpe",
          "weakness",
          "attachment",
          "malware-sample",
          "link",
          "comment",
          "text",
          "hex",
          "other",
          "named pipe",
          "mutex",
          "process-state",
          "target-user",
          "target-email",
          "target-machine",
          "target-org",
          "target-location",
          "target-external",
          "btc",
          "dash",
          "xmr",
          "iban",
          "bic",
          "bank-account-nr",
          "aba-rtn",
          "bin",
          "cc-number",
          "prtn",
          "phone-number",
          "threat-actor",
          "campaign-name",
          "campaign-id",
          "malware-type",
          "uri",
          "authentihash",
          "vhash",
          "ssdeep",
          "imphash",
          "telfhash",
          "pehash",
          "impfuzzy",
          "sha224",
          "sha384",
          "sha512",
          "sha512/224",
          "sha512/256",
          "sha3-224",
          "sha3-256",
          "sha3-384",
          "sha3-512",
          "tlsh",
          "cdhash",
          "filename|authentihash",
          "filename|vhash",
          "filename|ssdeep",
          "filename|imphash",
          "filename|impfuzzy",
          "filename|pehash",
          "filename|sha224",
          "filename|sha384",
          "filename|sha512",
          "filename|sha512/224",
          "filename|sha512/256",
          "filename|sha3-224",
          "filename|sha3-256",
          "filename|sha3-384",
          "filename|sha3-512",
          "filename|tlsh",
          "windows-scheduled-task",
          "windows-service-name",
          "windows-service-displayname",
          "whois-registrant-email",
          "whois-registrant-phone",
          "whois-registrant-name",
          "whois-registrant-org",
          "whois-registrar",
          "whois-creation-date",
          "x509-fingerprint-sha1",
          "x509-fingerprint-md5",
          "x509-fingerprint-sha256",
          "dns-soa-email",
          "size-in-bytes",
          "counter",
          "integer",
          "datetime",
          "port",
          "ip-dst|port",
          "ip-src|port",
          "hostname|port",
          "mac-address",
          "mac-eui-64",
          "email-dst-display-name",
          "email-src-display-name",
          "email-header",
          "email-reply-to",
          "email-x-mailer",
          "email-mime-boundary",
          "email-thread-index",
          "email-message-id",
          "github-username",
          "github-repository",
          "github-organisation",
          "jabber-id",
          "twitter-id",
          "dkim",
          "dkim-signature",
          "first-name",
          "middle-name",
          "last-name",
          "full-name",
          "date-of-birth",
          "place-of-birth",
          "gender",
          "passport-number",
          "passport-country",
          "passport-expiration",
          "redress-number",
          "nationality",
          "visa-number",
          "issue-date-of-the-visa",
          "primary-residence",
          "country-of-residence",
          "special-service-request",
          "frequent-flyer-number",
          "travel-details",
          "payment-details",
          "place-port-of-original-embarkation",
          "place-port-of-clearance",
          "place-port-of-onward-foreign-destination",
          "passenger-name-record-locator-number",
          "mobile-application-id",
          "azure-application-id",
          "chrome-extension-id",
          "edge-extension-id",
          "cortex",
          "boolean",
          "uuid",
          "anonymised",
          "onion-address",
          "freetext"
        ],
        "output": ["MISP objects"],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noResults": "No results found on RansomLook for this {type} attribute.",
        "httpStatus": "RansomLook API returned HTTP status {status}.",
        "httpStatusSaid": "RansomLook API returned HTTP status {status}: {detail}.",
        "invalidJson": "RansomLook API returned an invalid JSON response.",
        "requestFailed": "RansomLook API request failed: {reason}."
      }
    },
  },
  {
    load: () => import('./expansion/rapid7_attackerkb.js'),
    description: {
      "name": "rapid7_attackerkb",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "1",
        "author": "R7 Labs",
        "description": "Module to lookup CVE attributes in Rapid7 AttackerKB.",
        "name": "Rapid7 AttackerKB lookup",
        "logo": "rapid7.png",
        "requirements": ["A valid public Rapid7 AttackerKB API key https://api.attackerkb.com/v1/api-docs/docs"],
        "features": "The module takes a CVE attribute and queries Rapid7 AttackerKB to retrieve information about the vulnerability. It returns details such as the CVSS score, exploitability, attacker value, available references, Rapid7 analysis, and community assessments.",
        "references": ["https://attackerkb.com/"],
        "input": "A vulnerability attribute containing a CVE ID, or a comment that includes one or more CVEs.",
        "output": "Enriched information about the CVE, including:\n\nVulnerability description and link to Rapid7 AttackerKB topic\nCVSS base score\nAttacker value and exploitability ratings\nExternal references related to the CVE\nRapid7’s analysis (if available)\nCommunity assessments with contributor names, scores, and notes"
      },
      "config": {
        "api_key": {
          "description": "Rapid7 AttackerKB API key",
          "secret": true
        }
      },
      "attributes": {
        "input": ["vulnerability", "comment"],
        "output": ["MISPObject"],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "missing": "Missing CVE input or API key",
        "noCve": "No valid CVE found",
        "notFound": "CVE not found in AttackerKB: {cves}"
      }
    },
  },
  {
    load: () => import('./expansion/rbl.js'),
    description: {
      "name": "rbl",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "0.2",
        "author": "Christian Studer",
        "description": "Module to check an IPv4 address against known RBLs.",
        "name": "Real-time Blackhost Lists Lookup",
        "logo": "",
        "requirements": [],
        "features": "This module takes an IP address attribute as input and queries multiple know Real-time Blackhost Lists to check if they have already seen this IP address.\n\nWe display then all the information we get from those different sources.",
        "references": [
          "[RBLs list](https://github.com/MISP/misp-modules/blob/8817de476572a10a9c9d03258ec81ca70f3d926d/misp_modules/modules/expansion/rbl.py#L20)"
        ],
        "input": "IP address attribute.",
        "output": "Text with additional data from Real-time Blackhost Lists about the IP address."
      },
      "config": {
        "timeout": {
          "description": "Seconds to wait for each RBL (default 0.4)."
        }
      },
      "attributes": {
        "input": ["ip-src", "ip-dst"],
        "output": ["text"]
      },
      "checkInput": false,
      "coalesce": true,
      "cache": true,
      "messages": {
        "unsupported": "Unsupported attributes type",
        "notIpv4": "{value} is not an IPv4 address: the RBLs are asked about IPv4 addresses only.",
        "noData": "No data found by querying known RBLs",
        "allFailed": "Could not query any RBL: {reason}"
      }
    },
  },
  {
    load: () => import('./expansion/rdap.js'),
    description: {
      "name": "rdap",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "1",
        "author": "Ali Bhutto",
        "description": "An expansion module to query the public RDAP bootstrap (rdap.org) for registration data of a domain, hostname, IP address or URL. RDAP (Registration Data Access Protocol, RFC 9082/9083) is the free, unauthenticated and structured successor to WHOIS.",
        "name": "RDAP Lookup",
        "logo": "",
        "requirements": [],
        "features": "The module takes a domain, hostname, IP address or URL attribute as input, resolves a URL to its host, and queries the rdap.org bootstrap which redirects to the authoritative RDAP server for the object. The registrar, registration and expiration dates, name servers, status and registrant information are parsed into a MISP whois object.",
        "references": ["https://about.rdap.org/", "https://rdap.org/"],
        "input": "A domain, hostname, IP address or URL attribute.",
        "output": "A whois object holding the registration data returned by RDAP."
      },
      "config": {},
      "attributes": {
        "input": ["domain", "hostname", "ip-src", "ip-dst", "url"],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noHost": "Could not extract a host from URL {value}.",
        "notAName": "{value} is not a domain name or IP address: RDAP cannot look it up.",
        "notFound": "No RDAP record found for {value}.",
        "invalidJson": "{server} answered with invalid JSON (HTTP {status}).",
        "notRdap": "{server} answered something that is not an RDAP object."
      }
    },
  },
  {
    load: () => import('./expansion/recordedfuture.js'),
    description: {
      "name": "recordedfuture",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "2.0.1",
        "author": "Recorded Future",
        "description": "Module to enrich attributes with threat intelligence from Recorded Future.",
        "name": "Recorded Future Enrich",
        "logo": "recordedfuture.png",
        "requirements": ["A Recorded Future API token."],
        "features": "Enrich an attribute to add a custom enrichment object to the event. The object contains a copy of the enriched attribute with added tags presenting risk score and triggered risk rules from Recorded Future. Malware and Threat Actors related to the enriched indicator in Recorded Future is matched against MISP's galaxy clusters and applied as galaxy tags. The custom enrichment object also includes a list of related indicators from Recorded Future (IP's, domains, hashes, URL's and vulnerabilities) added as additional attributes.",
        "references": ["https://www.recordedfuture.com/"],
        "input": "A MISP attribute of one of the following types: ip, ip-src, ip-dst, domain, hostname, md5, sha1, sha256, uri, url, vulnerability, weakness.",
        "output": "A MISP object containing a copy of the enriched attribute with added tags from Recorded Future and a list of new attributes related to the enriched attribute."
      },
      "config": {
        "token": {
          "description": "Recorded Future API token (sent as X-RFToken)",
          "secret": true
        },
        "proxy_host": {
          "description": "Accepted and ignored: the server's proxy settings (--proxy) apply to every request"
        },
        "proxy_port": {
          "description": "Accepted and ignored: the server's proxy settings (--proxy) apply to every request"
        },
        "proxy_username": {
          "description": "Accepted and ignored: the server's proxy settings (--proxy) apply to every request"
        },
        "proxy_password": {
          "description": "Accepted and ignored: the server's proxy settings (--proxy) apply to every request",
          "secret": true
        }
      },
      "attributes": {
        "input": [
          "ip",
          "ip-src",
          "ip-dst",
          "ip-src|port",
          "ip-dst|port",
          "domain",
          "hostname",
          "md5",
          "sha1",
          "sha256",
          "uri",
          "url",
          "vulnerability",
          "weakness"
        ],
        "output": [
          "ip",
          "ip-src",
          "ip-dst",
          "ip-src|port",
          "ip-dst|port",
          "domain",
          "hostname",
          "md5",
          "sha1",
          "sha256",
          "uri",
          "url",
          "vulnerability",
          "weakness",
          "email-src",
          "malware-sample",
          "text",
          "target-org",
          "threat-actor",
          "target-user"
        ],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noToken": "Missing Recorded Future token.",
        "noAttribute": "This module requires an \"attribute\" field as input, containing at least a \"type\" field and a \"value\" field.",
        "unexpected": "Unexpected format in Recorded Future api response."
      }
    },
  },
  {
    load: () => import('./expansion/reversedns.js'),
    description: {
      "name": "reversedns",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "0.1",
        "author": "Andreas Muehlemann",
        "description": "Simple Reverse DNS expansion service to resolve reverse DNS from MISP attributes.",
        "name": "Reverse DNS",
        "logo": "",
        "requirements": [],
        "features": "The module takes an IP address as input and tries to find the hostname this IP address is resolved into.\n\nThe address of the DNS resolver to use is also configurable, but if no configuration is set, we use the Google public DNS address (8.8.8.8), or the server's --dns-server when it has one.\n\nPlease note that composite MISP attributes containing IP addresses are supported as well.",
        "references": [],
        "input": "An IP address attribute.",
        "output": "Hostname attribute the input is resolved into."
      },
      "config": {
        "nameserver": {
          "description": "DNS server to ask: ip, ip:port or [ipv6]:port. Empty: the server's resolver (--dns-server, else the system's)."
        }
      },
      "attributes": {
        "input": ["ip-src", "ip-dst", "domain|ip"],
        "output": ["hostname"]
      },
      "checkInput": false,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noInput": "The request has none of ip-dst, ip-src, ip or domain|ip as a string.",
        "notAnIp": "{value} is not an IP address.",
        "nxdomain": "NXDOMAIN",
        "timeout": "Timeout",
        "failed": "DNS resolving error: {reason}"
      }
    },
  },
  {
    load: () => import('./expansion/reversinglabs_spectra_analyze.js'),
    description: {
      "name": "reversinglabs_spectra_analyze",
      "kind": "expansion",
      "moduleType": ["expansion"],
      "meta": {
        "version": "1.0.0",
        "author": "ReversingLabs",
        "description": "Module to enrich file hashes, domains, IPs and URLs with ReversingLabs Spectra Analyze threat intelligence.",
        "name": "ReversingLabs Spectra Analyze",
        "logo": "reversinglabs.png",
        "requirements": ["A ReversingLabs Spectra Analyze API token."],
        "features": "This module enriches MISP attributes with threat intelligence from ReversingLabs Spectra Analyze. It supports file hashes (MD5, SHA1, SHA256), domains, hostnames, IP addresses, and URLs. The module returns detailed file analysis including classification, threat indicators, and related network infrastructure as MISP objects.",
        "references": ["https://github.com/reversinglabs/reversinglabs-misp"],
        "input": "A MISP attribute of one of the following types: md5, sha1, sha256, domain, hostname, ip, ip-src, ip-dst, url.",
        "output": "MISP objects including file objects, domain-ip mappings, DNS records, URL objects, and IP-port objects with detailed threat intelligence."
      },
      "config": {
        "api_url": {
          "description": "URL of your Spectra Analyze appliance (e.g. https://a1000.example.org)."
        },
        "api_token": {
          "description": "Spectra Analyze API token (sent as \"Authorization: Token …\").",
          "secret": true
        },
        "verify_ssl": {
          "description": "Accepted and ignored: TLS is always verified (use --ca-file for a private CA)."
        }
      },
      "attributes": {
        "input": ["md5", "sha1", "sha256", "domain", "hostname", "ip", "ip-src", "ip-dst", "url"],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "missingUrl": "Missing api_url in config",
        "missingToken": "Missing api_token in config",
        "noValue": "No attribute value provided",
        "unknownType": "Could not determine IOC type for: {value}",
        "requestFailed": "API request failed: {detail}"
      }
    },
  },
  {
    load: () => import('./expansion/rst_cs_beacon.js'),
    description: {
      "name": "rst_cs_beacon",
      "kind": "expansion",
      "moduleType": ["expansion"],
      "meta": {
        "version": "0.2",
        "author": "RST Cloud",
        "description": "Scan a target IP[:port] for a Cobalt Strike beacon configuration via RST Scan API.",
        "name": "RST Cloud Cobalt Strike Beacon",
        "requirements": ["An RST Cloud API key."],
        "features": "Probes the target for Cobalt Strike beacon configurations via RST Scan GET /scan/cs-beacon. On a hit, returns file MISP object(s) with pivotable SHA-256 hashes tagged to the Cobalt Strike galaxy.",
        "references": ["https://api.rstcloud.net/", "https://pypi.org/project/rstapi/"],
        "input": "IP, URL, domain, or hostname attribute (optional port via config).",
        "output": "file MISP object(s) with beacon hashes and Cobalt Strike galaxy tag."
      },
      "config": {
        "api_key": {
          "description": "Your RST Cloud API key, sent in the X-Api-Key header.",
          "secret": true
        },
        "base_url": {
          "description": "RST Cloud API base URL (default https://api.rstcloud.net/v1)."
        },
        "port": {
          "description": "Port of the service to scan when the attribute carries none (default 443)."
        },
        "timeout": {
          "description": "Seconds to wait for a scan (RST Cloud connects to the target meanwhile; default 60), within the query timeout."
        }
      },
      "attributes": {
        "input": [
          "ip-dst",
          "ip-src",
          "url",
          "domain",
          "hostname",
          "ip-dst|port",
          "ip-src|port",
          "hostname|port",
          "domain|port"
        ],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noKey": "An RST Cloud API key is required (set api_key in the module config).",
        "noTarget": "No target found in the request.",
        "notFound": "{target}: no Cobalt Strike beacon found",
        "notDetected": "{target}: no Cobalt Strike beacon detected",
        "beacon": "Cobalt Strike beacon ({arch}) on {target}; config: {config}"
      }
    },
  },
  {
    load: () => import('./expansion/rst_favicon.js'),
    description: {
      "name": "rst_favicon",
      "kind": "expansion",
      "moduleType": ["expansion"],
      "meta": {
        "version": "0.3",
        "author": "RST Cloud",
        "description": "Fetch a target's favicon (image + all hashes for Shodan/Netlas/Censys pivoting) via RST Scan API.",
        "name": "RST Cloud Favicon",
        "requirements": ["An RST Cloud API key."],
        "features": "Retrieves the favicon image and cryptographic hashes via RST Scan GET /scan/favicon. Returns a file MISP object with MD5/SHA-1/SHA-256 for Censys/Netlas pivoting and a standalone Murmur3 favicon-hash attribute for Shodan/FOFA-style pivoting.",
        "references": ["https://api.rstcloud.net/", "https://pypi.org/project/rstapi/"],
        "input": "URL, domain, hostname, or IP attribute.",
        "output": "file MISP object, favicon-hash attribute, and resolved favicon URL."
      },
      "config": {
        "api_key": {
          "description": "Your RST Cloud API key, sent in the X-Api-Key header.",
          "secret": true
        },
        "base_url": {
          "description": "RST Cloud API base URL (default https://api.rstcloud.net/v1)."
        },
        "timeout": {
          "description": "Seconds to wait for a scan (RST Cloud connects to the target meanwhile; default 60), within the query timeout."
        }
      },
      "attributes": {
        "input": [
          "url",
          "domain",
          "hostname",
          "ip-src",
          "ip-dst",
          "ip-src|port",
          "ip-dst|port",
          "hostname|port",
          "domain|port"
        ],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noKey": "An RST Cloud API key is required (set api_key in the module config).",
        "noTarget": "No target found in the request.",
        "noFavicon": "{target}: no favicon returned",
        "hashComment": "Murmur3 favicon hash for {target} (Shodan/FOFA pivot)"
      }
    },
  },
  {
    load: () => import('./expansion/rst_html.js'),
    description: {
      "name": "rst_html",
      "kind": "expansion",
      "moduleType": ["expansion"],
      "meta": {
        "version": "0.2",
        "author": "RST Cloud",
        "description": "Fetch rendered HTML body or extracted JavaScript for a URL/IP target via RST Scan API.",
        "name": "RST Cloud HTML Fetcher",
        "requirements": ["An RST Cloud API key."],
        "features": "Fetches the rendered HTML body or extracted JavaScript from the target via RST Scan. Returns a file MISP object with the page attached and pivotable content hashes. Configurable mode: body (default) or js.",
        "references": ["https://api.rstcloud.net/", "https://pypi.org/project/rstapi/"],
        "input": "URL, domain, hostname, or IP attribute (optional port via config).",
        "output": "file MISP object (page.html or page.js) with hashes and HTTP metadata."
      },
      "config": {
        "api_key": {
          "description": "Your RST Cloud API key, sent in the X-Api-Key header.",
          "secret": true
        },
        "base_url": {
          "description": "RST Cloud API base URL (default https://api.rstcloud.net/v1)."
        },
        "mode": {
          "description": "\"body\" (default) fetches the rendered HTML, \"js\" the JavaScript extracted from the page."
        },
        "port": {
          "description": "Port of the service to scan when the attribute carries none (default 443)."
        },
        "timeout": {
          "description": "Seconds to wait for a scan (RST Cloud connects to the target meanwhile; default 60), within the query timeout."
        }
      },
      "attributes": {
        "input": [
          "url",
          "domain",
          "hostname",
          "ip-src",
          "ip-dst",
          "ip-src|port",
          "ip-dst|port",
          "hostname|port",
          "domain|port"
        ],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noKey": "An RST Cloud API key is required (set api_key in the module config).",
        "noTarget": "No target found in the request.",
        "empty": "{target}: empty response"
      }
    },
  },
  {
    load: () => import('./expansion/rst_ioc.js'),
    description: {
      "name": "rst_ioc",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "0.4",
        "author": "RST Cloud",
        "description": "Enrich indicators with RST Cloud threat intelligence. Returns an rst-ioc object (score, attribution, geo/ASN for IPs, DNS/WHOIS for domains, parsed components for URLs, related hashes for file hashes) linked back to the enriched attribute.",
        "name": "RST Cloud IoC Lookup",
        "requirements": ["An RST Cloud API key."],
        "features": "Queries RST Cloud GET /ioc for threat scores, attribution, geo/ASN, DNS, WHOIS, TTPs, CVEs, and related indicators. Returns a structured rst-ioc MISP object with galaxy tags and optional pivotable related hashes/IPs. When misp_url and misp_key are configured, also writes score/threat tags onto the enriched attribute via the MISP API.",
        "references": ["https://api.rstcloud.net/", "https://pypi.org/project/rstapi/"],
        "input": "IP, domain, hostname, URL, or hash attribute (incl. host|port composites).",
        "output": "rst-ioc MISP object, galaxy/score tags, and optional related attributes."
      },
      "config": {
        "api_key": {
          "description": "Your RST Cloud API key, sent in the X-Api-Key header.",
          "secret": true
        },
        "base_url": {
          "description": "RST Cloud API base URL (default https://api.rstcloud.net/v1)."
        },
        "misp_url": {
          "description": "Accepted and ignored: upstream uses it (with misp_key) to write tags and sightings back onto the attribute through the MISP API and to look up RST galaxy clusters; this server only returns the enrichment, with built-in galaxy tags."
        },
        "misp_key": {
          "description": "Accepted and ignored (see misp_url).",
          "secret": true
        },
        "misp_verifycert": {
          "description": "Accepted and ignored (see misp_url)."
        }
      },
      "attributes": {
        "input": [
          "ip-src",
          "ip-dst",
          "domain",
          "hostname",
          "url",
          "md5",
          "sha1",
          "sha256",
          "ip-src|port",
          "ip-dst|port",
          "hostname|port",
          "domain|port"
        ],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noKey": "An RST Cloud API key is required (set api_key in the module config).",
        "noValue": "No supported indicator value found in the request.",
        "notFound": "{value}: not found in RST Cloud"
      }
    },
  },
  {
    load: () => import('./expansion/rst_noise_control.js'),
    description: {
      "name": "rst_noise_control",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "0.4",
        "author": "RST Cloud",
        "description": "Check whether a value (IP, domain, URL or hash) is known-good / noise via RST Noise Control. Returns an rst-noise object (verdict, category) linked back to the enriched attribute.",
        "name": "RST Cloud Noise Control",
        "requirements": ["An RST Cloud API key."],
        "features": "Queries RST Cloud GET /benign/lookup for benign/noisy verdicts. Returns an rst-noise MISP object with false-positive risk tags. When misp_url and misp_key are configured, also annotates the source attribute in place (tags, comment, to_ids, false-positive sightings).",
        "references": ["https://api.rstcloud.net/", "https://pypi.org/project/rstapi/"],
        "input": "IP, domain, hostname, URL, or hash attribute (incl. host|port composites).",
        "output": "rst-noise MISP object with verdict, category, and risk/noise tags."
      },
      "config": {
        "api_key": {
          "description": "Your RST Cloud API key, sent in the X-Api-Key header.",
          "secret": true
        },
        "base_url": {
          "description": "RST Cloud API base URL (default https://api.rstcloud.net/v1)."
        },
        "misp_url": {
          "description": "Accepted and ignored: upstream uses it (with misp_key) to write tags and sightings back onto the attribute through the MISP API and to look up RST galaxy clusters; this server only returns the enrichment, with built-in galaxy tags."
        },
        "misp_key": {
          "description": "Accepted and ignored (see misp_url).",
          "secret": true
        },
        "misp_verifycert": {
          "description": "Accepted and ignored (see misp_url)."
        }
      },
      "attributes": {
        "input": [
          "ip-src",
          "ip-dst",
          "domain",
          "hostname",
          "url",
          "md5",
          "sha1",
          "sha256",
          "ip-src|port",
          "ip-dst|port",
          "hostname|port",
          "domain|port"
        ],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noKey": "An RST Cloud API key is required (set api_key in the module config).",
        "noValue": "No supported value found in the request.",
        "unexpected": "{value}: unexpected response from RST Noise Control"
      }
    },
  },
  {
    load: () => import('./expansion/rst_screenshot.js'),
    description: {
      "name": "rst_screenshot",
      "kind": "expansion",
      "moduleType": ["expansion"],
      "meta": {
        "version": "0.2",
        "author": "RST Cloud",
        "description": "Capture a page screenshot (first/full/last frame) of a URL/IP target via RST Scan API.",
        "name": "RST Cloud Screenshot",
        "requirements": ["An RST Cloud API key."],
        "features": "Renders the target page and returns a PNG screenshot as an image MISP object (inline in MISP). Configurable frame: first, full (default), or last.",
        "references": ["https://api.rstcloud.net/", "https://pypi.org/project/rstapi/"],
        "input": "URL, domain, hostname, or IP attribute (optional port via config).",
        "output": "image MISP object with PNG attachment linked to the enriched attribute."
      },
      "config": {
        "api_key": {
          "description": "Your RST Cloud API key, sent in the X-Api-Key header.",
          "secret": true
        },
        "base_url": {
          "description": "RST Cloud API base URL (default https://api.rstcloud.net/v1)."
        },
        "frame": {
          "description": "Which screenshot: \"first\", \"full\" (default) or \"last\"."
        },
        "port": {
          "description": "Port of the service to scan when the attribute carries none (default 443)."
        },
        "timeout": {
          "description": "Seconds to wait for a scan (RST Cloud connects to the target meanwhile; default 60), within the query timeout."
        }
      },
      "attributes": {
        "input": [
          "url",
          "domain",
          "hostname",
          "ip-src",
          "ip-dst",
          "ip-src|port",
          "ip-dst|port",
          "hostname|port",
          "domain|port"
        ],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noKey": "An RST Cloud API key is required (set api_key in the module config).",
        "noTarget": "No target found in the request.",
        "noScreenshot": "{target}: no screenshot returned ({method})"
      }
    },
  },
  {
    load: () => import('./expansion/rst_ssl.js'),
    description: {
      "name": "rst_ssl",
      "kind": "expansion",
      "moduleType": ["expansion"],
      "meta": {
        "version": "0.2",
        "author": "RST Cloud",
        "description": "Fetch the SSL certificate for an IP[:port] as an x509 object via RST Scan API.",
        "name": "RST Cloud SSL Certificate",
        "requirements": ["An RST Cloud API key."],
        "features": "Connects to the target service and retrieves the TLS certificate via RST Scan GET /scan/ssl/certificate. Returns an x509 MISP object with pivotable fingerprints (SHA-1/256/MD5), subject, issuer, and validity dates.",
        "references": ["https://api.rstcloud.net/", "https://pypi.org/project/rstapi/"],
        "input": "IP, hostname, or domain attribute (optional port via config or composite).",
        "output": "x509 MISP object referencing the enriched attribute."
      },
      "config": {
        "api_key": {
          "description": "Your RST Cloud API key, sent in the X-Api-Key header.",
          "secret": true
        },
        "base_url": {
          "description": "RST Cloud API base URL (default https://api.rstcloud.net/v1)."
        },
        "port": {
          "description": "Port of the service to scan when the attribute carries none (default 443)."
        },
        "timeout": {
          "description": "Seconds to wait for a scan (RST Cloud connects to the target meanwhile; default 60), within the query timeout."
        }
      },
      "attributes": {
        "input": [
          "ip-dst",
          "ip-src",
          "hostname",
          "domain",
          "ip-dst|port",
          "ip-src|port",
          "hostname|port",
          "domain|port"
        ],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noKey": "An RST Cloud API key is required (set api_key in the module config).",
        "noTarget": "No target found in the request (expects an IP/hostname).",
        "noCertificate": "{target}: no certificate returned"
      }
    },
  },
  {
    load: () => import('./expansion/rst_whois.js'),
    description: {
      "name": "rst_whois",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "0.2",
        "author": "RST Cloud",
        "description": "Retrieve parsed WHOIS information for a domain via RST Cloud.",
        "name": "RST Cloud Whois",
        "requirements": ["An RST Cloud API key."],
        "features": "Queries RST Cloud GET /whois for parsed domain registration data. Returns a standard whois MISP object (registrar, registrant, dates, nameservers) linked back to the enriched attribute.",
        "references": ["https://api.rstcloud.net/", "https://pypi.org/project/rstapi/"],
        "input": "Domain or hostname attribute.",
        "output": "whois MISP object with registration and nameserver fields."
      },
      "config": {
        "api_key": {
          "description": "Your RST Cloud API key, sent in the X-Api-Key header.",
          "secret": true
        },
        "base_url": {
          "description": "RST Cloud API base URL (default https://api.rstcloud.net/v1)."
        }
      },
      "attributes": {
        "input": ["domain", "hostname"],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noKey": "An RST Cloud API key is required (set api_key in the module config).",
        "noDomain": "No domain found in the request.",
        "noData": "{domain}: no WHOIS data found"
      }
    },
  },
  {
    load: () => import('./expansion/securitytrails.js'),
    description: {
      "name": "securitytrails",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "1",
        "author": "Sebastien Larinier @sebdraven",
        "description": "An expansion modules for SecurityTrails.",
        "name": "SecurityTrails Lookup",
        "logo": "securitytrails.png",
        "requirements": ["An access to the SecurityTrails API (apikey)"],
        "features": "The module takes a domain, hostname or IP address attribute as input and queries the SecurityTrails API with it.\n\nMultiple parsing operations are then processed on the result of the query to extract a much information as possible.\n\nFrom this data extracted are then mapped MISP attributes.",
        "references": ["https://securitytrails.com/"],
        "input": "A domain, hostname or IP address attribute.",
        "output": "MISP attributes resulting from the query on SecurityTrails API, included in the following list:\n- hostname\n- domain\n- ip-src\n- ip-dst\n- dns-soa-email\n- whois-registrant-email\n- whois-registrant-phone\n- whois-registrant-name\n- whois-registrar\n- whois-creation-date\n- domain"
      },
      "config": {
        "apikey": {
          "description": "Your SecurityTrails API key, sent in the apikey header.",
          "secret": true
        }
      },
      "attributes": {
        "input": ["hostname", "domain", "ip-src", "ip-dst"],
        "output": [
          "hostname",
          "domain",
          "ip-src",
          "ip-dst",
          "dns-soa-email",
          "whois-registrant-email",
          "whois-registrant-phone",
          "whois-registrant-name",
          "whois-registrar",
          "whois-creation-date",
          "domain"
        ]
      },
      "checkInput": false,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noKey": "SecurityTrails authentication is missing",
        "unsupported": "Unsupported attributes types",
        "unknownDomain": "Page Not found https://api.securitytrails.com/v1/domain/{domain} Error DNS result"
      }
    },
  },
  {
    load: () => import('./expansion/shodan.js'),
    description: {
      "name": "shodan",
      "kind": "expansion",
      "moduleType": ["expansion"],
      "meta": {
        "version": "0.2",
        "author": "Raphaël Vinot",
        "description": "Module to query on Shodan.",
        "name": "Shodan Lookup",
        "logo": "shodan.png",
        "requirements": ["An access to the Shodan API (apikey)"],
        "features": "The module takes an IP address as input and queries the Shodan API to get some additional data about it.",
        "references": ["https://www.shodan.io/"],
        "input": "An IP address MISP attribute.",
        "output": "Text with additional data about the input, resulting from the query on Shodan."
      },
      "config": {
        "apikey": {
          "description": "Your Shodan API key, sent as the key query parameter.",
          "secret": true
        }
      },
      "attributes": {
        "input": ["ip-src", "ip-dst"],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noKey": "Shodan authentication is missing",
        "notFound": "No information available for that IP."
      }
    },
  },
  {
    load: () => import('./expansion/sigma_queries.js'),
    description: {
      "name": "sigma_queries",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "0.1",
        "author": "Christian Studer",
        "description": "An expansion hover module to display the result of sigma queries.",
        "name": "Sigma Rule Converter",
        "logo": "sigma.png",
        "requirements": [],
        "features": "This module takes a Sigma rule attribute as input and tries all the different queries available to convert it into different formats recognized by SIEMs. Backends: es-dsl, es-qs, graylog, kibana, xpack-watcher, logpoint, splunk, grep, mdatp, splunkxml, arcsight, qualys.",
        "references": ["https://github.com/Neo23x0/sigma/wiki"],
        "input": "A Sigma attribute.",
        "output": "Text displaying results of queries on the Sigma attribute."
      },
      "config": {},
      "attributes": {
        "input": ["sigma"],
        "output": ["text"]
      },
      "checkInput": false,
      "coalesce": true,
      "cache": true,
      "messages": {
        "missing": "Sigma rule missing",
        "notYaml": "The Sigma rule is not valid YAML: {reason}",
        "notConvertible": "The Sigma rule cannot be converted: {reason}",
        "noBackend": "No backend could convert the Sigma rule ({reasons})."
      }
    },
  },
  {
    load: () => import('./expansion/sigma_syntax_validator.js'),
    description: {
      "name": "sigma_syntax_validator",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "0.1",
        "author": "Christian Studer",
        "description": "An expansion hover module to perform a syntax check on sigma rules.",
        "name": "Sigma Syntax Validator",
        "logo": "sigma.png",
        "requirements": [],
        "features": "This module takes a Sigma rule attribute as input and performs a syntax check on it.\n\nIt displays then that the rule is valid if it is the case, and the error related to the rule otherwise.",
        "references": ["https://github.com/Neo23x0/sigma/wiki"],
        "input": "A Sigma attribute.",
        "output": "Text describing the validity of the Sigma rule."
      },
      "config": {},
      "attributes": {
        "input": ["sigma"],
        "output": ["text"]
      },
      "checkInput": false,
      "coalesce": true,
      "cache": true,
      "messages": {
        "missing": "Sigma rule missing"
      }
    },
  },
  {
    load: () => import('./expansion/sigmf_expand.js'),
    description: {
      "name": "sigmf_expand",
      "kind": "expansion",
      "moduleType": ["expansion"],
      "meta": {
        "version": "0.1",
        "author": "Luciano Righetti",
        "description": "Expands a SigMF Recording object into a SigMF Expanded Recording object, extracts a SigMF archive into a SigMF Recording object.",
        "name": "SigMF Expansion",
        "logo": "",
        "requirements": [],
        "features": "Object enrichment: a sigmf-recording (SigMF-meta and SigMF-data attachments) gives a sigmf-expanded-recording with the core metadata fields and a waterfall (spectrogram) PNG; a sigmf-archive (.sigmf tar) gives one sigmf-recording per recording it holds.",
        "references": ["https://github.com/sigmf/SigMF"],
        "input": "A sigmf-recording or sigmf-archive object.",
        "output": "sigmf-expanded-recording or sigmf-recording objects referencing the input object."
      },
      "config": {},
      "attributes": {
        "input": ["sigmf-recording", "sigmf-archive"],
        "output": ["MISP objects"],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noObject": "No SigMF object provided",
        "notAnObject": "No object provided",
        "noAttributes": "Empty Attribute list",
        "noUuid": "The object has no uuid to reference.",
        "noContent": "The {relation} attribute carries no file content (\"data\").",
        "notBase64": "The {relation} attribute's \"data\" is not valid base64.",
        "noArchive": "No SigMF-archive attribute found",
        "badArchive": "An error occured when processing the SigMF archive: {reason}",
        "noMetaInArchive": "No SigMF metadata file found",
        "noMeta": "No SigMF-meta attribute",
        "noData": "No SigMF-data attribute",
        "metaNotJson": "Provided .sigmf-meta is not a valid JSON string",
        "noGlobal": "Provided .sigmf-meta and .sigmf-data is not a valid SigMF file: the metadata has no \"global\" object.",
        "noDatatype": "Provided .sigmf-meta and .sigmf-data is not a valid SigMF file: \"global\" has no core:datatype.",
        "noVersion": "Provided .sigmf-meta and .sigmf-data is not a valid SigMF file: \"global\" has no core:version.",
        "badChecksum": "Provided .sigmf-meta and .sigmf-data is not a valid SigMF file: the data does not match the metadata's core:sha512.",
        "noPlots": "Could not generate plots: {reason}"
      }
    },
  },
  {
    load: () => import('./expansion/socialscan.js'),
    description: {
      "name": "socialscan",
      "kind": "expansion",
      "moduleType": ["hover"],
      "meta": {
        "version": "1",
        "author": "Christian Studer",
        "description": "A hover module to get information on the availability of an email address or username on some online platforms.",
        "name": "Socialscan Lookup",
        "logo": "",
        "requirements": [],
        "features": "The module takes an email address or username as input and check its availability on some online platforms. The results for each platform are then returned to see if the email address or the username is used, available or if there is an issue with it.",
        "references": ["https://github.com/iojw/socialscan"],
        "input": "An email address or usename attribute.",
        "output": "Text containing information about the availability of an email address or a username in some online platforms."
      },
      "config": {},
      "attributes": {
        "input": [
          "github-username",
          "target-user",
          "email",
          "email-src",
          "email-dst",
          "target-email",
          "whois-registrant-email"
        ],
        "output": ["text"]
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "unsupported": "Unsupported attributes type"
      }
    },
  },
  {
    load: () => import('./expansion/socradar_lookup.js'),
    description: {
      "name": "socradar_lookup",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "1.0",
        "author": "SOCRadar",
        "description": "Enrich MISP attributes with SOCRadar threat intelligence. Queries SOCRadar IoC Enrichment API for categorization, malware families, threat actors, confidence scores, feed source history, and geographic attribution.",
        "name": "SOCRadar Threat Intelligence",
        "logo": "socradar.png",
        "requirements": [],
        "features": "Query SOCRadar IoC Enrichment API to enrich MISP attributes with threat intelligence context. Supports IP, domain, URL, hash, and email lookups. Two modes: STIX (fast) and Full (detailed with categorization, history, and optional AI insight). Requires a SOCRadar Advanced Threat Intelligence API key.",
        "references": ["https://socradar.io", "https://platform.socradar.com"],
        "input": "A MISP attribute of type ip-src, ip-dst, domain, hostname, url, md5, sha1, sha256, email-src, or email-dst.",
        "output": "Enrichment data including categorization, malware families, threat actors, confidence score, SOCRadar threat score, feed source history, and country attribution."
      },
      "config": {
        "socradar_api_key": {
          "description": "SOCRadar Advanced Threat Intelligence API key",
          "secret": true
        },
        "socradar_api_url": {
          "description": "API base URL (default https://platform.socradar.com/api)"
        },
        "socradar_mode": {
          "description": "\"full\" (detailed, default) or \"stix\" (fast)"
        },
        "socradar_ai_insight": {
          "description": "Include the AI insight in full mode (slower): true/false, default false"
        }
      },
      "attributes": {
        "input": ["ip-src", "ip-dst", "domain", "hostname", "url", "md5", "sha1", "sha256", "email-src", "email-dst"],
        "output": ["text"],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noKey": "SOCRadar API key is required. Get your Advanced Threat Intelligence API key at https://platform.socradar.com → API Management",
        "noValue": "No attribute value provided for enrichment",
        "refused": "SOCRadar API authentication failed. Please check your API key. A valid Advanced Threat Intelligence API key is required. Get yours at https://platform.socradar.com → API Management",
        "badRequest": "SOCRadar API bad request for indicator: {indicator}",
        "invalidJson": "SOCRadar answered with invalid JSON (HTTP {status})."
      }
    },
  },
  {
    load: () => import('./expansion/sophoslabs_intelix.js'),
    description: {
      "name": "sophoslabs_intelix",
      "kind": "expansion",
      "moduleType": ["expansion"],
      "meta": {
        "version": "1.0",
        "author": "Ben Verschaeren",
        "description": "An expansion module to query the Sophoslabs intelix API to get additional information about an ip address, url, domain or sha256 attribute.",
        "name": "SophosLabs Intelix Lookup",
        "logo": "sophoslabs_intelix.svg",
        "requirements": ["A client_id and client_secret pair to authenticate to the SophosLabs Intelix API"],
        "features": "The module takes an ip address, url, domain or sha256 attribute and queries the SophosLabs Intelix API with the attribute value. The result of this query is a SophosLabs Intelix hash report, or an ip or url lookup, that is then parsed and returned in a MISP object.",
        "references": ["https://aws.amazon.com/marketplace/pp/B07SLZPMCS"],
        "input": "An ip address, url, domain or sha256 attribute.",
        "output": "SophosLabs Intelix report and lookup objects"
      },
      "config": {
        "client_id": {
          "description": "SophosLabs Intelix OAuth client id"
        },
        "client_secret": {
          "description": "SophosLabs Intelix OAuth client secret",
          "secret": true
        },
        "region": {
          "description": "API region: us, de or au (anything else: de)"
        }
      },
      "attributes": {
        "input": ["sha256", "ip", "ip-src", "ip-dst", "uri", "url", "domain", "hostname"],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noCredentials": "Missing client_id or client_secret value for SOPHOSLabs Intelix. It's free to sign up here https://aws.amazon.com/marketplace/pp/B07SLZPMCS.",
        "noToken": "SophosLabs Intelix gave no access token.",
        "invalidJson": "SophosLabs Intelix answered with invalid JSON (HTTP {status})."
      }
    },
  },
  {
    load: () => import('./expansion/sourcecache.js'),
    description: {
      "name": "sourcecache",
      "kind": "expansion",
      "moduleType": ["expansion"],
      "meta": {
        "version": "0.2",
        "author": "Alexandre Dulaunoy",
        "description": "Module to cache web pages of analysis reports, OSINT sources. The module returns a link of the cached page.",
        "name": "URL Archiver",
        "logo": "",
        "requirements": ["A directory the server can write to (archivepath)"],
        "features": "This module takes a link or url attribute as input, fetches the page (public addresses only) and keeps it in archivepath/.url_archiver/<sha1 of the normalised URL>/. A page already archived is not fetched again. The page is returned as an attachment (for a link) or a malware-sample (for a url).",
        "references": ["https://github.com/adulau/url_archiver"],
        "input": "A link or url attribute.",
        "output": "An attachment (link) or malware-sample (url) attribute holding the cached page."
      },
      "config": {
        "archivepath": {
          "description": "Absolute path of an existing directory where pages are archived (in its .url_archiver folder).",
          "default": "/tmp/"
        }
      },
      "attributes": {
        "input": ["link", "url"],
        "output": ["attachment", "malware-sample"]
      },
      "checkInput": false,
      "coalesce": true,
      "cache": true,
      "messages": {
        "missing": "Link is missing",
        "relative": "The archivepath setting must be an absolute path.",
        "noDirectory": "The archive directory does not exist or is not a directory (setting archivepath).",
        "unsafe": "The archive directory holds an entry that is a link or belongs to another user; refusing to use it.",
        "badUrl": "The URL cannot be parsed.",
        "storage": "The archive directory (setting archivepath) cannot be used: {code}."
      }
    },
  },
  {
    load: () => import('./expansion/ssh_fingerprint.js'),
    description: {
      "name": "ssh_fingerprint",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "0.2",
        "author": "Mihai Saveanu",
        "description": "Grab SSH server fingerprint from an IP and return as passive-ssh MISP object.",
        "name": "SSH Fingerprint",
        "logo": "",
        "requirements": [],
        "features": "The module takes an IP address attribute as input, connects to port 22, performs the SSH protocol version exchange and key exchange init to extract the server host key algorithms and SSH banner. Returns a structured passive-ssh MISP object. Useful for detecting MitM attacks or verifying server identity.",
        "references": ["https://tools.ietf.org/html/rfc4253"],
        "input": "An IP address attribute (ip-src or ip-dst).",
        "output": "passive-ssh MISP object with banner and fingerprint."
      },
      "config": {
        "port": {
          "description": "TCP port of the SSH server (default 22)."
        },
        "timeout": {
          "description": "Seconds to wait for the connection and for each answer (default 5)."
        }
      },
      "attributes": {
        "input": ["ip-src", "ip-dst"],
        "format": "misp_standard"
      },
      "checkInput": false,
      "coalesce": true,
      "cache": true,
      "messages": {
        "invalidAttribute": "Missing or invalid attribute.",
        "unsupportedType": "Unsupported attribute type: {type}",
        "notAnIp": "{value} is not an IP address.",
        "invalidPort": "Invalid port setting \"{value}\": expected a number from 1 to 65535.",
        "invalidTimeout": "Invalid timeout setting \"{value}\": expected a number of seconds (up to 3600).",
        "sshError": "SSH error for {ip}: {reason}",
        "timedOut": "Connection timed out",
        "refused": "Connection refused (port closed)",
        "noVersionLine": "{server} did not send an SSH version line"
      }
    },
  },
  {
    load: () => import('./expansion/stairwell.js'),
    description: {
      "name": "stairwell",
      "kind": "expansion",
      "moduleType": ["expansion"],
      "meta": {
        "version": "0.1",
        "author": "goodlandsecurity",
        "description": "Module to query the Stairwell API to get additional information about the input hash attribute",
        "name": "Stairwell Lookup",
        "logo": "stairwell.png",
        "requirements": ["Access to Stairwell platform (apikey)"],
        "features": "The module takes a hash attribute as input and queries Stariwell's API to fetch additional data about it. The result, if the payload is observed in Stariwell, is a file object describing the file the input hash is related to.",
        "references": ["https://stairwell.com", "https://docs.stairwell.com"],
        "input": "A hash attribute (md5, sha1, sha256).",
        "output": "File object related to the input attribute found on Stairwell platform."
      },
      "config": {
        "apikey": {
          "description": "Your Stairwell API key.",
          "secret": true
        }
      },
      "attributes": {
        "input": ["md5", "sha1", "sha256"],
        "format": "misp_standard"
      },
      "checkInput": false,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noKey": "A Stairwell api key is required for this module!",
        "noAttribute": "This module requires an \"attribute\" field as input, containing at least a \"type\" field and a \"value\" field.",
        "unsupported": "Unsupported attribute type!",
        "badKey": "{message} Is api key valid?",
        "notFound": "{type}:{value} {message}",
        "invalid": "{message}",
        "yaraComment": "Rule from: {environment}",
        "environmentComment": "Hash observed in",
        "unexpected": "Stairwell answered with an unexpected document."
      }
    },
  },
  {
    load: () => import('./expansion/stix2_pattern_syntax_validator.js'),
    description: {
      "name": "stix2_pattern_syntax_validator",
      "kind": "expansion",
      "moduleType": ["hover"],
      "meta": {
        "version": "0.1",
        "author": "Christian Studer",
        "description": "An expansion hover module to perform a syntax check on stix2 patterns.",
        "name": "STIX2 Pattern Syntax Validator",
        "logo": "stix.png",
        "requirements": [],
        "features": "This module takes a STIX2 pattern attribute as input and performs a syntax check on it.\n\nIt displays then that the rule is valid if it is the case, and the error related to the rule otherwise.",
        "references": [
          "[STIX2.0 patterning specifications](http://docs.oasis-open.org/cti/stix/v2.0/cs01/part5-stix-patterning/stix-v2.0-cs01-part5-stix-patterning.html)"
        ],
        "input": "A STIX2 pattern attribute.",
        "output": "Text describing the validity of the STIX2 pattern."
      },
      "config": {},
      "attributes": {
        "input": ["stix2-pattern"],
        "output": ["text"]
      },
      "checkInput": false,
      "coalesce": true,
      "cache": true,
      "messages": {
        "missing": "STIX2 pattern missing"
      }
    },
  },
  {
    load: () => import('./expansion/threatcrowd.js'),
    description: {
      "name": "threatcrowd",
      "kind": "expansion",
      "moduleType": ["expansion"],
      "meta": {
        "version": "1",
        "author": "chrisdoman",
        "description": "Module to get information from ThreatCrowd.",
        "name": "ThreatCrowd Lookup",
        "logo": "threatcrowd.png",
        "requirements": [],
        "features": "ThreatCrowd was shut down: the module answers an error saying so. Upstream queried its search API and mapped the results to MISP attributes.",
        "references": ["https://www.threatcrowd.org/"],
        "input": "A MISP attribute included in the following list: hostname, domain, ip-src, ip-dst, md5, sha1, sha256, sha512, whois-registrant-email",
        "output": "An error: the service no longer exists."
      },
      "config": {},
      "attributes": {
        "input": [
          "hostname",
          "domain",
          "ip-src",
          "ip-dst",
          "md5",
          "sha1",
          "sha256",
          "sha512",
          "whois-registrant-email"
        ],
        "output": [
          "domain",
          "ip-src",
          "ip-dst",
          "text",
          "md5",
          "sha1",
          "sha256",
          "sha512",
          "hostname",
          "whois-registrant-email"
        ]
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "retired": "ThreatCrowd was shut down and its API no longer answers: this module cannot return anything. Disable it (Plugin.Enrichment_threatcrowd_enabled) and use the otx module (AlienVault OTX) instead."
      }
    },
  },
  {
    load: () => import('./expansion/threatfox.js'),
    description: {
      "name": "threatfox",
      "kind": "expansion",
      "moduleType": ["hover", "expansion"],
      "meta": {
        "version": "0.1",
        "author": "Corsin Camichel",
        "description": "Module to search for an IOC on ThreatFox by abuse.ch.",
        "name": "ThreadFox Lookup",
        "logo": "",
        "requirements": [],
        "features": "",
        "references": [],
        "input": "",
        "output": ""
      },
      "config": {
        "auth_key": {
          "description": "Your abuse.ch Auth-Key (free, from https://auth.abuse.ch/), sent in the Auth-Key header.",
          "secret": true
        }
      },
      "attributes": {
        "input": ["md5", "sha1", "sha256", "domain", "url", "email-src", "ip-dst|port", "ip-src|port"],
        "output": ["text"]
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noKey": "A auth key is required to access all abuse.ch API services.",
        "queryFailed": "ThreatFox could not search for this value: {status}.",
        "unsupported": "Unsupported attributes type:"
      }
    },
  },
  {
    load: () => import('./expansion/threatminer.js'),
    description: {
      "name": "threatminer",
      "kind": "expansion",
      "moduleType": ["expansion"],
      "meta": {
        "version": "1",
        "author": "KX499",
        "description": "Module to get information from ThreatMiner.",
        "name": "ThreatMiner Lookup",
        "logo": "threatminer.png",
        "requirements": [],
        "features": "This module takes a MISP attribute as input and queries ThreatMiner with it.\n\nThe result of this query is then parsed and some data is mapped into MISP attributes in order to enrich the input attribute.",
        "references": ["https://www.threatminer.org/"],
        "input": "A MISP attribute included in the following list:\n- hostname\n- domain\n- ip-src\n- ip-dst\n- md5\n- sha1\n- sha256\n- sha512",
        "output": "MISP attributes mapped from the result of the query on ThreatMiner, included in the following list:\n- domain\n- ip-src\n- ip-dst\n- text\n- md5\n- sha1\n- sha256\n- sha512\n- ssdeep\n- authentihash\n- filename\n- whois-registrant-email\n- url\n- link"
      },
      "config": {},
      "attributes": {
        "input": ["domain", "hostname", "ip-dst", "ip-src", "md5", "sha1", "sha256", "sha512"],
        "output": [
          "domain",
          "ip-src",
          "ip-dst",
          "text",
          "md5",
          "sha1",
          "sha256",
          "sha512",
          "ssdeep",
          "imphash",
          "authentihash",
          "filename",
          "whois-registrant-email",
          "url",
          "link",
          "x509-fingerprint-sha1"
        ]
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {}
    },
  },
  {
    load: () => import('./expansion/tls_certificate_check.js'),
    description: {
      "name": "tls_certificate_check",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "0.2",
        "author": "Mihai Saveanu",
        "description": "Extract TLS certificate details from a domain and return as x509 MISP object.",
        "name": "TLS Certificate Check",
        "logo": "",
        "requirements": [],
        "features": "The module takes a domain or hostname attribute as input, connects to port 443, performs a TLS handshake and extracts certificate details. Returns a structured x509 MISP object with subject, issuer, validity, SANs, serial number, and protocol version. No external API required.",
        "references": ["https://tools.ietf.org/html/rfc5246"],
        "input": "A domain or hostname attribute.",
        "output": "x509 MISP object with certificate details."
      },
      "config": {
        "port": {
          "description": "TCP port of the TLS server (default 443)."
        },
        "timeout": {
          "description": "Seconds to wait for the connection and the TLS handshake (default 5)."
        }
      },
      "attributes": {
        "input": ["domain", "hostname"],
        "format": "misp_standard"
      },
      "checkInput": false,
      "coalesce": true,
      "cache": true,
      "messages": {
        "invalidAttribute": "Missing or invalid attribute.",
        "unsupportedType": "Unsupported attribute type: {type}",
        "notAName": "{value} is not a host name.",
        "invalidPort": "Invalid port setting \"{value}\": expected a number from 1 to 65535.",
        "invalidTimeout": "Invalid timeout setting \"{value}\": expected a number of seconds (up to 3600).",
        "tlsError": "TLS error for {domain}: {reason}",
        "verificationFailed": "Certificate verification failed: {detail}",
        "sslError": "SSL error: {detail}",
        "timedOut": "Connection timed out",
        "refused": "Connection refused (port closed)",
        "expired": "EXPIRED ({days} days ago)",
        "expiringSoon": "EXPIRING SOON ({days} days left)",
        "valid": "VALID ({days} days remaining)"
      }
    },
  },
  {
    load: () => import('./expansion/triage_submit.js'),
    description: {
      "name": "triage_submit",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "1",
        "author": "Karen Yousefi",
        "description": "Module to submit samples to tria.ge",
        "name": "Triage Submit",
        "logo": ""
      },
      "config": {
        "apikey": {
          "description": "Your tria.ge API key.",
          "secret": true
        },
        "url_mode": {
          "description": "\"submit\" (default) analyses the URL; \"fetch\" has tria.ge download the file the URL points to and analyse it.",
          "default": "submit"
        }
      },
      "attributes": {
        "input": ["attachment", "malware-sample", "url"],
        "output": ["link"]
      },
      "checkInput": true,
      "coalesce": false,
      "cache": false,
      "messages": {
        "noKey": "tria.ge API key is missing",
        "failed": "Error submitting to tria.ge: {reason}",
        "unsupported": "Unsupported input type",
        "noId": "Error submitting to tria.ge: the answer has no sample id.",
        "fileComment": "Link to tria.ge analysis",
        "urlComment": "Link to tria.ge analysis ({mode} mode)",
        "sampleNoFile": "Could not extract malware sample from ZIP file: the archive holds no file.",
        "samplePassword": "Could not extract malware sample from ZIP file: the password '{password}' does not open it.",
        "sampleUnreadable": "Could not extract malware sample from ZIP file: {reason}",
        "fileNoData": "The {type} has no \"data\" field with its base64 content.",
        "fileNotBase64": "The \"data\" field is not valid base64."
      }
    },
  },
  {
    load: () => import('./expansion/trustar_enrich.js'),
    description: {
      "name": "trustar_enrich",
      "kind": "expansion",
      "moduleType": ["hover", "expansion"],
      "meta": {
        "version": "0.1",
        "author": "Jesse Hedden",
        "description": "Module to get enrich indicators with TruSTAR.",
        "name": "TruSTAR Enrich",
        "logo": "trustar.png",
        "requirements": [],
        "features": "TruSTAR was shut down: the module answers an error saying so. Upstream appended TruSTAR indicator summaries and report links.",
        "references": ["https://docs.trustar.co/api/v13/indicators/get_indicator_summaries.html"],
        "input": "Any of the following MISP attributes: btc, domain, email-src, filename, hostname, ip-src, ip-dst, malware-type, md5, sha1, sha256, url",
        "output": "An error: the service no longer exists."
      },
      "config": {
        "user_api_key": {
          "description": "TruSTAR API key (kept so existing settings stay valid; the service is gone)",
          "secret": true
        },
        "user_api_secret": {
          "description": "TruSTAR API secret (kept so existing settings stay valid)",
          "secret": true
        },
        "enclave_ids": {
          "description": "TruSTAR enclave ids (kept so existing settings stay valid)"
        }
      },
      "attributes": {
        "input": [
          "btc",
          "domain",
          "email-src",
          "filename",
          "hostname",
          "ip-src",
          "ip-dst",
          "malware-type",
          "md5",
          "sha1",
          "sha256",
          "url"
        ],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "retired": "TruSTAR was shut down and its API (api.trustar.co) no longer answers: this module cannot return anything. Disable it (Plugin.Enrichment_trustar_enrich_enabled)."
      }
    },
  },
  {
    load: () => import('./expansion/urlhaus.js'),
    description: {
      "name": "urlhaus",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "0.1",
        "author": "Christian Studer",
        "description": "Query of the URLhaus API to get additional information about the input attribute.",
        "name": "URLhaus Lookup",
        "logo": "urlhaus.png",
        "requirements": [],
        "features": "Module using the new format of modules able to return attributes and objects.\n\nThe module takes one of the attribute type specified as input, and query the URLhaus API with it. If any result is returned by the API, attributes and objects are created accordingly.",
        "references": ["https://urlhaus.abuse.ch/"],
        "input": "A domain, hostname, url, ip, md5 or sha256 attribute.",
        "output": "MISP attributes & objects fetched from the result of the URLhaus API query."
      },
      "config": {
        "auth_key": {
          "description": "Your abuse.ch Auth-Key (free, from https://auth.abuse.ch/), sent in the Auth-Key header.",
          "secret": true
        }
      },
      "attributes": {
        "input": ["domain", "hostname", "ip-src", "ip-dst", "md5", "sha256", "url"],
        "output": ["url", "filename", "md5", "sha256"],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noKey": "A auth key is required to access all abuse.ch API services.",
        "noResults": "No results found on URLhaus for this {type} attribute",
        "queryFailed": "Error encountered during the query of URLhaus: {status}"
      }
    },
  },
  {
    load: () => import('./expansion/urlscan.js'),
    description: {
      "name": "urlscan",
      "kind": "expansion",
      "moduleType": ["expansion"],
      "meta": {
        "version": "0.1",
        "author": "Dave Johnson",
        "description": "An expansion module to query urlscan.io.",
        "name": "URLScan Lookup",
        "logo": "urlscan.jpg",
        "requirements": ["An access to the urlscan.io API"],
        "features": "This module takes a MISP attribute as input and queries urlscan.io with it.\n\nThe result of this query is then parsed and some data is mapped into MISP attributes in order to enrich the input attribute.",
        "references": ["https://urlscan.io/"],
        "input": "A domain, hostname or url attribute.",
        "output": "MISP attributes mapped from the result of the query on urlscan.io."
      },
      "config": {
        "apikey": {
          "description": "Your urlscan.io API key, sent in the API-Key header (submission and result).",
          "secret": true
        }
      },
      "attributes": {
        "input": ["ip-src", "ip-dst", "domain", "hostname", "url"],
        "output": ["hostname", "domain", "ip-src", "ip-dst", "url", "text", "link", "hash"]
      },
      "checkInput": true,
      "coalesce": false,
      "cache": false,
      "messages": {
        "noKey": "Urlscan apikey is missing",
        "notResolved": "Domain could not be resolved: {errorText}",
        "notProcessed": "Results contained a 404 status error and could not be processed.",
        "noUuid": "urlscan.io accepted the submission of {value} but gave no scan uuid."
      }
    },
  },
  {
    load: () => import('./expansion/validin.js'),
    description: {
      "name": "validin",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "1.2",
        "author": "Validin",
        "description": "Validin internet dataset expansion. Returns dns-records, web crawls, registration (WHOIS) records, and certificates from Validin's historic internet intelligence dataset.",
        "name": "Validin DNS History",
        "logo": "validin.png",
        "requirements": [],
        "features": "Queries Validin's datasets for: DNS history, subdomains, host responses, certificates and registration records (enterprise users only) to enrich domains and IPs in MISP. The configured lookback is 14 days for DNS, 21 days for web crawls, and 30 days for registration history. To set this up correctly, you need to configure: a Validin api key, a Validin endpoint (e.g. app.validin.com), and a result_limit, which defaults to 100.",
        "references": [],
        "input": "domain, hostname, or IP address.",
        "output": "MISP dns-record objects plus optional subdomain attributes."
      },
      "config": {
        "endpoint": {
          "description": "Validin endpoint, e.g. app.validin.com (https:// is added to a bare host name; default app.validin.com)"
        },
        "api_key": {
          "description": "Validin API key (sent as Authorization: BEARER <key>)",
          "secret": true
        },
        "result_limit": {
          "description": "At most this many records per dataset (the limit parameter; default 100)"
        }
      },
      "attributes": {
        "input": ["domain", "hostname", "ip-src", "ip-dst"],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noInput": "Missing input attribute.",
        "limitNotInteger": "result_limit must be an integer value.",
        "limitNotPositive": "result_limit must be a positive integer.",
        "noKey": "Validin API key is missing."
      }
    },
  },
  {
    load: () => import('./expansion/variotdbs.js'),
    description: {
      "name": "variotdbs",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "1",
        "author": "Christian Studer",
        "description": "An expansion module to query the VARIoT db API for more information about a vulnerability.",
        "name": "VARIoT db Lookup",
        "logo": "variot.png",
        "requirements": ["A VARIoT db API key (if you do not want to be limited to 100 queries / day)"],
        "features": "The module takes a vulnerability attribute as input and queries que VARIoT db API to gather additional information.\n\nThe `vuln` endpoint is queried first to look for additional information about the vulnerability itself.\n\nThe `exploits` endpoint is also queried then to look for the information of the potential related exploits, which are parsed and added to the results using the `exploit` object template.",
        "references": ["https://www.variotdbs.pl/"],
        "input": "Vulnerability attribute.",
        "output": "Additional information about the vulnerability, as it is stored on the VARIoT db, about the vulnerability itself, and the potential related exploits."
      },
      "config": {
        "API_key": {
          "description": "VARIoT db API key (optional; without it VARIoT allows 100 queries a day)",
          "secret": true
        }
      },
      "attributes": {
        "input": ["vulnerability"],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "empty": "Empty results"
      }
    },
  },
  {
    load: () => import('./expansion/virustotal.js'),
    description: {
      "name": "virustotal",
      "kind": "expansion",
      "moduleType": ["expansion"],
      "meta": {
        "version": "6",
        "author": "Hannah Ward",
        "description": "Enrich observables with the VirusTotal v3 API",
        "name": "VirusTotal v3 Lookup",
        "logo": "virustotal.png",
        "requirements": ["An access to the VirusTotal API (apikey), with a high request rate limit."],
        "features": "New format of modules able to return attributes and objects.\n\nA module to take a MISP attribute as input and query the VirusTotal API to get additional data about it.\n\nCompared to the [standard VirusTotal expansion module](https://github.com/MISP/misp-modules/blob/main/misp_modules/modules/expansion/virustotal_public.py), this module is made for advanced parsing of VirusTotal report, with a recursive analysis of the elements found after the first request.\n\nThus, it requires a higher request rate limit to avoid the API to return a 204 error (Request rate limit exceeded), and the data parsed from the different requests are returned as MISP attributes and objects, with the corresponding relations between each one of them.",
        "references": ["https://www.virustotal.com/", "https://docs.virustotal.com/reference/overview"],
        "input": "A domain, hash (md5, sha1, sha256 or sha512), hostname or IP address attribute.",
        "output": "MISP attributes and objects resulting from the parsing of the VirusTotal report concerning the input attribute."
      },
      "config": {
        "apikey": {
          "description": "Your VirusTotal API key (sent in the x-apikey header).",
          "secret": true
        },
        "event_limit": {
          "description": "How many related objects to read per relationship (default 10)."
        },
        "proxy_host": {
          "description": "Proxy host, e.g. http://proxy.example (with proxy_port). Used for this module's requests only (instead of the server's HTTP(S)_PROXY)."
        },
        "proxy_port": {
          "description": "Proxy port, e.g. 3128 (required with proxy_host)."
        },
        "proxy_username": {
          "description": "Proxy user name (optional, with proxy_password)."
        },
        "proxy_password": {
          "description": "Proxy password (required with proxy_username).",
          "secret": true
        }
      },
      "attributes": {
        "input": [
          "hostname",
          "domain",
          "ip-src",
          "ip-dst",
          "md5",
          "sha1",
          "sha256",
          "url",
          "ip-src|port",
          "ip-dst|port"
        ],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noKey": "A VirusTotal api key is required for this module.",
        "proxyPort": "The {module}_proxy_host config is set, please also set the {module}_proxy_port.",
        "proxyPassword": "The {module}_proxy_username config is set, please also set the {module}_proxy_password.",
        "badLimit": "The event_limit setting must be a whole number, not \"{value}\".",
        "notFound": "{detail}",
        "unexpected": "{vendor} answered something that is not a VirusTotal {what}."
      }
    },
  },
  {
    load: () => import('./expansion/virustotal_public.js'),
    description: {
      "name": "virustotal_public",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "2",
        "author": "Christian Studer",
        "description": "Enrich observables with the VirusTotal v3 public API",
        "name": "VirusTotal Public API Lookup",
        "logo": "virustotal.png",
        "requirements": ["An access to the VirusTotal API (apikey)"],
        "features": "New format of modules able to return attributes and objects.\n\nA module to take a MISP attribute as input and query the VirusTotal API to get additional data about it.\n\nCompared to the [more advanced VirusTotal expansion module](https://github.com/MISP/misp-modules/blob/main/misp_modules/modules/expansion/virustotal.py), this module is made for VirusTotal users who have a low request rate limit.\n\nThus, it only queries the API once and returns the results that is parsed into MISP attributes and objects.",
        "references": ["https://www.virustotal.com", "https://docs.virustotal.com/reference/overview"],
        "input": "A domain, hostname, ip, url or hash (md5, sha1, sha256 or sha512) attribute.",
        "output": "MISP attributes and objects resulting from the parsing of the VirusTotal report concerning the input attribute."
      },
      "config": {
        "apikey": {
          "description": "Your VirusTotal API key (sent in the x-apikey header); its requests are spaced to 4 a minute.",
          "secret": true
        },
        "proxy_host": {
          "description": "Proxy host, e.g. http://proxy.example (with proxy_port). Used for this module's requests only (instead of the server's HTTP(S)_PROXY)."
        },
        "proxy_port": {
          "description": "Proxy port, e.g. 3128 (required with proxy_host)."
        },
        "proxy_username": {
          "description": "Proxy user name (optional, with proxy_password)."
        },
        "proxy_password": {
          "description": "Proxy password (required with proxy_username).",
          "secret": true
        }
      },
      "attributes": {
        "input": ["hostname", "domain", "ip-src", "ip-dst", "md5", "sha1", "sha256", "url"],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noKey": "A VirusTotal api key is required for this module.",
        "proxyPort": "The {module}_proxy_host config is set, please also set the {module}_proxy_port.",
        "proxyPassword": "The {module}_proxy_username config is set, please also set the {module}_proxy_password.",
        "badLimit": "The event_limit setting must be a whole number, not \"{value}\".",
        "notFound": "{detail}",
        "unexpected": "{vendor} answered something that is not a VirusTotal {what}."
      }
    },
  },
  {
    load: () => import('./expansion/virustotal_upload.js'),
    description: {
      "name": "virustotal_upload",
      "kind": "expansion",
      "moduleType": ["expansion"],
      "meta": {
        "version": "1",
        "author": "Karen Yousefi",
        "description": "Module to push malware samples to VirusTotal",
        "name": "VirusTotal Upload",
        "logo": "virustotal.png",
        "requirements": [],
        "features": "Uploads the file of an attachment or malware-sample attribute (the latter unzipped with the password \"infected\") to VirusTotal and returns the link to its analysis.",
        "references": ["https://docs.virustotal.com/reference/files-scan"],
        "input": "An attachment or malware-sample attribute with its file.",
        "output": "A link to the VirusTotal analysis of the file."
      },
      "config": {
        "virustotal_apikey": {
          "description": "Your VirusTotal API key (sent in the x-apikey header).",
          "secret": true
        }
      },
      "attributes": {
        "input": ["attachment", "malware-sample"],
        "output": ["link"]
      },
      "checkInput": false,
      "coalesce": false,
      "cache": false,
      "messages": {
        "noInput": "No malware sample or attachment supplied",
        "badSample": "Unable to process submitted sample data ({reason}).",
        "noKey": "Missing VirusTotal API key"
      }
    },
  },
  {
    load: () => import('./expansion/vmray_submit.js'),
    description: {
      "name": "vmray_submit",
      "kind": "expansion",
      "moduleType": ["expansion"],
      "meta": {
        "version": "0.3",
        "author": "Koen Van Impe",
        "description": "Module to submit a sample to VMRay.",
        "name": "VMRay Submit",
        "logo": "vmray.png",
        "requirements": ["An access to the VMRay API (apikey & url)"],
        "features": "This module takes an attachment or malware-sample attribute as input to query the VMRay API.\n\nThe sample contained within the attribute in then enriched with data from VMRay mapped into MISP attributes.",
        "references": ["https://www.vmray.com/"],
        "input": "An attachment or malware-sample attribute.",
        "output": "MISP attributes mapped from the result of the query on VMRay API, included in the following list:\n- text\n- sha1\n- sha256\n- md5\n- link"
      },
      "config": {
        "apikey": {
          "description": "VMRay API key.",
          "secret": true
        },
        "url": {
          "description": "URL of the VMRay server, e.g. https://cloud.vmray.com (https:// is assumed when no scheme is given); TLS is verified."
        },
        "shareable": {
          "description": "yes/no (true/false, 1/0): may VMRay share the sample? Empty: no."
        },
        "do_not_reanalyze": {
          "description": "yes/no: do not analyse again a sample VMRay already knows. Empty: no (analyse again)."
        },
        "do_not_include_vmrayjobids": {
          "description": "yes/no: leave out the texts naming the VMRay job ids. Empty: no (include them)."
        }
      },
      "attributes": {
        "input": ["attachment", "malware-sample"],
        "output": ["text", "sha1", "sha256", "md5", "link"]
      },
      "checkInput": false,
      "coalesce": false,
      "cache": false,
      "messages": {
        "noSample": "No malware sample or attachment supplied",
        "badSample": "Unable to process submited sample data: {reason}",
        "missingConfig": "Missing API key or server URL (hint: try cloud.vmray.com)",
        "badSettings": "Error while processing settings. Please double-check your values.",
        "noData": "No sample data or filename.",
        "vmrayError": "VMRay: {message}",
        "noSubmission": "No valid submission data returned.",
        "sampleNoFile": "Could not extract malware sample from ZIP file: the archive holds no file.",
        "samplePassword": "Could not extract malware sample from ZIP file: the password '{password}' does not open it.",
        "sampleUnreadable": "Could not extract malware sample from ZIP file: {reason}",
        "fileNoData": "The {type} has no \"data\" field with its base64 content.",
        "fileNotBase64": "The \"data\" field is not valid base64.",
        "answeredError": "VMRay answered an error{detail}.",
        "httpStatus": "VMRay answered HTTP {status}{detail}.",
        "urlNotUrl": "The VMRay url setting is not a valid URL: {url}",
        "urlNotHttp": "The VMRay url setting must be an https:// URL of the VMRay server.",
        "invalidJson": "VMRay answered with invalid JSON (HTTP {status}) for {path}.",
        "notApiResponse": "VMRay answered {path} with JSON that is not an API response.",
        "continuationNotList": "VMRay answered {path} with a continuation of something that is not a list.",
        "tooManyContinuations": "VMRay continued its answer to {path} more than {max} times.",
        "badContinuationId": "VMRay answered {path} with an invalid continuation id."
      }
    },
  },
  {
    load: () => import('./expansion/vmware_nsx.js'),
    description: {
      "name": "vmware_nsx",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "0.2",
        "author": "Jason Zhang, Stefano Ortolani",
        "description": "Module to enrich a file or URL with VMware NSX Defender.",
        "name": "VMware NSX Defender Enrich",
        "logo": "vmware_nsx.png",
        "requirements": ["The module requires a VMware NSX Defender Analysis `api_token` and `key`."],
        "features": "This module takes an IoC such as file hash, file attachment, malware-sample or url as input to query VMware NSX Defender.\n\nThe IoC is then enriched with data from VMware NSX Defender.",
        "references": ["https://www.vmware.com"],
        "input": "File hash, attachment or URL to be enriched with VMware NSX Defender.",
        "output": "Objects and tags generated by VMware NSX Defender."
      },
      "config": {
        "analysis_url": {
          "description": "On-premise analysis API URL (default: the hosted data centers)."
        },
        "analysis_verify_ssl": {
          "description": "Accepted and ignored: TLS is always verified (use --ca-file for a private CA)."
        },
        "analysis_key": {
          "description": "NSX Defender analysis API key."
        },
        "analysis_api_token": {
          "description": "NSX Defender analysis API token.",
          "secret": true
        },
        "vt_key": {
          "description": "Optional VirusTotal key, to fetch a sample NSX Defender has not analysed yet.",
          "secret": true
        },
        "misp_url": {
          "description": "Optional URL of your MISP, to tag MITRE techniques with its ATT&CK galaxy."
        },
        "misp_verify_ssl": {
          "description": "Accepted and ignored: TLS is always verified (use --ca-file for a private CA)."
        },
        "misp_key": {
          "description": "Optional MISP automation key (with misp_url).",
          "secret": true
        }
      },
      "attributes": {
        "input": ["attachment", "malware-sample", "url", "md5", "sha1", "sha256"],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": false,
      "cache": false,
      "messages": {
        "missingKey": "Error connecting to VMware NSX ATA: '{setting}'",
        "parsingInput": "Error parsing input: {detail}",
        "decodingInput": "Error decoding input: {detail}",
        "processingInput": "Error processing input: {detail}",
        "apiCall": "Error issuing API call: {detail}"
      }
    },
  },
  {
    load: () => import('./expansion/vulndb.js'),
    description: {
      "name": "vulndb",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "0.1",
        "author": "Koen Van Impe",
        "description": "Module to query VulnDB (RiskBasedSecurity.com).",
        "name": "VulnDB Lookup",
        "logo": "vulndb.png",
        "requirements": ["An access to the VulnDB API (apikey, apisecret)"],
        "features": "This module takes a vulnerability attribute as input and queries VulnDB in order to get some additional data about it.\n\nThe API gives the result of the query which can be displayed in the screen, and/or mapped into MISP attributes to add in the event.",
        "references": ["https://vulndb.cyberriskanalytics.com/"],
        "input": "A vulnerability attribute.",
        "output": "Additional data enriching the CVE input, fetched from VulnDB."
      },
      "config": {
        "apikey": {
          "description": "VulnDB API client id (the OAuth 1.0a consumer key)."
        },
        "apisecret": {
          "description": "VulnDB API client secret (the OAuth 1.0a consumer secret).",
          "secret": true
        },
        "discard_dates": {
          "description": "Set to \"true\" to leave this part of the VulnDB entry out."
        },
        "discard_external_references": {
          "description": "Set to \"true\" to leave this part of the VulnDB entry out."
        },
        "discard_cvss": {
          "description": "Set to \"true\" to leave this part of the VulnDB entry out."
        },
        "discard_productinformation": {
          "description": "Set to \"true\" to leave this part of the VulnDB entry out."
        },
        "discard_classification": {
          "description": "Set to \"true\" to leave this part of the VulnDB entry out."
        },
        "discard_cpe": {
          "description": "Set to \"true\" to leave this part of the VulnDB entry out."
        }
      },
      "attributes": {
        "input": ["vulnerability"],
        "output": ["text", "link", "cpe"]
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "missingVulnerability": "Vulnerability ID missing for VulnDB.",
        "missingKey": "Missing API key or secret value for VulnDB.",
        "noCve": "No CVE information found.",
        "noInformation": "No information retrieved from VulnDB."
      }
    },
  },
  {
    load: () => import('./expansion/vulnerability_lookup.js'),
    description: {
      "name": "vulnerability_lookup",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "2",
        "author": "Christian Studer",
        "description": "An expansion module to query Vulnerability Lookup",
        "name": "Vulnerability Lookup",
        "logo": "vulnerability_lookup.png",
        "requirements": [],
        "features": "The module takes a vulnerability attribute as input and queries Vulnerability Lookup to gather additional information based on the Vulnerability ID. The result of the query is then parsed and converted into MISP content which can be added to the original event to enrich the input attribute. Records read: CVE JSON 5, GCVE, OSV (GitHub, PyPI, OpenSSF malicious packages), NVD (fkie_cve), CNVD and CSAF advisories; the vulnerabilities a record names (aliases) are looked up and linked. Supported ID prefixes: cve, gcve, ghsa, pysec, mal, fkie_cve, cnvd, cisco, icsa, icsma, msrc_cve, ncsc, nn, opensuse, oxas, rhba, rhea, rhsa, sca, suse, ssa, va, wid.",
        "references": ["https://vulnerability.circl.lu"],
        "input": "Vulnerability Attribute",
        "output": "Additional information on the vulnerability, gathered from the Vulnerability Lookup API: vulnerability objects (related-to the input and to each other) and weakness objects (weakened-by)."
      },
      "config": {},
      "attributes": {
        "input": ["vulnerability"],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "notAccessible": "Vulnerability Lookup API not accessible. (HTTP {status})",
        "notFound": "Non existing Vulnerability ID.",
        "unexpectedAnswer": "Vulnerability Lookup answered something that is not a vulnerability record.",
        "emptyId": "The vulnerability attribute has an empty value.",
        "unknownPrefix": "No parser for vulnerability IDs starting with '{prefix}' (supported prefixes: cve, gcve, ghsa, pysec, mal, fkie_cve, cnvd, cisco, icsa, icsma, msrc_cve, ncsc, nn, opensuse, oxas, rhba, rhea, rhsa, sca, suse, ssa, va, wid)."
      }
    },
  },
  {
    load: () => import('./expansion/vulners.js'),
    description: {
      "name": "vulners",
      "kind": "expansion",
      "moduleType": ["hover"],
      "meta": {
        "version": "0.1",
        "author": "Igor Ivanov",
        "description": "An expansion hover module to expand information about CVE id using Vulners API.",
        "name": "Vulners Lookup",
        "logo": "vulners.png",
        "requirements": ["An access to the Vulners API"],
        "features": "This module takes a vulnerability attribute as input and queries the Vulners API in order to get some additional data about it.\n\nThe API then returns details about the vulnerability.",
        "references": ["https://vulners.com/"],
        "input": "A vulnerability attribute.",
        "output": "Text giving additional information about the CVE in input."
      },
      "config": {
        "apikey": {
          "description": "Vulners API key (https://vulners.com/userinfo), sent as X-Api-Key",
          "secret": true
        }
      },
      "attributes": {
        "input": ["vulnerability"],
        "output": ["text"]
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noVulnerability": "Vulnerability id missing",
        "noKey": "A Vulners api key is required for this module.",
        "refused": "Vulners refused the key (setting apikey, HTTP {status}){said}.",
        "apiError": "Vulners answered an error (HTTP {status}){said}."
      }
    },
  },
  {
    load: () => import('./expansion/vysion.js'),
    description: {
      "name": "vysion",
      "kind": "expansion",
      "moduleType": ["expansion"],
      "meta": {
        "version": "1",
        "author": "Byron Labs",
        "description": "Module to enrich the information by making use of the Vysion API.",
        "name": "Vysion Enrich",
        "logo": "vysion.png",
        "requirements": ["Vysion API Key"],
        "features": "This module gets correlated information from Byron Labs' dark web intelligence database. With this you will get several objects containing information related to, for example, an organization victim of a ransomware attack.",
        "references": [
          "https://vysion.ai/",
          "https://developers.vysion.ai/",
          "https://github.com/ByronLabs/vysion-cti/tree/main"
        ],
        "input": "company(target-org), country, info, BTC, XMR and DASH address.",
        "output": "MISP objects containing title, link to our webapp and TOR, i2p or clearnet URLs."
      },
      "config": {
        "apikey": {
          "description": "Vysion API key",
          "secret": true
        },
        "event_limit": {
          "description": "How many documents to ask for (page size, default 10)"
        },
        "proxy_host": {
          "description": "Kept for compatibility and ignored: the server uses its own proxy settings (HTTP_PROXY / HTTPS_PROXY)."
        },
        "proxy_port": {
          "description": "Kept for compatibility and ignored: the server uses its own proxy settings (HTTP_PROXY / HTTPS_PROXY)."
        },
        "proxy_username": {
          "description": "Kept for compatibility and ignored: the server uses its own proxy settings (HTTP_PROXY / HTTPS_PROXY)."
        },
        "proxy_password": {
          "description": "Kept for compatibility and ignored: the server uses its own proxy settings (HTTP_PROXY / HTTPS_PROXY).",
          "secret": true
        }
      },
      "attributes": {
        "input": ["email", "domain", "hostname", "url", "text", "btc", "phone-number", "target-org", "xmr", "dash"],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noKey": "A Vysion api key is required for this module.",
        "badLimit": "event_limit must be a whole number between 1 and 100."
      }
    },
  },
  {
    load: () => import('./expansion/whisper.js'),
    description: {
      "name": "whisper",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "0.0.1",
        "author": "Whisper",
        "description": "Enrich IPs, domains, and ASNs with threat intelligence and infrastructure context from the Whisper graph.",
        "name": "Whisper",
        "logo": "whisper.png",
        "requirements": ["An access to the Whisper graph API (api_url + api_key)"],
        "features": "The module queries the Whisper graph for the input attribute and returns related infrastructure (DNS, ASN/BGP, WHOIS) and threat intelligence context as MISP attributes and objects.",
        "references": ["https://whisper.security"],
        "input": "An IP address, domain, hostname or AS MISP attribute.",
        "output": "MISP attributes and objects with the related infrastructure and threat intelligence context from the Whisper graph."
      },
      "config": {
        "api_url": {
          "description": "Whisper graph API URL (default https://graph.whisper.security)"
        },
        "api_key": {
          "description": "Whisper API key",
          "secret": true
        },
        "max_tlp": {
          "description": "Highest TLP of an attribute sent to Whisper (default tlp:amber+strict)"
        },
        "timeout": {
          "description": "Seconds each graph query may take (keep it under MISP's Plugin.Enrichment_timeout)"
        }
      },
      "attributes": {
        "input": ["ip-src", "ip-dst", "domain", "hostname", "AS"],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noKey": "Whisper module is not configured: set the api_key module setting (Administration -> Server Settings -> Plugin -> Enrichment).",
        "tlp": "Refusing to enrich: the attribute is marked {tags}, above the max_tlp setting ({ceiling}).",
        "badTlp": "Refusing to enrich: max_tlp {ceiling} is not a TLP level (tlp:clear, tlp:green, tlp:amber, tlp:amber+strict, tlp:red).",
        "rejected": "Whisper API rejected the API key - check the api_key module setting.",
        "unavailable": "Whisper API unavailable - retry later: {detail}",
        "failed": "Whisper query failed: {detail}",
        "unsupported": "Attribute type {type} is not supported by the Whisper module.",
        "nothing": "Whisper graph has no data for {value}."
      }
    },
  },
  {
    load: () => import('./expansion/whois.js'),
    description: {
      "name": "whois",
      "kind": "expansion",
      "moduleType": ["expansion"],
      "meta": {
        "version": "0.1",
        "author": "Raphaël Vinot",
        "description": "Module to query a local instance of uwhois (https://github.com/rafiot/uwhoisd).",
        "name": "Whois Lookup",
        "logo": "",
        "requirements": [],
        "features": "This module takes a domain or IP address attribute as input and queries a 'Univseral Whois proxy server' to get the correct details of the Whois query on the input value (check the references for more details about this whois server).",
        "references": ["https://github.com/Lookyloo/uwhoisd"],
        "input": "A domain or IP address attribute.",
        "output": "Text describing the result of a whois request for the input value."
      },
      "config": {
        "server": {
          "description": "Host name or IP address of your uwhoisd server (reached as configured)."
        },
        "port": {
          "description": "TCP port of your uwhoisd server (uwhoisd listens on 4243 by default)."
        }
      },
      "attributes": {
        "input": ["domain", "ip-src", "ip-dst"],
        "output": ["freetext"]
      },
      "checkInput": false,
      "coalesce": true,
      "cache": true,
      "messages": {
        "unsupported": "Unsupported attributes type",
        "missingServer": "Whois local instance address is missing",
        "invalidPort": "Invalid port setting \"{value}\": expected a number from 1 to 65535.",
        "notFromEvent": "The whois module answers only queries made from an event (this request has no event_id).",
        "notOneLine": "The value to look up must be a single line: {value}"
      }
    },
  },
  {
    load: () => import('./expansion/whoisfreaks.js'),
    description: {
      "name": "whoisfreaks",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "1",
        "author": "WhoisFreaks",
        "description": "An expansion module for https://whoisfreaks.com/ that will provide an enriched analysis of the provided domain, including WHOIS and DNS information.",
        "name": "WhoisFreaks Lookup",
        "logo": "whoisfreaks.png",
        "requirements": ["An access to the Whoisfreaks API_KEY"],
        "features": "The module takes a domain as input and queries the Whoisfreaks API with it.\n\nSome parsing operations are then processed on the result of the query to extract as much information as possible.\n\nAfter this we map the extracted data to MISP attributes.",
        "references": ["https://whoisfreaks.com/"],
        "input": "A domain whose Data is required",
        "output": "MISP attributes resulting from the query on Whoisfreaks API, included in the following list:\n- domain\n- dns-soa-email\n- whois-registrant-email\n- whois-registrant-phone\n- whois-registrant-name\n- whois-registrar\n- whois-creation-date\n- domain"
      },
      "config": {
        "apikey": {
          "description": "WhoisFreaks API key (sent as the apiKey query parameter)",
          "secret": true
        }
      },
      "attributes": {
        "input": ["domain"],
        "output": [
          "domain",
          "dns-soa-email",
          "whois-registrant-email",
          "whois-registrant-phone",
          "whois-registrant-name",
          "whois-registrar",
          "whois-creation-date",
          "domain|ip",
          "email",
          "phone-number"
        ]
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noKey": "WhoisFreaks authentication is missing",
        "unsupported": "Unsupported attributes types"
      }
    },
  },
  {
    load: () => import('./expansion/wiki.js'),
    description: {
      "name": "wiki",
      "kind": "expansion",
      "moduleType": ["hover"],
      "meta": {
        "version": "0.2",
        "author": "Roman Graf",
        "description": "An expansion hover module to extract information from Wikidata to have additional information about particular term for analysis.",
        "name": "Wikidata Lookup",
        "logo": "wikidata.png",
        "requirements": [],
        "features": "This module takes a text attribute as input and queries the Wikidata API. If the text attribute is clear enough to define a specific term, the API returns a wikidata link in response.",
        "references": ["https://www.wikidata.org"],
        "input": "Text attribute.",
        "output": "Text attribute."
      },
      "config": {},
      "attributes": {
        "input": ["text"],
        "output": ["text"]
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noText": "Query text missing",
        "noData": "No additional data found on Wikidata",
        "notResults": "Wikidata answered something that is not SPARQL JSON results (no results.bindings)."
      }
    },
  },
  {
    load: () => import('./expansion/xforceexchange.js'),
    description: {
      "name": "xforceexchange",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "2",
        "author": "Joerg Stephan (@johest)",
        "description": "An expansion module for IBM X-Force Exchange.",
        "name": "IBM X-Force Exchange Lookup",
        "logo": "xforce.png",
        "requirements": ["An access to the X-Force API (apikey)"],
        "features": "This module takes a MISP attribute as input to query the X-Force API. The API returns then additional information known in their threats data, that is mapped into MISP attributes.",
        "references": ["https://exchange.xforce.ibmcloud.com/"],
        "input": "A MISP attribute included in the following list:\n- ip-src\n- ip-dst\n- vulnerability\n- md5\n- sha1\n- sha256",
        "output": "MISP attributes mapped from the result of the query on X-Force Exchange."
      },
      "config": {
        "apikey": {
          "description": "X-Force Exchange API key (HTTP Basic user name)",
          "secret": true
        },
        "apipassword": {
          "description": "X-Force Exchange API password (HTTP Basic password)",
          "secret": true
        }
      },
      "attributes": {
        "input": ["ip-src", "ip-dst", "vulnerability", "md5", "sha1", "sha256", "domain", "hostname", "url"],
        "output": ["ip-src", "ip-dst", "text", "domain"],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noKey": "An API authentication is required (key and password).",
        "notFound": "No result found for your query.",
        "nothing": "No additional data found on Xforce Exchange."
      }
    },
  },
  {
    load: () => import('./expansion/xlsx_enrich.js'),
    description: {
      "name": "xlsx_enrich",
      "kind": "expansion",
      "moduleType": ["expansion"],
      "meta": {
        "version": "0.1",
        "author": "Sascha Rommelfangen",
        "description": "Module to extract freetext from a .xlsx document.",
        "name": "XLXS Enrich",
        "logo": "xlsx.png",
        "requirements": ["None: the server reads .xlsx files itself."],
        "features": "The module reads the text contained in a .xlsx document. The result is passed to the freetext import parser so IoCs can be extracted out of it.",
        "references": [],
        "input": "Attachment attribute containing a .xlsx document.",
        "output": "Text and freetext parsed from the document."
      },
      "config": {},
      "attributes": {
        "input": ["attachment"],
        "output": ["freetext", "text"]
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "notPdf": "the file is not a PDF (no %PDF- header)",
        "pdfPassword": "the PDF is protected by a password",
        "pdfDamaged": "the file is not a PDF or is damaged ({detail})",
        "pdfUnreadable": "{detail}",
        "noData": "Couldn't fetch attachment (JSON 'data' is empty). Are you using the 'Query enrichment' action?",
        "unreadable": "Couldn't analyze file as {kind}. Error was: {detail}.",
        "notZip": "the file is not {kind}: it is not a zip package",
        "encrypted": "the document package is encrypted",
        "noPart": "the package has no part \"{part}\"",
        "noMainPart": "the package has no main document (no officeDocument relationship in _rels/.rels)",
        "notWord": "the package is not a Word document (its main part is {contentType})",
        "noWordBody": "{part} has no w:body element",
        "notPowerPoint": "the package is not a PowerPoint presentation (its main part is {contentType})",
        "notExcel": "the package is not an Excel workbook (its main part is {contentType})",
        "noWorksheet": "the workbook has no worksheet",
        "noOdfContent": "the package has no content.xml (not an OpenDocument file)",
        "wrongOdfType": "the package is {mimetype}, not {kind}",
        "noOdfBody": "content.xml has no office:body/office:{body}",
        "badXml": "{part} is not well-formed XML: {reason} (line {line}, column {column})",
        "noXmlElement": "{part} holds no XML element"
      }
    },
  },
  {
    load: () => import('./expansion/xposedornot.js'),
    description: {
      "name": "xposedornot",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "1.0",
        "author": "XposedOrNot",
        "description": "Query the XposedOrNot API to check whether an email address appears in known data breaches.",
        "name": "XposedOrNot Lookup",
        "logo": "xposedornot.png",
        "requirements": ["No API key required."],
        "features": "The module takes an email address as input and queries the XposedOrNot API to determine whether the address appears in known data breaches. Each exposure is returned as a text attribute holding the breach name, with the breach year, number of exposed records, affected domain, exposed data classes and password storage risk in its comment. Without any configuration the free keyless API is used (rate limits apply: 2 requests/second, 25/hour per IP); an optional commercial api_key switches to the higher-limit Plus API. The queried email address is sent over TLS to xposedornot.com; nothing else leaves the MISP instance.",
        "references": ["https://xposedornot.com", "https://api.xposedornot.com/docs"],
        "input": "An email address.",
        "output": "Breach exposure details for the email address, one text attribute per breach."
      },
      "config": {
        "api_key": {
          "description": "Optional XposedOrNot Plus API key (sent in x-api-key); empty: the free keyless API.",
          "secret": true
        }
      },
      "attributes": {
        "input": ["email", "email-src", "email-dst", "target-email", "whois-registrant-email"],
        "output": ["text"],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "invalidEmail": "The provided attribute value is not a valid email address.",
        "noBreach": "No breach found on XposedOrNot for this email address.",
        "rateLimited": "XposedOrNot rate limit reached (keyless: 2 requests/second, 25/hour). Retry later or configure the optional api_key to raise limits.",
        "httpStatus": "XposedOrNot API returned HTTP status {status}.",
        "httpStatusSaid": "XposedOrNot API returned HTTP status {status}: {detail}.",
        "invalidJson": "XposedOrNot API returned an invalid JSON response.",
        "requestFailed": "XposedOrNot API request failed: {reason}."
      }
    },
  },
  {
    load: () => import('./expansion/yara_query.js'),
    description: {
      "name": "yara_query",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "1",
        "author": "Christian STUDER",
        "description": "The module takes a hash attribute (md5, sha1, sha256, imphash) as input, and is returning a YARA rule from it.",
        "name": "YARA Rule Generator",
        "require_standard_format": true,
        "logo": "yara.png",
        "requirements": ["libyara (bundled, compiled to WebAssembly)"],
        "features": "The module takes a hash attribute (md5, sha1, sha256, imphash) as input, and is returning a YARA rule from it. This YARA rule is also validated using the same method as in 'yara_syntax_validator' module.\nBoth hover and expansion functionalities are supported with this module, where the hover part is displaying the resulting YARA rule and the expansion part allows you to add the rule as a new attribute, as usual with expansion modules.",
        "references": ["https://virustotal.github.io/yara/", "https://github.com/virustotal/yara-python"],
        "input": "MISP Hash attribute (md5, sha1, sha256, imphash, or any of the composite attribute with filename and one of the previous hash type).",
        "output": "YARA rule."
      },
      "config": {},
      "attributes": {
        "input": ["md5", "sha1", "sha256", "filename|md5", "filename|sha1", "filename|sha256", "imphash"],
        "output": ["yara"]
      },
      "checkInput": false,
      "coalesce": true,
      "cache": true,
      "messages": {
        "wrongInput": "Wrong input type, please choose in the following: md5, sha1, sha256, filename|md5, filename|sha1, filename|sha256, imphash",
        "invalid": "Syntax error: {error}"
      }
    },
  },
  {
    load: () => import('./expansion/yara_syntax_validator.js'),
    description: {
      "name": "yara_syntax_validator",
      "kind": "expansion",
      "moduleType": ["hover"],
      "meta": {
        "version": "0.2",
        "author": "Dennis Rand and Theo Geffe",
        "description": "An expansion hover module to perform a syntax check on if yara rules are valid or not.",
        "name": "YARA Syntax Validator",
        "logo": "yara.png",
        "requirements": ["libyara (bundled, compiled to WebAssembly)"],
        "features": "This modules simply takes a YARA rule as input, and checks its syntax. It returns then a confirmation if the syntax is valid, otherwise the syntax error is displayed. This modules can compile YARA rule even if there is externals variables or miss modules",
        "references": ["http://virustotal.github.io/yara/"],
        "input": "YARA rule attribute.",
        "output": "Text to inform users if their rule is valid."
      },
      "config": {},
      "attributes": {
        "input": ["yara"],
        "output": ["text"]
      },
      "checkInput": false,
      "coalesce": true,
      "cache": true,
      "messages": {
        "missing": "Yara rule missing",
        "valid": "Syntax valid",
        "invalid": "Syntax error: {error}",
        "attempts": "Syntax error: Max validation attempts exceeded",
        "unavailable": "Syntax not checked: the YARA module \"{module}\" is not available on this server (available: {available})."
      }
    },
  },
  {
    load: () => import('./expansion/yeti.js'),
    description: {
      "name": "yeti",
      "kind": "expansion",
      "moduleType": ["expansion", "hover"],
      "meta": {
        "version": "1",
        "author": "Sebastien Larinier @sebdraven",
        "description": "Module to process a query on Yeti.",
        "name": "Yeti Lookup",
        "logo": "yeti.png",
        "requirements": ["API key "],
        "features": "This module add context and links between observables using yeti",
        "references": ["https://github.com/yeti-platform/yeti", "https://github.com/sebdraven/pyeti"],
        "input": "A domain, hostname,IP, sha256,sha1, md5, url of MISP attribute.",
        "output": "MISP attributes and objects fetched from the Yeti instances."
      },
      "config": {
        "apikey": {
          "description": "Your Yeti API key.",
          "secret": true
        },
        "url": {
          "description": "URL of your Yeti API (e.g. https://yeti.example.org/api/), reached as configured."
        }
      },
      "attributes": {
        "input": ["AS", "ip-src", "ip-dst", "hostname", "domain", "sha256", "sha1", "md5", "url"],
        "format": "misp_standard"
      },
      "checkInput": true,
      "coalesce": true,
      "cache": true,
      "messages": {
        "noConfig": "Yeti Config Error",
        "notFound": "{value} not found in Yeti."
      }
    },
  },
  {
    load: () => import('./import/anyrun_sandbox_import.js'),
    description: {
      "name": "anyrun_sandbox_import",
      "kind": "import",
      "moduleType": ["import"],
      "meta": {
        "version": "0.1",
        "author": "ANY.RUN integrations team",
        "description": "A module designed to retrieve an analysis report from the ANY.RUN Sandbox by its unique ID and extract results (such as verdict, malware tags, and IOCs), converting them into MISP attributes within your event.",
        "name": "ANYRUN Sandbox Import",
        "logo": "anyrun.png",
        "requirements": ["ANY.RUN Sandbox API-KEY"],
        "features": "Fetches detailed JSON reports using the ANY.RUN API; parses key elements like verdict, extracted IOCs (hashes, IPs, URLs), malware tags; maps data to MISP attributes and galaxies (e.g., malware family or MITRE ATT&CK Techniques).",
        "references": ["https://any.run"],
        "input": "ANY.RUN Sandbox analysis UUID.",
        "output": "Analysis external references, verdict, IOCs (hashes, IPs, URLs), malware tags, MITRE ATT&CK Techniques"
      },
      "config": {
        "api_key": {
          "description": "ANY.RUN Sandbox API key (without the \"API-KEY \" prefix).",
          "secret": true
        }
      },
      "attributes": {
        "inputSource": [],
        "output": ["MISP objects"],
        "format": "misp_standard",
        "userConfig": {
          "ANYRUN Analysis UUID": {
            "type": "String",
            "message": "ANY.RUN Analysis UUID"
          },
          "IOCs": {
            "type": "Boolean",
            "message": "Include ANY.RUN Sandbox Indicators",
            "checked": "True"
          },
          "Tags": {
            "type": "Boolean",
            "message": "Include ANY.RUN Sandbox Tags",
            "checked": "True"
          },
          "MITRE": {
            "type": "Boolean",
            "message": "Include ANY.RUN Sandbox MITRE ATT&CK Techniques",
            "checked": "True"
          }
        }
      },
      "checkInput": false,
      "coalesce": false,
      "cache": false,
      "messages": {
        "httpStatus": "ANY.RUN answered HTTP {status}{detail}.",
        "noData": "ANY.RUN answered a report without its \"data\" object.",
        "jsonNotHtml": "ANY.RUN answered JSON where the HTML report was expected{detail}.",
        "iocsNotList": "ANY.RUN answered an IOC report that is not a list.",
        "missing": "ANY.RUN API-KEY and Analysis UUID must be specified.",
        "running": "Analysis is running. Please, wait a few minutes to request a report",
        "badUuid": "The ANY.RUN Analysis UUID must be a task UUID (or a https://app.any.run/tasks/<uuid> link)."
      }
    },
  },
  {
    load: () => import('./import/cof2misp.js'),
    description: {
      "name": "cof2misp",
      "kind": "import",
      "moduleType": ["import"],
      "meta": {
        "version": "0.3",
        "author": "Aaron Kaplan",
        "description": "Passive DNS Common Output Format (COF) MISP importer",
        "name": "PDNS COF Importer",
        "requirements": [],
        "features": "Takes as input a valid COF file or the output of the dnsdbflex utility and creates MISP objects for the input.",
        "references": ["https://tools.ietf.org/id/draft-dulaunoy-dnsop-passive-dns-cof-08.html"],
        "input": "Passive DNS output in Common Output Format (COF)",
        "output": "MISP objects",
        "logo": ""
      },
      "config": {},
      "attributes": {
        "userConfig": {},
        "inputSource": ["file"],
        "output": ["MISP objects"],
        "format": "misp_standard"
      },
      "checkInput": false,
      "coalesce": false,
      "cache": false,
      "messages": {
        "emptyImport": "The import is empty: expected a {what}.",
        "notUtf8": "Input is not valid UTF-8 text, so not a {what}.",
        "binaryImport": "The input contains binary data (NUL bytes): it is not a {what}.",
        "blankImport": "The import holds only whitespace: expected a {what}.",
        "lineNotJson": "Line {line} is not valid JSON ({reason}): expected one COF record per line (ndjson).",
        "lineNotObject": "Line {line} is not a JSON object: expected one COF record per line (ndjson).",
        "noRecord": "The file has no COF record.",
        "invalidRecord": "Line {line}: {problem}. Could not validate the {format} input {record}"
      }
    },
  },
  {
    load: () => import('./import/csvimport.js'),
    description: {
      "name": "csvimport",
      "kind": "import",
      "moduleType": ["import"],
      "meta": {
        "version": "0.2",
        "author": "Christian Studer",
        "description": "Module to import MISP attributes from a csv file.",
        "name": "CSV Import",
        "requirements": [],
        "features": "In order to parse data from a csv file, a header is required to let the module know which column is matching with known attribute fields / MISP types.\n\nThis header either comes from the csv file itself or is part of the configuration of the module and should be filled out in MISP plugin settings, each field separated by COMMAS. Fields that do not match with any type known in MISP or are not MISP attribute fields should be ignored in import, using a space or simply nothing between two separators (example: 'ip-src, , comment, ').\n\nIf the csv file already contains a header that does not start by a '#', you should tick the checkbox 'has_header' to avoid importing it and have potential issues. You can also redefine the header even if it is already contained in the file, by following the rules for headers explained earlier. MISP CSV exports (with or without context columns) are recognised, objects included.",
        "references": ["https://tools.ietf.org/html/rfc4180", "https://tools.ietf.org/html/rfc7111"],
        "input": "CSV format file.",
        "output": "MISP Event attributes",
        "logo": ""
      },
      "config": {},
      "attributes": {
        "userConfig": {
          "header": {
            "type": "String",
            "message": "Define the header of the csv file, with types (included in MISP attribute types or attribute fields) separated by commas.\nFor fields that do not match these types or that you want to skip, please use space or simply nothing between commas.\nFor instance: ip-src,domain, ,timestamp"
          },
          "has_header": {
            "type": "Boolean",
            "message": "Tick this box ONLY if there is a header line, NOT COMMENTED, and all the fields of this header are respecting the recommendations above."
          },
          "special_delimiter": {
            "type": "String",
            "message": "IF THE DELIMITERS ARE NOT COMMAS, please specify which ones are used (for instance: \";\", \"|\", \"/\", \"\t\" for tabs, etc)."
          }
        },
        "inputSource": ["file"],
        "format": "misp_standard"
      },
      "checkInput": false,
      "coalesce": false,
      "cache": false,
      "messages": {
        "emptyImport": "The import is empty: expected a {what}.",
        "notUtf8": "Input is not valid UTF-8 text, so not a {what}.",
        "binaryImport": "The input contains binary data (NUL bytes): it is not a {what}.",
        "blankImport": "The import holds only whitespace: expected a {what}.",
        "noHeader": "Configuration error. Provide a header or use the one within the csv file and tick the checkbox 'Has_header'.",
        "noObjectId": "Line {line}: It is not possible to import MISP objects from your csv file if you do not specify any object identifier (object_uuid or object_id) and object name to separate each object from each other.",
        "noRelation": "Line {line}: In order to import MISP objects, an object relation for each attribute contained in an object is required.",
        "emptyHeader": "The CSV header is empty: give the columns in the \"header\" setting or tick \"has_header\".",
        "wrongHeaderField": "Wrong header field: {name}. Please use a header value that can be recognized by MISP (an attribute type or an attribute field such as value, type, category, comment, to_ids, attribute_tag), or skip the column with a space.",
        "noTypeValue": "Please make sure the data you try to import can be identified with a type/value combination: the header needs both a \"type\" and a \"value\" column, or attribute types as columns (header: {header}).",
        "typeValueAndTypes": "Error with the header {header}: it contains {wrong}, which the attribute type columns already provide. Use either attribute types as columns, or \"type\" and \"value\" columns.",
        "shortRow": "Line {line} has {cells} field(s), but the header has {columns} ({header}). Check the delimiter (the \"special_delimiter\" setting) and the header.",
        "noType": "Line {line} has a value but no attribute type.",
        "unknownType": "Line {line}: \"{type}\" is not a MISP attribute type.",
        "noRows": "The file has no CSV rows (only blank or commented lines).",
        "noDataRows": "The file has no data rows (only a header, blank or commented lines).",
        "nothingMapped": "No attribute to import: none of the {rows} data row(s) has a value in a column the header maps.",
        "notCsv": "The file is not a valid CSV file: {reason}"
      }
    },
  },
  {
    load: () => import('./import/cuckooimport.js'),
    description: {
      "name": "cuckooimport",
      "kind": "import",
      "moduleType": ["import"],
      "meta": {
        "version": "1.1",
        "author": "Pierre-Jean Grenier",
        "description": "Module to import Cuckoo JSON.",
        "name": "Cuckoo Sandbox Import",
        "logo": "cuckoo.png",
        "requirements": [],
        "features": "Import a Cuckoo archive (zipfile or bzip2 tarball), either downloaded manually or exported from the API (/tasks/report/<task_id>/all).",
        "references": ["https://cuckoosandbox.org/", "https://github.com/cuckoosandbox/cuckoo"],
        "input": "Cuckoo JSON file",
        "output": "MISP Event attributes"
      },
      "config": {},
      "attributes": {
        "inputSource": ["file"],
        "output": ["MISP objects", "malware-sample"],
        "format": "misp_standard",
        "userConfig": {
          "Sandbox info": {
            "type": "Boolean",
            "message": "Add info related to the sandbox",
            "checked": "true"
          },
          "Upload sample": {
            "type": "Boolean",
            "message": "Upload the sample",
            "checked": "true"
          },
          "Processes": {
            "type": "Boolean",
            "message": "Add info related to the processes",
            "checked": "true"
          },
          "DNS": {
            "type": "Boolean",
            "message": "Add DNS queries/answers",
            "checked": "true"
          },
          "TCP": {
            "type": "Boolean",
            "message": "Add TCP connections",
            "checked": "true"
          },
          "UDP": {
            "type": "Boolean",
            "message": "Add UDP connections",
            "checked": "true"
          },
          "HTTP": {
            "type": "Boolean",
            "message": "Add HTTP requests",
            "checked": "true"
          },
          "Signatures": {
            "type": "Boolean",
            "message": "Add Cuckoo's triggered signatures",
            "checked": "true"
          },
          "Screenshots": {
            "type": "Boolean",
            "message": "Upload the screenshots",
            "checked": "true"
          },
          "Dropped files": {
            "type": "Boolean",
            "message": "Upload the dropped files",
            "checked": "true"
          },
          "Dropped buffers": {
            "type": "Boolean",
            "message": "Upload the dropped buffers",
            "checked": "true"
          }
        }
      },
      "checkInput": false,
      "coalesce": false,
      "cache": false,
      "messages": {
        "notCuckooReport": "{where} is not a Cuckoo report: it has no \"info\" with \"target\", \"behavior\" or \"network\".",
        "notArchiveOrJson": "The file is neither an archive nor JSON: expected {what}.",
        "noReport": "The archive is not a Cuckoo analysis: it has no {report}."
      }
    },
  },
  {
    load: () => import('./import/email_import.js'),
    description: {
      "name": "email_import",
      "kind": "import",
      "moduleType": ["import"],
      "meta": {
        "version": "0.2",
        "author": "Seamus Tuohy, Raphaël Vinot",
        "description": "Email import module for MISP",
        "name": "Email Import",
        "logo": "",
        "requirements": [],
        "features": "This module can be used to import e-mail text as well as attachments and urls.\nConfiguration parameters are used to unzip attachments, guess zip attachment passwords, extract urls, and remove common subject markers: set each one of them to True or False to process or not the respective corresponding actions.",
        "references": [],
        "input": "E-mail file",
        "output": "MISP Event attributes"
      },
      "config": {
        "unzip_attachments": {
          "description": "Unzip the zip attachments (office documents excepted). Set to \"true\" (or yes, y, t, 1) to enable."
        },
        "guess_zip_attachment_passwords": {
          "description": "Try the passwords found in the body and subject on encrypted zips. Set to \"true\" (or yes, y, t, 1) to enable."
        },
        "extract_urls": {
          "description": "Add a url object for each link of the body. Set to \"true\" (or yes, y, t, 1) to enable."
        },
        "remove_subject_markers": {
          "description": "Strip \"Re:\", \"Fwd:\", \"[EXT]\"… from the subject. Set to \"true\" (or yes, y, t, 1) to enable."
        }
      },
      "attributes": {
        "inputSource": ["file"],
        "output": ["MISP objects"],
        "format": "misp_standard"
      },
      "checkInput": false,
      "coalesce": false,
      "cache": false,
      "messages": {
        "zipNotEmail": "The file is a zip archive, not an e-mail: upload the .eml or .msg it contains.",
        "notEmail": "The file is not an e-mail: no e-mail headers (From, To, Subject, Received…) were found, and it is not an Outlook .msg.",
        "badMsg": "The file looks like an Outlook .msg but cannot be read ({reason})."
      }
    },
  },
  {
    load: () => import('./import/goamlimport.js'),
    description: {
      "name": "goamlimport",
      "kind": "import",
      "moduleType": ["import"],
      "meta": {
        "version": "1",
        "author": "Christian Studer",
        "description": "Module to import MISP objects about financial transactions from GoAML files.",
        "name": "GoAML Import",
        "logo": "goAML.jpg",
        "requirements": [],
        "features": "Unlike the GoAML export module, there is here no special feature to import data from GoAML external files, since the module will import MISP Objects with their References on its own, as it is required for the export module to rebuild a valid GoAML document.",
        "references": ["http://goaml.unodc.org/"],
        "input": "GoAML format file, describing financial transactions, with their origin and target (bank accounts, persons or entities).",
        "output": "MISP objects (transaction, bank-account, person, legal-entity, geolocation), with references, describing financial transactions and their origin and target."
      },
      "config": {},
      "attributes": {
        "inputSource": ["file"],
        "output": ["MISP objects"],
        "format": "misp_standard"
      },
      "checkInput": false,
      "coalesce": false,
      "cache": false,
      "messages": {
        "emptyImport": "The import is empty: expected a {what}.",
        "notUtf8": "Input is not valid UTF-8 text, so not a {what}.",
        "binaryImport": "The input contains binary data (NUL bytes): it is not a {what}.",
        "blankImport": "The import holds only whitespace: expected a {what}.",
        "badXml": "The file is not well-formed XML, so not {what}: {reason} (line {line}, column {column}).",
        "noXmlElement": "The file has no XML element, so it is not {what}.",
        "notGoaml": "This XML is not a goAML report: its root element is <{root}>, not <report>.",
        "nothingToImport": "The goAML report has no transaction, reporting person or location to import."
      }
    },
  },
  {
    load: () => import('./import/import_blueprint.js'),
    description: {
      "name": "import_blueprint",
      "kind": "import",
      "moduleType": ["import"],
      "meta": {
        "version": "0.1",
        "author": "Sami Mokaddem",
        "description": "Generic blueprint to be copy-pasted to quickly boostrap creation of import module.",
        "name": "Import Blueprint",
        "logo": "",
        "requirements": [],
        "features": "A template for import modules that works: each line is split on commas, the column \"number1\" (default 0) is the value, whose type is recognised (IP, hash, URL, e-mail, domain, otherwise text), the column \"comment\" the comment, \"some_string\" is added as a tag and \"boolean_field\" sets the IDS flag.",
        "references": [],
        "input": "Lines of comma-separated values (file or paste).",
        "output": "MISP attributes (misp_standard)."
      },
      "config": {},
      "attributes": {
        "userConfig": {
          "number1": {
            "type": "Integer",
            "regex": "/^[0-4]$/i",
            "errorMessage": "Expected a number in range [0-4]",
            "message": "Column number used for value"
          },
          "some_string": {
            "type": "String",
            "message": "A text field"
          },
          "boolean_field": {
            "type": "Boolean",
            "message": "Boolean field test"
          },
          "comment": {
            "type": "Integer",
            "message": "Column number used for comment"
          }
        },
        "inputSource": ["file", "paste"],
        "output": ["MISP Format"],
        "format": "misp_standard"
      },
      "checkInput": false,
      "coalesce": false,
      "cache": false,
      "messages": {
        "emptyImport": "The import is empty: expected a {what}.",
        "notUtf8": "Input is not valid UTF-8 text, so not a {what}.",
        "binaryImport": "The input contains binary data (NUL bytes): it is not a {what}.",
        "blankImport": "The import holds only whitespace: expected a {what}.",
        "notAColumn": "\"{key}\" must be a column number (0 for the first column), not \"{raw}\".",
        "noValue": "No value found in column {column} of any line."
      }
    },
  },
  {
    load: () => import('./import/joe_import.js'),
    description: {
      "name": "joe_import",
      "kind": "import",
      "moduleType": ["import"],
      "meta": {
        "version": "0.2",
        "author": "Christian Studer",
        "description": "A module to import data from a Joe Sandbox analysis json report.",
        "name": "Joe Sandbox Import",
        "logo": "joesandbox.png",
        "requirements": [],
        "features": "Module using the new format of modules able to return attributes and objects.\n\nThe module returns the same results as the expansion module [joesandbox_query](https://github.com/MISP/misp-modules/tree/main/misp_modules/modules/expansion/joesandbox_query.py) using the submission link of the analysis to get the json report.",
        "references": ["https://www.joesecurity.org", "https://www.joesandbox.com/"],
        "input": "Json report of a Joe Sandbox analysis.",
        "output": "MISP attributes & objects parsed from the analysis report."
      },
      "config": {},
      "attributes": {
        "userConfig": {
          "Import Executable": {
            "type": "Boolean",
            "message": "Import Executable Information (PE, elf or apk for instance)"
          },
          "Mitre Att&ck": {
            "type": "Boolean",
            "message": "Import Mitre Att&ck techniques"
          }
        },
        "inputSource": ["file"],
        "format": "misp_standard"
      },
      "checkInput": false,
      "coalesce": false,
      "cache": false,
      "messages": {
        "notJoeReport": "The JSON is not a Joe Sandbox report: it has no \"analysis\" object with \"generalinfo\".",
        "noTarget": "The Joe Sandbox report has neither a sample nor a URL as analysis target (generalinfo.target)."
      }
    },
  },
  {
    load: () => import('./import/lastline_import.js'),
    description: {
      "name": "lastline_import",
      "kind": "import",
      "moduleType": ["import"],
      "meta": {
        "version": "0.1",
        "author": "Stefano Ortolani",
        "description": "Deprecation notice: this module will be deprecated by December 2021, please use vmware_nsx module.\n\nModule to import and parse reports from Lastline analysis links.",
        "name": "Lastline Import",
        "logo": "lastline.png",
        "requirements": [],
        "features": "The module requires a Lastline Portal `username` and `password`.\nThe module uses the new format and it is able to return MISP attributes and objects.\nThe module returns the same results as the [lastline_query](https://github.com/MISP/misp-modules/tree/main/misp_modules/modules/expansion/lastline_query.py) expansion module.",
        "references": ["https://www.lastline.com"],
        "input": "Link to a Lastline analysis.",
        "output": "MISP attributes and objects parsed from the analysis report."
      },
      "config": {
        "username": {
          "description": "Lastline Portal username."
        },
        "password": {
          "description": "Lastline Portal password.",
          "secret": true
        },
        "verify_ssl": {
          "description": "Kept for compatibility: certificates are always verified (an admin can trust an on-premise CA with --ca-file)."
        }
      },
      "attributes": {
        "inputSource": [],
        "format": "misp_standard",
        "userConfig": {
          "analysis_link": {
            "type": "String",
            "errorMessage": "Expected analysis link",
            "message": "The link to a Lastline analysis"
          }
        }
      },
      "checkInput": false,
      "coalesce": false,
      "cache": false,
      "messages": {
        "httpStatus": "Lastline answered HTTP {status}{detail}.",
        "notApiResponse": "Lastline answered JSON that is not an API response (HTTP {status}).",
        "noSuccess": "no success field in response",
        "apiError": "{error}",
        "noData": "no data field in response",
        "callFailed": "Error issuing the API call: {reason}",
        "linkNotUrl": "Error parsing configuration: the analysis link is not a URL: {link}",
        "linkNotHttp": "Error parsing configuration: the analysis link must be an https:// link to a Lastline portal.",
        "badUuid": "Error processing input parameters: Link does not contain a valid task uuid",
        "noCredentials": "Error parsing configuration: Arguments provided do not contain valid data",
        "noLink": "Error parsing configuration: 'analysis_link' is missing (the link to a Lastline analysis).",
        "notFinished": "Error issuing the API call: Analysis is not finished yet.",
        "empty": "Error issuing the API call: Analysis report is empty.",
        "notAResult": "Error issuing the API call: Lastline answered a result without an analysis subject."
      }
    },
  },
  {
    load: () => import('./import/mispjson.js'),
    description: {
      "name": "mispjson",
      "kind": "import",
      "moduleType": ["import"],
      "meta": {
        "version": "0.1",
        "author": "Richard van den Berg",
        "description": "Module to import MISP JSON format for merging MISP events.",
        "name": "MISP JSON Import",
        "logo": "",
        "requirements": [],
        "features": "The module simply imports MISP Attributes from an other MISP Event in order to merge events together. There is thus no special feature to make it work.",
        "references": [],
        "input": "MISP Event",
        "output": "MISP Event attributes"
      },
      "config": {},
      "attributes": {
        "userConfig": {},
        "inputSource": ["file"]
      },
      "checkInput": false,
      "coalesce": false,
      "cache": false,
      "messages": {
        "emptyImport": "The import is empty: expected a {what}.",
        "notUtf8": "Input is not valid UTF-8 text, so not a {what}.",
        "binaryImport": "The input contains binary data (NUL bytes): it is not a {what}.",
        "blankImport": "The import holds only whitespace: expected a {what}.",
        "notJson": "The file is not valid JSON: {reason}",
        "noEvent": "The file holds no MISP event (an empty list).",
        "unknownType": "{where} has the type \"{type}\", which MISP does not know.",
        "unknownCategory": "{where} has the category \"{category}\", which MISP does not know."
      }
    },
  },
  {
    load: () => import('./import/ocr.js'),
    description: {
      "name": "ocr",
      "kind": "import",
      "moduleType": ["import"],
      "meta": {
        "version": "0.2",
        "author": "Alexandre Dulaunoy",
        "description": "Optical Character Recognition (OCR) module for MISP.",
        "name": "OCR Import",
        "logo": "",
        "requirements": ["None: OCR runs in the server (tesseract.js, English model; pdf.js for PDFs)."],
        "features": "The module tries to recognize some text from an image and import the result as a freetext attribute, there is then no special feature asked to users to make it work. PDFs are read from their text layer, or rendered and OCRed page by page when they have none.",
        "references": [],
        "input": "Image",
        "output": "freetext MISP attribute"
      },
      "config": {},
      "attributes": {
        "userConfig": {},
        "inputSource": ["file"]
      },
      "checkInput": false,
      "coalesce": false,
      "cache": false,
      "messages": {
        "notPdf": "the file is not a PDF (no %PDF- header)",
        "pdfPassword": "the PDF is protected by a password",
        "pdfDamaged": "the file is not a PDF or is damaged ({detail})",
        "pdfUnreadable": "{detail}",
        "empty": "The uploaded file is empty: expected an image or a PDF.",
        "notSupported": "Corrupt or not an image file (expected PNG, JPEG, GIF, BMP or WebP, or a PDF)."
      }
    },
  },
  {
    load: () => import('./import/openiocimport.js'),
    description: {
      "name": "openiocimport",
      "kind": "import",
      "moduleType": ["import"],
      "meta": {
        "version": "0.1",
        "author": "Raphaël Vinot",
        "description": "Module to import OpenIOC packages.",
        "name": "OpenIOC Import",
        "logo": "",
        "requirements": [],
        "features": "The module imports MISP Attributes from OpenIOC packages, there is then no special feature for users to make it work.",
        "references": ["https://www.fireeye.com/blog/threat-research/2013/10/openioc-basics.html"],
        "input": "OpenIOC packages",
        "output": "MISP Event attributes"
      },
      "config": {},
      "attributes": {
        "userConfig": {
          "not save ioc": {
            "type": "Boolean",
            "message": "If you check this box, IOC file will not save as an attachment in MISP"
          },
          "default tag": {
            "type": "String",
            "message": "Add tags spaced by a comma (tlp:white,misp:threat-level=\"no-risk\")",
            "validation": "0"
          }
        },
        "inputSource": ["file"]
      },
      "checkInput": false,
      "coalesce": false,
      "cache": false,
      "messages": {
        "emptyImport": "The import is empty: expected a {what}.",
        "notUtf8": "Input is not valid UTF-8 text, so not a {what}.",
        "binaryImport": "The input contains binary data (NUL bytes): it is not a {what}.",
        "blankImport": "The import holds only whitespace: expected a {what}.",
        "badXml": "The file is not well-formed XML, so not {what}: {reason} (line {line}, column {column}).",
        "noXmlElement": "The file has no XML element, so it is not {what}.",
        "notOpenIoc": "This XML is not an OpenIOC file: its root element is <{root}>, not <ioc> or <OpenIOC>.",
        "nothingToImport": "The OpenIOC file has no IndicatorItem and no description: nothing to import."
      }
    },
  },
  {
    load: () => import('./import/socradar_taxii_feed.js'),
    description: {
      "name": "socradar_taxii_feed",
      "kind": "import",
      "moduleType": ["import"],
      "meta": {
        "version": "1.1",
        "author": "SOCRadar",
        "description": "Import threat indicators from SOCRadar TAXII 2.1 feed with MITRE ATT&CK, malware family, confidence, and geo tagging. Leave collection_id empty and type 'list' to discover available collections.",
        "name": "SOCRadar TAXII Feed Import",
        "logo": "socradar.png",
        "requirements": [],
        "features": "Connect to SOCRadar TAXII 2.1 server and import enriched threat indicators into MISP. Indicators are automatically tagged with MITRE ATT&CK techniques, malware families, confidence levels, feed sources, and country information. Supports collection auto-discovery — leave collection_id empty and type 'list' to see all available collections.",
        "references": ["https://socradar.io", "https://docs.socradar.io/taxii"],
        "input": "SOCRadar TAXII 2.1 collection endpoint.",
        "output": "MISP attributes with rich tagging."
      },
      "config": {
        "socradar_taxii_url": {
          "description": "TAXII base URL.",
          "default": "https://taxii2.socradar.com"
        },
        "socradar_api_root": {
          "description": "API root path.",
          "default": "radar_alpha"
        },
        "socradar_username": {
          "description": "TAXII username."
        },
        "socradar_password": {
          "description": "TAXII password.",
          "secret": true
        }
      },
      "attributes": {
        "inputSource": ["paste"],
        "format": "misp_standard",
        "userConfig": {
          "collection_id": {
            "type": "String",
            "message": "TAXII collection UUID to fetch indicators from. Leave EMPTY and type 'list' in Paste Input to see all available collections with their UUIDs."
          },
          "default_tlp": {
            "type": "String",
            "message": "Default TLP marking for imported indicators (e.g. tlp:amber). Default: tlp:amber"
          },
          "max_indicators": {
            "type": "String",
            "message": "Maximum number of indicators to import per run. Default: 500. Set to 0 for unlimited (may cause timeout on large collections)."
          }
        }
      },
      "checkInput": false,
      "coalesce": false,
      "cache": false,
      "messages": {
        "unexpectedMediaType": "Unexpected Response. Got Content-Type: '{contentType}' for Accept: '{accept}'",
        "notTaxiiResource": "{service} answered JSON that is not a TAXII resource (HTTP {status}).",
        "objectsNotList": "{service} answered an envelope whose \"objects\" is not a list.",
        "pagingLoop": "{service} sent the same \"next\" page token twice (a paging loop); stopped after {pages} pages.",
        "noCredentials": "SOCRadar TAXII username and password are required. Configure them in Plugin Settings → Import.",
        "discoveryFailed": "SOCRadar TAXII collection discovery failed: {error}",
        "fetchFailed": "SOCRadar TAXII fetch failed: {error}",
        "noCollections": "No collections found on SOCRadar TAXII server.",
        "noIndicators": "No indicators found in collection {id}. The collection may be empty or the UUID may be incorrect."
      }
    },
  },
  {
    load: () => import('./import/taxii21.js'),
    description: {
      "name": "taxii21",
      "kind": "import",
      "moduleType": ["import"],
      "meta": {
        "version": "0.2",
        "author": "Abc",
        "description": "Import content from a TAXII 2.1 server",
        "name": "TAXII 2.1 Import",
        "logo": "",
        "requirements": [],
        "features": "Reads a TAXII 2.1 collection (all pages, up to the object limit) with optional filters (added_after, STIX ids, spec versions, types, versions) and HTTP Basic authentication, then converts the STIX 2.0/2.1 objects: indicator patterns to attributes or objects (IP addresses, domains, URLs, file hashes and names, e-mail fields, network traffic, certificates, registry keys; other patterns as stix2-pattern attributes; YARA and Sigma rules), observed data and cyber observables, attack patterns, vulnerabilities, reports, malware, threat actors and campaigns; relationships and report contents become object references; labels and TLP markings become tags.",
        "references": ["https://docs.oasis-open.org/cti/taxii/v2.1/taxii-v2.1.html"],
        "input": "",
        "output": ""
      },
      "config": {
        "stix_object_limit": {
          "description": "Most STIX objects read in one import (all pages together); the user may ask for fewer. Default 1000."
        }
      },
      "attributes": {
        "inputSource": [],
        "output": ["MISP objects"],
        "format": "misp_standard",
        "userConfig": {
          "url": {
            "type": "String",
            "message": "A TAXII 2.1 collection URL"
          },
          "added_after": {
            "type": "String",
            "message": "Lower bound on time the object was uploaded to the TAXII server"
          },
          "stix_id": {
            "type": "String",
            "message": "STIX ID(s) of objects"
          },
          "spec_version": {
            "type": "String",
            "message": "STIX version(s) of objects"
          },
          "type": {
            "type": "String",
            "message": "STIX type(s) of objects"
          },
          "version": {
            "type": "String",
            "message": "Version timestamp(s), or \"first\"/\"last\"/\"all\""
          },
          "STIX object limit": {
            "type": "Integer",
            "message": "Maximum number of STIX objects to process"
          },
          "username": {
            "type": "String",
            "message": "Username for TAXII server authentication, if necessary"
          },
          "password": {
            "type": "String",
            "message": "Password for TAXII server authentication, if necessary"
          }
        }
      },
      "checkInput": false,
      "coalesce": false,
      "cache": false,
      "messages": {
        "unexpectedMediaType": "Unexpected Response. Got Content-Type: '{contentType}' for Accept: '{accept}'",
        "notTaxiiResource": "{service} answered JSON that is not a TAXII resource (HTTP {status}).",
        "objectsNotList": "{service} answered an envelope whose \"objects\" is not a list.",
        "pagingLoop": "{service} sent the same \"next\" page token twice (a paging loop); stopped after {pages} pages.",
        "accessDenied": "Access was denied.",
        "noUrl": "A TAXII 2.1 collection URL is required.",
        "badSpecVersion": "Only spec versions \"2.0\" and \"2.1\" are valid versions.",
        "halfCredentials": "Both or neither of \"username\" and \"password\" are required.",
        "notWholeNumber": "Invalid {label}: not a whole number: {raw}",
        "adminLimitNotPositive": "Invalid admin object limit: must be positive: {limit}",
        "objectLimitNotPositive": "Invalid object limit: must be positive: {limit}",
        "collectionNotUrl": "The TAXII collection URL is not a valid URL: {url}",
        "collectionNotHttp": "The TAXII collection URL must start with https:// (or http://).",
        "discoveryNotCollection": "{where} is a TAXII discovery endpoint, not a collection. Its API roots: {roots}; give the URL of a collection (<API root>collections/<id>/).",
        "listNotCollection": "{where} lists collections, it is not one: {choices}",
        "apiRootNotCollection": "{where} is a TAXII API root, not a collection: {choices}",
        "collectionField": "No '{field}' in Collection for request '{where}'",
        "collectionMismatch": "The collection '{id}' does not match the url for queries '{where}'",
        "notReadable": "Collection '{where}' does not allow reading."
      }
    },
  },
  {
    load: () => import('./import/testimport.js'),
    description: {
      "name": "testimport",
      "kind": "import",
      "moduleType": ["import"],
      "meta": {
        "version": "0.2",
        "author": "Andras Iklody",
        "description": "Simple CSV import tool with mapable columns",
        "name": "CSV Test Import",
        "features": "A skeleton import module: it checks that the data is base64 and returns one fixed attribute."
      },
      "config": {},
      "attributes": {
        "userConfig": {
          "number1": {
            "type": "Integer",
            "regex": "/^[0-4]$/i",
            "errorMessage": "Expected a number in range [0-4]",
            "message": "Column number used for value"
          },
          "some_string": {
            "type": "String",
            "message": "A text field"
          },
          "boolean_field": {
            "type": "Boolean",
            "message": "Boolean field test"
          },
          "comment": {
            "type": "Integer",
            "message": "Column number used for comment"
          }
        },
        "inputSource": ["file", "paste"]
      },
      "checkInput": false,
      "coalesce": false,
      "cache": false,
      "messages": {}
    },
  },
  {
    load: () => import('./import/threatanalyzer_import.js'),
    description: {
      "name": "threatanalyzer_import",
      "kind": "import",
      "moduleType": ["import"],
      "meta": {
        "version": "0.10",
        "author": "Christophe Vandeplas",
        "description": "Module to import ThreatAnalyzer archive.zip / analysis.json files.",
        "name": "ThreadAnalyzer Sandbox Import",
        "logo": "",
        "requirements": [],
        "features": "The module imports MISP Attributes from a ThreatAnalyzer format file. This file can be either ZIP, or JSON format.\nThere is by the way no special feature for users to make the module work.",
        "references": ["https://www.threattrack.com/malware-analysis.aspx"],
        "input": "ThreatAnalyzer format file",
        "output": "MISP Event attributes"
      },
      "config": {},
      "attributes": {
        "userConfig": {},
        "inputSource": ["file"]
      },
      "checkInput": false,
      "coalesce": false,
      "cache": false,
      "messages": {
        "notZipOrJson": "Uploaded file is not a zip or json file.",
        "notUtf8Json": "{where} is not valid UTF-8 JSON.",
        "notAnalysis": "{where} is not a ThreatAnalyzer analysis: it has no \"analysis\" object.",
        "noAnalysisJson": "The zip archive is not a ThreatAnalyzer archive: it has no Analysis/analysis.json."
      }
    },
  },
  {
    load: () => import('./import/url_import.js'),
    description: {
      "name": "url_import",
      "kind": "import",
      "moduleType": ["import"],
      "meta": {
        "version": "0.1",
        "author": "Sami Mokaddem",
        "description": "Simple URL import tool with Faup",
        "name": "URL Import",
        "logo": "",
        "requirements": [],
        "features": "One URL per line (file or paste); each becomes a url object with its components (TLD from the Public Suffix List, subdomain, path, query string, port, host, fragment, domain). Tick \"Include scheme\" to add the scheme.",
        "references": [],
        "input": "A list of URLs, one per line.",
        "output": "MISP url objects."
      },
      "config": {},
      "attributes": {
        "userConfig": {
          "include_scheme": {
            "type": "Boolean",
            "message": "Include scheme"
          }
        },
        "inputSource": ["file", "paste"],
        "output": ["MISP Format"],
        "format": "misp_standard"
      },
      "checkInput": false,
      "coalesce": false,
      "cache": false,
      "messages": {
        "emptyImport": "The import is empty: expected a {what}.",
        "notUtf8": "Input is not valid UTF-8 text, so not a {what}.",
        "binaryImport": "The input contains binary data (NUL bytes): it is not a {what}.",
        "blankImport": "The import holds only whitespace: expected a {what}.",
        "badUrl": "Line {line}: {reason}"
      }
    },
  },
  {
    load: () => import('./import/vmray_import.js'),
    description: {
      "name": "vmray_import",
      "kind": "import",
      "moduleType": ["import"],
      "meta": {
        "version": "0.4",
        "author": "Jens Thom (VMRay), Koen van Impe",
        "description": "Module to import VMRay (VTI) results.",
        "name": "VMRay API Import",
        "logo": "vmray.png",
        "requirements": [],
        "features": "The module imports MISP Attributes from VMRay format, using the VMRay api.\nUsers should then provide as the module configuration the API Key as well as the server url in order to fetch their data to import.\nThe server url goes through the URL guard (a VMRay server on a private network needs its range in --allow-url-range) and its TLS certificate is always verified (trust an on-premise CA with --ca-file).",
        "references": ["https://www.vmray.com/"],
        "input": "VMRay format",
        "output": "MISP Event attributes"
      },
      "config": {
        "apikey": {
          "description": "VMRay API key.",
          "secret": true
        },
        "url": {
          "description": "URL of the VMRay server, e.g. https://cloud.vmray.com (https:// is assumed when no scheme is given)."
        },
        "disable_tags": {
          "description": "Set to \"yes\" or \"true\" to leave the VMRay verdict and VTI tags out."
        },
        "disable_misp_objects": {
          "description": "Set to \"yes\" or \"true\" to import plain attributes instead of MISP objects."
        },
        "ignore_analysis_finished": {
          "description": "Set to \"yes\" or \"true\" to import even while some analyses of the sample are still running."
        }
      },
      "attributes": {
        "inputSource": [],
        "output": ["MISP objects"],
        "format": "misp_standard",
        "userConfig": {
          "Sample ID": {
            "type": "Integer",
            "errorMessage": "The VMRay sample ID to download the reports"
          },
          "VTI": {
            "type": "Boolean",
            "message": "Include VMRay Threat Identifiers",
            "checked": "True"
          },
          "IOCs": {
            "type": "Boolean",
            "message": "Include IOCs",
            "checked": "True"
          },
          "Artifacts": {
            "type": "Boolean",
            "message": "Include other Artifacts"
          },
          "Analysis Details": {
            "type": "Boolean",
            "message": "Include Analysis Details",
            "checked": "True"
          }
        }
      },
      "checkInput": false,
      "coalesce": false,
      "cache": false,
      "messages": {
        "answeredError": "VMRay answered an error{detail}.",
        "httpStatus": "VMRay answered HTTP {status}{detail}.",
        "urlNotUrl": "The VMRay url setting is not a valid URL: {url}",
        "urlNotHttp": "The VMRay url setting must be an https:// URL of the VMRay server.",
        "invalidJson": "VMRay answered with invalid JSON (HTTP {status}) for {path}.",
        "notApiResponse": "VMRay answered {path} with JSON that is not an API response.",
        "continuationNotList": "VMRay answered {path} with a continuation of something that is not a list.",
        "tooManyContinuations": "VMRay continued its answer to {path} more than {max} times.",
        "badContinuationId": "VMRay answered {path} with an invalid continuation id.",
        "summaryNotJson": "VMRay answered an invalid {file} for analysis {analysisId} (not JSON).",
        "summaryNotObject": "VMRay answered an invalid {file} for analysis {analysisId} (not a JSON object).",
        "missingUrl": "VMRay config is missing a value for `url`.",
        "missingApiKey": "VMRay config is missing a value for `apikey`.",
        "missingSampleId": "VMRay config is missing a value for `Sample ID`.",
        "badSampleId": "Could not convert sample id to integer.",
        "sampleNotFound": "Could not find sample id `{id}` on server.",
        "notFinished": "Not all analysis for `{id}` are finished. Try it again in a few minutes.",
        "noReport": "VMRay has no dynamic analysis report for sample `{id}`: nothing to import.",
        "noVersion": "VMRay answered /rest/system_info without its version."
      }
    },
  },
  {
    load: () => import('./import/vmray_summary_json_import.js'),
    description: {
      "name": "vmray_summary_json_import",
      "kind": "import",
      "moduleType": ["import"],
      "meta": {
        "version": "0.1",
        "author": "VMRay",
        "description": "Import a VMRay Summary JSON report.",
        "name": "VMRay Summary JSON Import",
        "logo": "",
        "requirements": [],
        "features": "",
        "references": [],
        "input": "",
        "output": ""
      },
      "config": {
        "disable_tags": {
          "description": "Set to \"yes\" or \"true\" to leave the VMRay verdict and VTI tags out."
        }
      },
      "attributes": {
        "inputSource": ["file"],
        "output": ["MISP objects", "MISP attributes"],
        "format": "misp_standard",
        "userConfig": {
          "Analysis ID": {
            "type": "Boolean",
            "message": "Include Analysis ID",
            "checked": "True"
          },
          "VTI": {
            "type": "Boolean",
            "message": "Include VMRay Threat Identifiers",
            "checked": "True"
          },
          "IOCs": {
            "type": "Boolean",
            "message": "Include IOCs",
            "checked": "True"
          },
          "Artifacts": {
            "type": "Boolean",
            "message": "Include other Artifacts"
          },
          "Analysis Details": {
            "type": "Boolean",
            "message": "Include Analysis Details"
          },
          "Attach Report": {
            "type": "Boolean",
            "message": "Include the original imported file as attachment"
          }
        }
      },
      "checkInput": false,
      "coalesce": false,
      "cache": false,
      "messages": {
        "notAnObject": "Uploaded file is not a summary.json: the JSON is not an object.",
        "notSummary": "Uploaded file is not a summary.json (it has neither \"analysis_details\" nor \"analysis_metadata\")."
      }
    },
  },
  {
    load: () => import('./export/cef_export.js'),
    description: {
      "name": "cef_export",
      "kind": "export",
      "moduleType": ["export"],
      "meta": {
        "version": "1",
        "author": "Hannah Ward",
        "description": "Module to export a MISP event in CEF format.",
        "name": "CEF Export",
        "logo": "",
        "requirements": [],
        "features": "The module takes a MISP event in input, to look every attribute. Each attribute matching with some predefined types is then exported in Common Event Format.\nThus, there is no particular feature concerning MISP Events since any event can be exported. However, 4 configuration parameters recognized by CEF format are required and should be provided by users before exporting data: the device vendor, product and version, as well as the default severity of data.",
        "references": [
          "https://community.softwaregrp.com/t5/ArcSight-Connectors/ArcSight-Common-Event-Format-CEF-Guide/ta-p/1589306?attachment-id=65537"
        ],
        "input": "MISP Event attributes",
        "output": "Common Event Format file"
      },
      "config": {
        "Default_Severity": {
          "description": "CEF severity of every record: 0 to 10, or Unknown, Low, Medium, High, Very-High.",
          "default": "1"
        },
        "Device_Vendor": {
          "description": "CEF Device Vendor.",
          "default": "MISP"
        },
        "Device_Product": {
          "description": "CEF Device Product.",
          "default": "MISP"
        },
        "Device_Version": {
          "description": "CEF Device Version.",
          "default": "1"
        }
      },
      "attributes": {
        "responseType": "application/txt",
        "outputFileExtension": "cef"
      },
      "checkInput": false,
      "coalesce": false,
      "cache": false,
      "messages": {
        "noEvents": "The request has no \"data\": an export needs the list of MISP events MISP sends.",
        "emptyEvents": "Export data must be a list of MISP events: the list is empty.",
        "badSeverity": "Default_Severity must be 0 to 10 or one of Unknown, Low, Medium, High, Very-High (got {severity})."
      }
    },
  },
  {
    load: () => import('./export/cisco_firesight_manager_ACL_rule_export.js'),
    description: {
      "name": "cisco_firesight_manager_ACL_rule_export",
      "kind": "export",
      "moduleType": ["export"],
      "meta": {
        "version": "1",
        "author": "Stanislav Klevtsov",
        "description": "Module to export malicious network activity attributes to Cisco fireSIGHT manager block rules.",
        "name": "Cisco fireSIGHT blockrule Export",
        "logo": "cisco.png",
        "requirements": ["Firesight manager console credentials"],
        "features": "The module goes through the attributes to find all the network activity ones in order to create block rules for the Cisco fireSIGHT manager.",
        "references": [],
        "input": "Network activity attributes (IPs, URLs).",
        "output": "Cisco fireSIGHT manager block rules."
      },
      "config": {
        "fmc_ip_addr": {
          "description": "Address of the Firesight Management Center.",
          "default": "0.0.0.0"
        },
        "fmc_login": {
          "description": "FMC API user name.",
          "default": "login"
        },
        "fmc_pass": {
          "description": "FMC API password (written into the script).",
          "secret": true,
          "default": "password"
        },
        "domain_id": {
          "description": "FMC domain UUID.",
          "default": "SET_FIRESIGHT_DOMAIN_ID"
        },
        "acpolicy_id": {
          "description": "Id of the access control policy the rules are added to.",
          "default": "SET_FIRESIGHT_ACPOLICY_ID"
        }
      },
      "attributes": {
        "responseType": "application/txt",
        "outputFileExtension": "sh",
        "inputSource": ["event"]
      },
      "checkInput": false,
      "coalesce": false,
      "cache": false,
      "messages": {
        "noEvents": "The request has no \"data\": an export needs the list of MISP events MISP sends.",
        "emptyEvents": "Export data must be a list of MISP events: the list is empty."
      }
    },
  },
  {
    load: () => import('./export/defender_endpoint_export.js'),
    description: {
      "name": "defender_endpoint_export",
      "kind": "export",
      "moduleType": ["export"],
      "meta": {
        "version": "1.1",
        "author": "Julien Bachmann, Hacknowledge, Maik Wuerth",
        "description": "Defender for Endpoint KQL hunting query export module",
        "name": "Microsoft Defender for Endpoint KQL Export",
        "logo": "defender_endpoint.png",
        "requirements": [],
        "features": "This module export an event as Defender for Endpoint KQL queries that can then be used in your own python3 or Powershell tool. If you are using Microsoft Sentinel, you can directly connect your MISP instance to Sentinel and then create queries using the `ThreatIntelligenceIndicator` table to match events against imported IOC.",
        "references": [
          "https://docs.microsoft.com/en-us/windows/security/threat-protection/microsoft-defender-atp/advanced-hunting-schema-reference"
        ],
        "input": "MISP Event attributes",
        "output": "Defender for Endpoint KQL queries"
      },
      "config": {
        "Period": {
          "description": "How far back the queries look, as a KQL timespan: 1d, 12h, 30m, 7d, ..."
        }
      },
      "attributes": {
        "responseType": "application/txt",
        "userConfig": {},
        "outputFileExtension": "kql",
        "inputSource": ["event"]
      },
      "checkInput": false,
      "coalesce": false,
      "cache": false,
      "messages": {
        "noEvents": "The request has no \"data\": an export needs the list of MISP events MISP sends.",
        "emptyEvents": "Export data must be a list of MISP events: the list is empty.",
        "noPeriod": "Set the \"Period\" setting of the module: how far back the queries look ({examples}).",
        "badPeriod": "The \"Period\" setting must be a duration such as {examples} (got {period})."
      }
    },
  },
  {
    load: () => import('./export/goamlexport.js'),
    description: {
      "name": "goamlexport",
      "kind": "export",
      "moduleType": ["export"],
      "meta": {
        "version": "1",
        "author": "Christian Studer",
        "description": "This module is used to export MISP events containing transaction objects into GoAML format.",
        "name": "GoAML Export",
        "require_standard_format": true,
        "logo": "goAML.jpg",
        "requirements": ["PyMISP", "MISP objects"],
        "features": "The module works as long as there is at least one transaction object in the Event.\n\nThen in order to have a valid GoAML document, please follow these guidelines:\n- For each transaction object, use either a bank-account, person, or legal-entity object to describe the origin of the transaction, and again one of them to describe the target of the transaction.\n- Create an object reference for both origin and target objects of the transaction.\n- A bank-account object needs a signatory, which is a person object, put as object reference of the bank-account.\n- A person can have an address, which is a geolocation object, put as object reference of the person.\n\nSupported relation types for object references that are recommended for each object are the folowing:\n- transaction:\n\t- 'from', 'from_my_client': Origin of the transaction - at least one of them is required.\n\t- 'to', 'to_my_client': Target of the transaction - at least one of them is required.\n\t- 'address': Location of the transaction - optional.\n- bank-account:\n\t- 'signatory': Signatory of a bank-account - the reference from bank-account to a signatory is required, but the relation-type is optional at the moment since this reference will always describe a signatory.\n\t- 'entity': Entity owning the bank account - optional.\n- person:\n\t- 'address': Address of a person - optional.",
        "references": ["http://goaml.unodc.org/"],
        "input": "MISP objects (transaction, bank-account, person, legal-entity, geolocation), with references, describing financial transactions and their origin and target.",
        "output": "GoAML format file, describing financial transactions, with their origin and target (bank accounts, persons or entities)."
      },
      "config": {
        "rentity_id": {
          "description": "The reporting entity id (rentity_id) of your organisation in goAML; required."
        }
      },
      "attributes": {
        "input": ["MISPEvent"],
        "output": ["xml file"],
        "responseType": "application/xml",
        "outputFileExtension": "xml"
      },
      "checkInput": false,
      "coalesce": false,
      "cache": false,
      "messages": {
        "noEvents": "The request has no \"data\": an export needs the list of MISP events MISP sends.",
        "emptyEvents": "Export data must be a list of MISP events: the list is empty.",
        "noObject": "There is no object in this event.",
        "noTransaction": "There is no transaction object in this event.",
        "noReportingEntity": "Configuration error: set rentity_id (Plugin.Export_goamlexport_rentity_id) to your goAML reporting entity id."
      }
    },
  },
  {
    load: () => import('./export/liteexport.js'),
    description: {
      "name": "liteexport",
      "kind": "export",
      "moduleType": ["export"],
      "meta": {
        "version": "1",
        "author": "TM",
        "description": "Lite export of a MISP event.",
        "name": "Lite Export",
        "logo": "",
        "requirements": [],
        "features": "This module is simply producing a json MISP event format file, but exporting only Attributes from the Event. Thus, MISP Events exported with this module should have attributes that are not internal references, otherwise the resulting event would be empty.",
        "references": [],
        "input": "MISP Event attributes",
        "output": "Lite MISP Event"
      },
      "config": {
        "indent_json_export": {
          "description": "Number of spaces to indent the JSON with; empty for a single line."
        }
      },
      "attributes": {
        "responseType": "application/json",
        "outputFileExtension": "json"
      },
      "checkInput": false,
      "coalesce": false,
      "cache": false,
      "messages": {
        "noEvents": "The request has no \"data\": an export needs the list of MISP events MISP sends.",
        "emptyEvents": "Export data must be a list of MISP events: the list is empty."
      }
    },
  },
  {
    load: () => import('./export/mass_eql_export.js'),
    description: {
      "name": "mass_eql_export",
      "kind": "export",
      "moduleType": ["export"],
      "meta": {
        "version": "0.1",
        "author": "92 COS DOM",
        "description": "Export MISP event in Event Query Language",
        "name": "EQL Query Export",
        "logo": "eql.png",
        "requirements": [],
        "features": "This module produces EQL queries for all relevant attributes in a MISP event.",
        "references": ["https://eql.readthedocs.io/en/latest/"],
        "input": "MISP Event attributes",
        "output": "Text file containing one or more EQL queries"
      },
      "config": {},
      "attributes": {
        "responseType": "application/txt",
        "outputFileExtension": "txt",
        "userConfig": {},
        "inputSource": []
      },
      "checkInput": false,
      "coalesce": false,
      "cache": false,
      "messages": {
        "noEvents": "The request has no \"data\": an export needs the list of MISP events MISP sends.",
        "emptyEvents": "Export data must be a list of MISP events: the list is empty."
      }
    },
  },
  {
    load: () => import('./export/nexthinkexport.js'),
    description: {
      "name": "nexthinkexport",
      "kind": "export",
      "moduleType": ["export"],
      "meta": {
        "version": "1.0",
        "author": "Julien Bachmann, Hacknowledge",
        "description": "Nexthink NXQL query export module",
        "name": "Nexthink NXQL Export",
        "logo": "nexthink.svg",
        "requirements": [],
        "features": "This module export an event as Nexthink NXQL queries that can then be used in your own python3 tool or from wget/powershell",
        "references": ["https://doc.nexthink.com/Documentation/Nexthink/latest/APIAndIntegrations/IntroducingtheWebAPIV2"],
        "input": "MISP Event attributes",
        "output": "Nexthink NXQL queries"
      },
      "config": {
        "Period": {
          "description": "How far back the queries look, from now: 15m, 1d, 2w, 30d, ... (Nexthink data model)."
        }
      },
      "attributes": {
        "responseType": "application/txt",
        "userConfig": {},
        "outputFileExtension": "nxql",
        "inputSource": ["event"]
      },
      "checkInput": false,
      "coalesce": false,
      "cache": false,
      "messages": {
        "noEvents": "The request has no \"data\": an export needs the list of MISP events MISP sends.",
        "emptyEvents": "Export data must be a list of MISP events: the list is empty.",
        "noPeriod": "Set the \"Period\" setting of the module: how far back the queries look ({examples}).",
        "badPeriod": "The \"Period\" setting must be a duration such as {examples} (got {period})."
      }
    },
  },
  {
    load: () => import('./export/osqueryexport.js'),
    description: {
      "name": "osqueryexport",
      "kind": "export",
      "moduleType": ["export"],
      "meta": {
        "version": "1.1",
        "author": "Julien Bachmann, Hacknowledge",
        "description": "OSQuery export of a MISP event.",
        "name": "OSQuery Export",
        "logo": "osquery.png",
        "requirements": [],
        "features": "This module export an event as osquery queries that can be used in packs or in fleet management solution like Kolide.",
        "references": [],
        "input": "MISP Event attributes",
        "output": "osquery SQL queries"
      },
      "config": {},
      "attributes": {
        "responseType": "application/txt",
        "userConfig": {},
        "outputFileExtension": "conf",
        "inputSource": ["event"]
      },
      "checkInput": false,
      "coalesce": false,
      "cache": false,
      "messages": {
        "noEvents": "The request has no \"data\": an export needs the list of MISP events MISP sends.",
        "emptyEvents": "Export data must be a list of MISP events: the list is empty."
      }
    },
  },
  {
    load: () => import('./export/pdfexport.js'),
    description: {
      "name": "pdfexport",
      "kind": "export",
      "moduleType": ["export"],
      "meta": {
        "version": "2",
        "author": "Vincent Falconieri (prev. Raphaël Vinot)",
        "description": "Simple export of a MISP event to PDF.",
        "name": "Event to PDF Export",
        "require_standard_format": true,
        "logo": "",
        "requirements": [],
        "features": "The module takes care of the PDF file building, and work with any MISP Event. Some parameters can be given through the config dict. 'MISP_base_url_for_dynamic_link' is your MISP URL, to attach an hyperlink to your event on your MISP instance from the PDF. Keep it clear to avoid hyperlinks in the generated pdf.\n  'MISP_name_for_metadata' is your CERT or MISP instance name. Used as text in the PDF' metadata\n  'Activate_textual_description' is a boolean (True or void) to activate the textual description/header abstract of an event\n  'Activate_galaxy_description' is a boolean (True or void) to activate the description of event related galaxies.\n  'Activate_related_events' is a boolean (True or void) to activate the description of related event. Be aware this might leak information on confidential events linked to the current event !\n  'Activate_internationalization_fonts' is accepted for compatibility: text is always set in a Unicode font.\n  'Custom_fonts_path' is a text (path or void) to the TTF file of your choice, to create the PDF with it. Be aware the PDF won't support bold/italic/special style anymore with this option ",
        "references": ["https://acrobat.adobe.com/us/en/acrobat/about-adobe-pdf.html"],
        "input": "MISP Event",
        "output": "MISP Event in a PDF file."
      },
      "config": {
        "MISP_base_url_for_dynamic_link": {
          "description": "Your MISP URL: the title links to the event on it. Empty for no link."
        },
        "MISP_name_for_metadata": {
          "description": "Your CERT or MISP instance name, written as the PDF author."
        },
        "Activate_textual_description": {
          "description": "\"True\" to add a textual summary of the event."
        },
        "Activate_galaxy_description": {
          "description": "\"True\" to print the descriptions of galaxies and clusters."
        },
        "Activate_related_events": {
          "description": "\"True\" to list related events (may leak confidential event titles)."
        },
        "Activate_internationalization_fonts": {
          "description": "Accepted for compatibility; text is always set in a Unicode font."
        },
        "Custom_fonts_path": {
          "description": "Path of a TrueType font file to set all text in."
        }
      },
      "attributes": {
        "responseType": "application/pdf",
        "outputFileExtension": "pdf"
      },
      "checkInput": false,
      "coalesce": false,
      "cache": false,
      "messages": {
        "noEvents": "The request has no \"data\": an export needs the list of MISP events MISP sends.",
        "emptyEvents": "Export data must be a list of MISP events: the list is empty."
      }
    },
  },
  {
    load: () => import('./export/testexport.js'),
    description: {
      "name": "testexport",
      "kind": "export",
      "moduleType": ["export"],
      "meta": {
        "version": "0.1",
        "author": "Andras Iklody",
        "description": "Skeleton export module.",
        "name": "Test Export",
        "features": "Answers an empty text file for any event: a check of the export flow."
      },
      "config": {},
      "attributes": {
        "responseType": "application/txt",
        "userConfig": {},
        "outputFileExtension": "txt",
        "inputSource": ["event"]
      },
      "checkInput": false,
      "coalesce": false,
      "cache": false,
      "messages": {
        "noData": "The request has no \"data\" field: an export needs the event MISP sends."
      }
    },
  },
  {
    load: () => import('./export/threat_connect_export.js'),
    description: {
      "name": "threat_connect_export",
      "kind": "export",
      "moduleType": ["export"],
      "meta": {
        "version": "0.1",
        "author": "CenturyLink CIRT",
        "description": "Module to export a structured CSV file for uploading to ThreatConnect.",
        "name": "ThreadConnect Export",
        "logo": "threatconnect.png",
        "requirements": ["csv"],
        "features": "The module takes a MISP event in input, to look every attribute. Each attribute matching with some predefined types is then exported in a CSV format recognized by ThreatConnect.\nUsers should then provide, as module configuration, the source of data they export, because it is required by the output format.",
        "references": ["https://www.threatconnect.com"],
        "input": "MISP Event attributes",
        "output": "ThreatConnect CSV format file"
      },
      "config": {
        "Default_Source": {
          "description": "The Source column of every row (where the data comes from)."
        }
      },
      "attributes": {
        "responseType": "application/txt",
        "outputFileExtension": "csv",
        "userConfig": {},
        "inputSource": []
      },
      "checkInput": false,
      "coalesce": false,
      "cache": false,
      "messages": {
        "noEvents": "The request has no \"data\": an export needs the list of MISP events MISP sends.",
        "emptyEvents": "Export data must be a list of MISP events: the list is empty."
      }
    },
  },
  {
    load: () => import('./export/threatStream_misp_export.js'),
    description: {
      "name": "threatStream_misp_export",
      "kind": "export",
      "moduleType": ["export"],
      "meta": {
        "version": "1.0",
        "author": "Robert Nixon, based off of the ThreatConnect MISP Module written by the CenturyLink CIRT",
        "description": "Module to export a structured CSV file for uploading to threatStream.",
        "name": "ThreatStream Export",
        "logo": "threatstream.png",
        "requirements": ["csv"],
        "features": "The module takes a MISP event in input, to look every attribute. Each attribute matching with some predefined types is then exported in a CSV format recognized by ThreatStream.",
        "references": ["https://www.anomali.com/platform/threatstream", "https://github.com/threatstream"],
        "input": "MISP Event attributes",
        "output": "ThreatStream CSV format file"
      },
      "config": {},
      "attributes": {
        "responseType": "application/txt",
        "outputFileExtension": "csv",
        "userConfig": {},
        "inputSource": []
      },
      "checkInput": false,
      "coalesce": false,
      "cache": false,
      "messages": {
        "noEvents": "The request has no \"data\": an export needs the list of MISP events MISP sends.",
        "emptyEvents": "Export data must be a list of MISP events: the list is empty."
      }
    },
  },
  {
    load: () => import('./export/virustotal_collections.js'),
    description: {
      "name": "virustotal_collections",
      "kind": "export",
      "moduleType": ["export"],
      "meta": {
        "version": "1.0",
        "author": "VirusTotal",
        "description": "Creates a VT Collection from an event iocs.",
        "name": "VirusTotal Collections Export",
        "logo": "virustotal.png",
        "requirements": ["An access to the VirusTotal API (apikey)."],
        "features": "This export module which takes advantage of a new endpoint in VT APIv3 to create VT Collections from IOCs contained in a MISP event. With this module users will be able to create a collection just using the Download as... button.",
        "references": [
          "https://www.virustotal.com/",
          "https://blog.virustotal.com/2021/11/introducing-virustotal-collections.html"
        ],
        "input": "A domain, hash (md5, sha1, sha256 or sha512), hostname, url or IP address attribute.",
        "output": "A VirusTotal collection in VT."
      },
      "config": {
        "vt_api_key": {
          "description": "VirusTotal API key.",
          "secret": true
        },
        "proxy_host": {
          "description": "Kept for compatibility: the server uses the proxy of its HTTP_PROXY / HTTPS_PROXY environment."
        },
        "proxy_port": {
          "description": "Kept for compatibility: the server uses the proxy of its HTTP_PROXY / HTTPS_PROXY environment."
        },
        "proxy_username": {
          "description": "Kept for compatibility: the server uses the proxy of its HTTP_PROXY / HTTPS_PROXY environment."
        },
        "proxy_password": {
          "description": "Kept for compatibility: the server uses the proxy of its HTTP_PROXY / HTTPS_PROXY environment.",
          "secret": true
        }
      },
      "attributes": {
        "input": ["hostname", "domain", "ip-src", "ip-dst", "md5", "sha1", "sha256", "url"],
        "format": "misp_standard",
        "responseType": "application/txt",
        "outputFileExtension": "txt"
      },
      "checkInput": false,
      "coalesce": false,
      "cache": false,
      "messages": {
        "missingKey": "A VirusTotal api key is required for this module.",
        "vtStatus": "VirusTotal answered HTTP {status} while {doing}{detail}.",
        "vtNotObject": "VirusTotal answered with JSON that is not an object while {doing}.",
        "noEvents": "The request has no \"data\": an export needs the list of MISP events MISP sends.",
        "emptyEvents": "Export data must be a list of MISP events: the list is empty.",
        "noIndicator": "No event holds an indicator VirusTotal can put in a collection (an attribute of type hostname, domain, ip-src, ip-dst, md5, sha1, sha256, url): nothing was sent.",
        "eventWithoutIndicator": "no indicator VirusTotal can put in a collection: not sent.",
        "noCollectionId": "VirusTotal answered without the id of the new collection.",
        "refused": "VirusTotal refused the event (HTTP 400).",
        "vendorMessage": "{message}"
      }
    },
  },
  {
    load: () => import('./export/vt_graph.js'),
    description: {
      "name": "vt_graph",
      "kind": "export",
      "moduleType": ["export"],
      "meta": {
        "version": "0.1",
        "author": "VirusTotal",
        "description": "This module is used to create a VirusTotal Graph from a MISP event.",
        "name": "VirusTotal Graph Export",
        "logo": "virustotal.png",
        "requirements": ["vt_graph_api, the python library to query the VirusTotal graph API"],
        "features": "The module takes the MISP event as input and queries the VirusTotal Graph API to create a new graph out of the event.\n\nOnce the graph is ready, we get the url of it, which is returned so we can view it on VirusTotal.",
        "references": ["https://www.virustotal.com/gui/graph-overview"],
        "input": "A MISP event.",
        "output": "Link of the VirusTotal Graph created for the event."
      },
      "config": {
        "vt_api_key": {
          "description": "VirusTotal API key.",
          "secret": true
        },
        "fetch_information": {
          "description": "Fetch VirusTotal's information on each node (detections, country): one API call per node (1/true/yes or 0/false/no; default no)."
        },
        "private": {
          "description": "Make the graph private (needs VirusTotal's private graphs) (1/true/yes or 0/false/no; default no)."
        },
        "fetch_vt_enterprise": {
          "description": "Search VirusTotal Intelligence for files known by name only (needs VirusTotal Enterprise) (1/true/yes or 0/false/no; default no)."
        },
        "expand_one_level": {
          "description": "Add the nodes VirusTotal relates to each node: one API call per node and relationship (1/true/yes or 0/false/no; default no)."
        },
        "user_editors": {
          "description": "VirusTotal users who may edit the graph, comma-separated."
        },
        "user_viewers": {
          "description": "VirusTotal users who may view the graph, comma-separated."
        },
        "group_editors": {
          "description": "VirusTotal groups whose members may edit the graph, comma-separated."
        },
        "group_viewers": {
          "description": "VirusTotal groups whose members may view the graph, comma-separated."
        }
      },
      "attributes": {
        "responseType": "application/txt",
        "outputFileExtension": "txt",
        "userConfig": {},
        "inputSource": []
      },
      "checkInput": false,
      "coalesce": false,
      "cache": false,
      "messages": {
        "missingKey": "A VirusTotal api key is required for this module.",
        "vtStatus": "VirusTotal answered HTTP {status} while {doing}{detail}.",
        "vtNotObject": "VirusTotal answered with JSON that is not an object while {doing}.",
        "noEvents": "The request has no \"data\": an export needs the list of MISP events MISP sends.",
        "emptyEvents": "Export data must be a list of MISP events: the list is empty.",
        "graphNotFound": "Error to find graph with id: {graphId}. Response code: {status}.",
        "pullFailed": "Error while pulling {kind}; code: {status}",
        "noDataList": "Unexpected error in json structure at get_graph_{kind}: no data list.",
        "saveFailed": "Saving graph error: {status} status code.{detail}",
        "noGraphId": "Saving graph error: VirusTotal answered without the graph id.",
        "collaboratorsRefused": "The graph was saved ({link}), but VirusTotal refused its {kind} (HTTP {status}){detail}. Check the user and group names in the settings.",
        "badGraph": "Unexpected error in json structure at load_graph: '{key}'.",
        "nothingToDraw": "No event holds an attribute VirusTotal Graph can show (types hostname, domain, ip-src, ip-dst, url, filename|md5, filename, md5, sha1, sha256, target-user, target-email) or the link of a VirusTotal graph: no graph was created."
      }
    },
  },
  {
    load: () => import('./export/yara_export.js'),
    description: {
      "name": "yara_export",
      "kind": "export",
      "moduleType": ["export"],
      "meta": {
        "version": "0.1",
        "author": "Christophe Vandeplas",
        "description": "This module is used to export MISP events to YARA.",
        "name": "YARA Rule Export",
        "logo": "yara.png",
        "requirements": ["libyara (bundled, compiled to WebAssembly)"],
        "features": "The module will dynamically generate YARA rules for attributes that are marked as to IDS. Basic metadata about the event is added to the rule.\nAttributes that are already YARA rules are also exported, with a rewritten rule name.",
        "references": ["https://virustotal.github.io/yara/"],
        "input": "Attributes and Objects.",
        "output": "A YARA file that can be used with the YARA scanning tool."
      },
      "config": {},
      "attributes": {
        "responseType": "text/plain",
        "userConfig": {},
        "outputFileExtension": "yara",
        "inputSource": ["event"]
      },
      "checkInput": false,
      "coalesce": false,
      "cache": false,
      "messages": {
        "noEvents": "The request has no \"data\": an export needs the list of MISP events MISP sends.",
        "emptyEvents": "Export data must be a list of MISP events: the list is empty."
      }
    },
  },
  {
    load: () => import('./action/export_sentinel.js'),
    description: {
      "name": "export_sentinel",
      "kind": "action",
      "moduleType": ["action"],
      "meta": {
        "version": "0.1",
        "author": "Koen Van Impe",
        "description": "Export indicators to Microsoft Sentinel or Microsoft Defender. Requires an existing installation of MISP2Sentinel or MISP2Defender.",
        "name": "Export to Sentinel or Defender",
        "logo": "",
        "requirements": [],
        "features": "",
        "references": [],
        "input": "",
        "output": ""
      },
      "config": {},
      "action": {
        "params": {
          "misp2_venv": {
            "type": "string",
            "description": "Where is the MISP2Sentinel or MISP2Defender Python virtual environment?",
            "value": "/var/www/MISP/misp-custom/misp2sentinel/venv/"
          },
          "misp2_script": {
            "type": "string",
            "description": "Where is the MISP2Sentinel or MISP2Defender installation?",
            "value": "/var/www/MISP/misp-custom/misp2sentinel/script.py"
          }
        },
        "blocking": false,
        "support_filters": true,
        "expect_misp_core_format": false
      },
      "attributes": {},
      "checkInput": false,
      "coalesce": false,
      "cache": false,
      "messages": {
        "noUuid": "No event UUID in the workflow data (data.Event.uuid): nothing to export.",
        "badUuid": "The event UUID \"{uuid}\" is not a UUID: not exported.",
        "missingParam": "The {param} param is empty: set it on the workflow node.",
        "relative": "The {param} param must be an absolute path, not \"{value}\".",
        "noPython": "Python executable not found at {path}.",
        "noScript": "Script not found at {path}.",
        "cannotRun": "Could not run {path}: {reason}.",
        "timedOut": "The export of event {uuid} did not finish within {seconds} s and was stopped.",
        "failed": "The export of event {uuid} failed (exit status {status}): {stderr}"
      }
    },
  },
  {
    load: () => import('./action/mattermost.js'),
    description: {
      "name": "mattermost",
      "kind": "action",
      "moduleType": ["action"],
      "meta": {
        "version": "0.1",
        "author": "Sami Mokaddem",
        "description": "Simplistic module to send message to a Mattermost channel.",
        "name": "Mattermost",
        "logo": "",
        "requirements": [],
        "features": "",
        "references": [],
        "input": "",
        "output": ""
      },
      "config": {},
      "action": {
        "params": {
          "mattermost_hostname": {
            "type": "string",
            "description": "The Mattermost domain or URL",
            "value": "example.mattermost.com"
          },
          "bot_access_token": {
            "type": "string",
            "description": "Access token generated when you created the bot account"
          },
          "channel_id": {
            "type": "string",
            "description": "The channel you added the bot to"
          },
          "message_template": {
            "type": "large_string",
            "description": "The template to be used to generate the message to be posted",
            "value": "The **template** will be rendered using *Jinja2*!",
            "jinja_supported": true
          }
        },
        "blocking": false,
        "support_filters": true,
        "expect_misp_core_format": false
      },
      "attributes": {},
      "checkInput": false,
      "coalesce": false,
      "cache": false,
      "messages": {
        "noHost": "Mattermost: the mattermost_hostname param is empty.",
        "badHost": "Mattermost: \"{host}\" is not a host name or an http(s) URL.",
        "noToken": "Mattermost: the bot_access_token param is empty.",
        "noChannel": "Mattermost: the channel_id param is empty."
      }
    },
  },
  {
    load: () => import('./action/nextcloud_talk.js'),
    description: {
      "name": "nextcloud_talk",
      "kind": "action",
      "moduleType": ["action"],
      "meta": {
        "version": "0.1",
        "author": "Jeroen Pinoy",
        "description": "Simplistic module to send a message to a Nextcloud talk conversation.",
        "name": "Nextcloud talk",
        "logo": "",
        "requirements": [],
        "features": "",
        "references": [],
        "input": "",
        "output": ""
      },
      "config": {},
      "action": {
        "params": {
          "nextcloud_baseurl": {
            "type": "string",
            "description": "The Nexctloud domain or URL",
            "value": "https://example.nextcloud.org:443"
          },
          "nextcloud_app_uuid_login": {
            "type": "string",
            "description": "The nextcloud username"
          },
          "app_access_token": {
            "type": "string",
            "description": "The nextcloud application token"
          },
          "nextcloud_conversation_token": {
            "type": "string",
            "description": "The token of the conversation the message should be sent to"
          },
          "message_template": {
            "type": "large_string",
            "description": "The template to be used to generate the message to be posted",
            "value": "The **template** will be rendered using *Jinja2*!",
            "jinja_supported": true
          }
        },
        "blocking": false,
        "support_filters": true,
        "expect_misp_core_format": false
      },
      "attributes": {},
      "checkInput": false,
      "coalesce": false,
      "cache": false,
      "messages": {
        "noBaseUrl": "Nextcloud Talk: the nextcloud_baseurl param is empty.",
        "badBaseUrl": "Nextcloud Talk: \"{url}\" is not an http(s) URL.",
        "noCredentials": "Nextcloud Talk: the nextcloud_app_uuid_login and app_access_token params are both needed.",
        "noConversation": "Nextcloud Talk: the nextcloud_conversation_token param is empty.",
        "notFound": "Nextcloud Talk has no such conversation for this login (HTTP 404): check the nextcloud_conversation_token param."
      }
    },
  },
  {
    load: () => import('./action/slack.js'),
    description: {
      "name": "slack",
      "kind": "action",
      "moduleType": ["action"],
      "meta": {
        "version": "0.1",
        "author": "goodlandsecurity",
        "description": "Simplistic module to send messages to a Slack channel.",
        "name": "Slack",
        "logo": "",
        "requirements": [],
        "features": "",
        "references": [],
        "input": "",
        "output": ""
      },
      "config": {},
      "action": {
        "params": {
          "slack_bot_token": {
            "type": "string",
            "description": "The Slack bot token generated when you created the bot account"
          },
          "channel_id": {
            "type": "string",
            "description": "The channel ID you want to post messages to"
          },
          "message_template": {
            "type": "large_string",
            "description": "The template to be used to generate the message to be posted",
            "value": "The **template** will be rendered using *Jinja2*!",
            "jinja_supported": true
          }
        },
        "blocking": false,
        "support_filters": true,
        "expect_misp_core_format": false
      },
      "attributes": {},
      "checkInput": false,
      "coalesce": false,
      "cache": false,
      "messages": {
        "noToken": "Slack: the slack_bot_token param is empty.",
        "noChannel": "Slack: the channel_id param is empty.",
        "refusedToken": "Slack refused the bot token (param slack_bot_token): {error}.",
        "refused": "Slack refused the message to channel {channel}: {error}.",
        "unexpected": "Slack answered something else than its Web API answer (HTTP {status})."
      }
    },
  },
  {
    load: () => import('./action/testaction.js'),
    description: {
      "name": "testaction",
      "kind": "action",
      "moduleType": ["action"],
      "meta": {
        "version": "0.1",
        "author": "Andras Iklody",
        "description": "This module is merely a test, always returning true. Triggers on event publishing.",
        "name": "Test action"
      },
      "config": {},
      "action": {
        "params": {
          "foo": {
            "type": "string",
            "description": "blablabla",
            "value": "xyz"
          },
          "Data extraction path": {
            "type": "hash_path",
            "description": "Only post content extracted from this path",
            "value": "Attribute.{n}.AttributeTag.{n}.Tag.name"
          }
        },
        "blocking": false,
        "support_filters": false,
        "expect_misp_core_format": false
      },
      "attributes": {},
      "checkInput": false,
      "coalesce": false,
      "cache": false,
      "messages": {}
    },
  },
];
