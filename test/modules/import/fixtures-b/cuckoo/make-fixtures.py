#!/usr/bin/env python3
"""Builds the Cuckoo analysis archives of the cuckooimport tests from
report.json: the analysis folder as the web UI zips it and as the API's
tar.bz2 (/tasks/report/<id>/all). Run from this folder."""
import io, tarfile, zipfile
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[5] / 'shared' / 'samples'
if not SAMPLES.exists():
    SAMPLES = Path(__file__).resolve().parents[6] / 'shared' / 'samples'
JPEG = bytes.fromhex('ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c140d0c0b0b0c1912130f141d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27393d38323c2e333432ffc0000b080001000101011100ffc4001400010000000000000000000000000000000affda0008010100003f00d2cf20ffd9')
FILES = {
    'reports/report.json': Path('report.json').read_bytes(),
    'binary': (SAMPLES / 'EICAR.com').read_bytes(),
    'shots/0001.jpg': JPEG,
    'files/3f0a4c4f_readme.txt': b'All your files are encrypted. Pay 1 BTC.\r\n\r\n',
    'buffer/5e8d2a1b': b'MZ\x90\x00unpacked\x00\x00',
}

with zipfile.ZipFile('analysis.zip', 'w', zipfile.ZIP_DEFLATED) as z:
    for folder in ('reports/', 'shots/', 'files/', 'buffer/'):
        z.writestr(zipfile.ZipInfo(folder), b'')
    for name, data in FILES.items():
        info = zipfile.ZipInfo(name, (2019, 5, 20, 12, 0, 0))
        info.external_attr = 0o100644 << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, data)

with tarfile.open('analysis.tar.bz2', 'w:bz2') as t:
    for name, data in FILES.items():
        info = tarfile.TarInfo(name)
        info.size = len(data)
        info.mtime = 1558353681
        t.addfile(info, io.BytesIO(data))
    link = tarfile.TarInfo('files/evil-link')
    link.type = tarfile.SYMTYPE
    link.linkname = '/etc/passwd'
    t.addfile(link)
