#!/usr/bin/env python3
"""Builds archive.zip, the ThreatAnalyzer export of the threatanalyzer_import
tests: Analysis/analysis.json, a modified file with its mapping.log, and the
sample. Run from this folder."""
import zipfile
from pathlib import Path

eicar = (Path(__file__).resolve().parents[5] / 'shared' / 'samples' / 'EICAR.com')
if not eicar.exists():
    eicar = Path(__file__).resolve().parents[6] / 'shared' / 'samples' / 'EICAR.com'
mapping = (
    "C:\\Users\\x\\AppData\\Roaming\\upd.exe|58|44d88612fea8a8f36de82e1278abb02f|2019-05-20 12:00:01\n"
    "C:\\Users\\x\\AppData\\Local\\Temp\\~zero.tmp|0|d41d8cd98f00b204e9800998ecf8427e|2019-05-20 12:00:02\n"
    "not a mapping line\n"
)
with zipfile.ZipFile('archive.zip', 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('Analysis/analysis.json', Path('analysis.json').read_bytes())
    z.writestr('Analysis/proc_1/modified_files/mapping.log', mapping)
    z.writestr('Analysis/proc_1/modified_files/44d88612fea8a8f36de82e1278abb02f.bin', eicar.read_bytes())
    z.writestr('sample', b'%PDF-1.4 fake sample body')
