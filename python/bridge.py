#!/usr/bin/env python3
"""Runs one misp-modules module written for the Python server, for the
TypeScript server (src/core/python/). Started as

    python3 bridge.py <module file> <module name>

it imports the module once, as the Python server does for custom modules
(importlib from the file; the module's folder on sys.path, so its `_helper`
files import), sends what /modules lists (introspection() and version()),
then answers queries, one JSON object per line on the process's original
standard output:

    → {"id": 1, "body": "<the /query body as JSON text>"}
    ← {"id": 1, "result": {...}}      the handler's return value
    ← {"id": 1, "exception": "<traceback>"}

The handler is called as the Python server calls it: dict_handler(request=dict)
when the module has one, else handler(q=<the body as JSON text>). Anything the
module prints goes to standard error (the server logs it), never into the
channel; so do logging records. SystemExit raised by a handler is an error of
that query, not the end of the process.
"""
import importlib.util
import json
import logging
import os
import sys
import traceback


def _channel():
    """The original standard output, for protocol lines only; print() goes to stderr."""
    fd = os.dup(1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return os.fdopen(fd, "w", encoding="utf-8", buffering=1)


def _send(channel, message):
    channel.write(json.dumps(message, default=str, ensure_ascii=False) + "\n")
    channel.flush()


def _load(path, name):
    sys.path.insert(0, os.path.dirname(os.path.abspath(path)))
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError("not a Python module: " + path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _call(module, body):
    if hasattr(module, "dict_handler"):
        return module.dict_handler(request=json.loads(body))
    return module.handler(q=body)


def main():
    path, name = sys.argv[1], sys.argv[2]
    logging.basicConfig(stream=sys.stderr, level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    channel = _channel()
    try:
        module = _load(path, name)
        description = {
            "introspection": module.introspection() if hasattr(module, "introspection") else {},
            "version": module.version() if hasattr(module, "version") else {},
            "has_handler": hasattr(module, "handler") or hasattr(module, "dict_handler"),
        }
        _send(channel, {"ready": json.loads(json.dumps(description, default=str))})
    except BaseException:  # noqa: BLE001 - a module failing to import, whatever it raised
        _send(channel, {"load_error": traceback.format_exc(limit=20)})
        return 1
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        request = json.loads(line)
        try:
            result = _call(module, request["body"])
            try:
                text = json.dumps({"id": request["id"], "result": result}, default=str, ensure_ascii=False)
            except (TypeError, ValueError) as error:
                text = json.dumps({"id": request["id"], "exception": "the result is not JSON: " + str(error)})
            channel.write(text + "\n")
            channel.flush()
        except BaseException:  # noqa: BLE001 - SystemExit and KeyboardInterrupt included: the query fails, the process stays
            _send(channel, {"id": request["id"], "exception": traceback.format_exc(limit=20)})
    return 0


if __name__ == "__main__":
    sys.exit(main())
