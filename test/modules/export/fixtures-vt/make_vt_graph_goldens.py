#!/usr/bin/env python3
"""Golden graphs for test/modules/export/vt_graph.test.ts, made by upstream's own code.

Runs misp-modules' vt_graph export module (with lib/vt_graph_parser) and
vt_graph_api 2.2.0 on every sample event (raw shape, the only one upstream
reads), with `requests` replaced by the same fake VirusTotal the TypeScript
test serves, and writes for each event that gives a graph:
  calls      the API calls made with the default settings (method and path)
  infoCalls  the calls added by fetch_information
  graph      the document saved (POST /graphs) with fetch_information on;
             without it, the same minus every node's entity_attributes.

Usage (needs Python 3 with `requests` and `six`):
  mkdir -p /tmp/vtg/mm /tmp/vtg/api
  git -C /work/.mirror/MISP+misp-modules/repo archive HEAD misp_modules/lib/vt_graph_parser \
      misp_modules/modules/export_mod/vt_graph.py | tar -x -C /tmp/vtg/mm
  git -C /work/.mirror/VirusTotal+vt-graph-api/repo archive HEAD vt_graph_api | tar -x -C /tmp/vtg/api
  python3 make_vt_graph_goldens.py /tmp/vtg/mm/misp_modules/lib /tmp/vtg/api \
      /tmp/vtg/mm/misp_modules/modules/export_mod ../../../../../shared/samples vt_graph
"""
import hashlib
import json
import os
import re
import sys

lib, api_dir, export_mod, samples, out = sys.argv[1:6]
sys.path[:0] = [lib, api_dir, export_mod]
import requests  # noqa: E402


def sha(text):
    return hashlib.sha256(text.encode()).hexdigest()


class Answer:
    def __init__(self, status, body):
        self.status_code = status
        self._body = body
        self.text = json.dumps(body)

    def json(self):
        return self._body


PREFIX = "https://www.virustotal.com/api/v3/"
LOG = []


def fake_vt(method, url, data=None, body=None):
    path = url[len(PREFIX):]
    LOG.append((method, path, body))
    kind, _, rest = path.partition("/")
    if method == "GET" and kind == "files":
        if re.fullmatch(r"[0-9a-fA-F]{32}|[0-9a-fA-F]{40}", rest):
            attrs = {"sha256": sha(rest), "last_analysis_stats": {"malicious": 3, "suspicious": 1}, "type_tag": "peexe"}
            return Answer(200, {"data": {"id": sha(rest), "type": "file", "attributes": attrs}})
        if re.fullmatch(r"[0-9a-fA-F]{64}", rest):
            attrs = {"sha256": rest, "last_analysis_stats": {"malicious": 5, "suspicious": 0}}
            return Answer(200, {"data": {"id": rest, "type": "file", "attributes": attrs}})
        return Answer(404, {"error": {"code": "NotFoundError", "message": "not found"}})
    if method == "POST" and path == "urls":
        return Answer(200, {"data": {"type": "analysis", "id": "u-" + sha(data["url"]) + "-1700000000"}})
    if method == "GET" and kind == "urls":
        return Answer(200, {"data": {"attributes": {"last_analysis_stats": {"malicious": 1, "suspicious": 2}}}})
    if method == "GET" and kind == "domains":
        return Answer(200, {"data": {"attributes": {"last_analysis_stats": {"malicious": 0}}}})
    if method == "GET" and kind == "ip_addresses":
        return Answer(200, {"data": {"attributes": {"country": "NL"}}})
    if method == "POST" and path == "graphs":
        return Answer(200, {"data": {"id": "g-1", "type": "graph"}})
    raise Exception("no fake route for " + method + " " + path)


requests.get = lambda url, headers=None, **kw: fake_vt("GET", url)
requests.post = lambda url, headers=None, data=None, json=None, **kw: fake_vt("POST", url, data, json)
requests.patch = lambda url, headers=None, json=None, **kw: fake_vt("PATCH", url, None, json)

import vt_graph  # noqa: E402


def run(raw, config):
    LOG.clear()
    vt_graph.handler(json.dumps({"module": "vt_graph", "config": {"vt_api_key": "k", **config}, "data": [raw]}))
    saved = [body for method, path, body in LOG if path == "graphs"]
    return [f"{method} {path}" for method, path, _ in LOG if path != "graphs"], saved[0]


os.makedirs(out, exist_ok=True)
names = sorted(f"misp-events/{n}" for n in os.listdir(f"{samples}/misp-events") if n.endswith(".json"))
for name in names + ["test_files/misp_event.json"]:
    event = json.load(open(f"{samples}/{name}"))
    inner = event["Event"]
    raw = event
    if "Attribute" in inner or "Object" in inner:
        raw = {"Event": {k: v for k, v in inner.items() if k not in ("Attribute", "Object", "Tag")},
               "Attribute": inner.get("Attribute", []), "Object": inner.get("Object", [])}
    calls, _ = run(raw, {})
    info_calls, graph = run(raw, {"fetch_information": "1"})
    if not graph["data"]["attributes"]["nodes"]:
        continue
    for call in calls:
        info_calls.remove(call)
    golden = {"calls": sorted(calls), "infoCalls": sorted(info_calls), "graph": graph}
    with open(f"{out}/{os.path.basename(name)}", "w") as f:
        json.dump(golden, f, separators=(",", ":"))
        f.write("\n")
    print(name, len(graph["data"]["attributes"]["nodes"]), "nodes")
