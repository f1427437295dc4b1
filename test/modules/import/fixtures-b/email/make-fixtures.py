#!/usr/bin/env python3
"""Writes the e-mail fixtures of the email_import tests with Python's own email
package (the library upstream's tests build their messages with). Run from
this folder: python3 make-fixtures.py"""
from email.header import Header
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[5] / 'shared' / 'samples'
if not SAMPLES.exists():
    SAMPLES = Path(__file__).resolve().parents[6] / 'shared' / 'samples'

HEADERS = [
    ("Received", "from abc.luxsci.com ([10.10.10.10]) by xyz.luxsci.com (8.13.7/8.13.7) with ESMTP id n141TCa7022588 for <test@domain.com>; Tue, 3 Feb 2009 19:29:12 -0600"),
    ("Received", "from [192.168.0.3] (verizon.net [44.44.44.44]) (user=test@sender.com mech=PLAIN bits=2) by abc.luxsci.com (8.13.7/8.13.7) with ESMTP id n141SAfo021855 for <test@domain.com>; Tue, 3 Feb 2009 19:28:10 -0600"),
    ("Message-ID", "<4988EF2D.40804@example.com>"),
    ("Date", "Tue, 03 Feb 2009 20:28:13 -0500"),
    ("From", '"Innocent Person" <IgnoreMeImInnocent@sender.com>'),
    ("User-Agent", "Thunderbird 2.0.0.19 (Windows/20081209)"),
    ("Sender", '"Malicious MailAgent" <mailagent@example.com>'),
    ("X-Mailer", "mlx 5.1.7"),
    ("Return-Path", "evil_spoofer@example.com"),
    ("Thread-Index", "AQHSR8Us3H3SoaY1oUy9AAwZfMF922bnA9GAgAAi9s4AAGvxAA=="),
    ("Reply-To", "<CI7DgL-A6dm92s7gf4-88g@E_0x238G4K2H08H9SDwsw8b6LwuA@mail.example.com>"),
    ("To", '"Testy Testerson" <test@domain.com>'),
    ("Cc", '"Second Person" <second@domain.com>, "Other Friend" <other@friend.net>, "Last One" <last_one@finally.com>'),
    ("Subject", "Example Message"),
    ("MIME-Version", "1.0"),
]


def base(subject=None):
    msg = MIMEMultipart()
    for key, value in HEADERS:
        msg.add_header(key, subject if key == "Subject" and subject is not None else value)
    return msg


def attach(msg, path, name, subtype="octet-stream"):
    part = MIMEApplication(path.read_bytes(), subtype)
    part.add_header("Content-Disposition", "attachment", filename=name)
    msg.attach(part)


def write(name, msg):
    Path(name).write_bytes(msg.as_bytes())


m = base()
m.attach(MIMEText("I am a test e-mail", "plain"))
attach(m, SAMPLES / "EICAR.com", "EICAR.com", "com")
write("eicar.eml", m)

m = base()
m.attach(MIMEText("I am a -> STRINGS <- test e-mail", "plain"))
attach(m, SAMPLES / "short_password.zip", "EICAR.com.zip", "zip")
write("zip-password-in-body.eml", m)

m = base()
m.attach(MIMEText('I am a test e-mail\n        the password is NOT "this string".\n\n        That is all.\n', "plain"))
m.attach(MIMEText('<html>\n  <head></head>\n  <body>\n    <p>Hi!<br>\n       This is the real password?<br>\n       It is "a long password".\n    </p>\n  </body>\n</html>\n', "html"))
attach(m, SAMPLES / "longer_password.zip", "EICAR.com.zip", "zip")
write("zip-password-in-html.eml", m)

m = base(subject='I contain the -> "a long password" <- that is the password')
m.attach(MIMEText('I am a test e-mail\n        the password is NOT "this string".\n        That is all.\n', "plain"))
attach(m, SAMPLES / "longer_password.zip", "EICAR.com.zip", "zip")
write("zip-password-in-subject.eml", m)

m = base(subject="Re: [EXT] FW: invoice")
m.attach(MIMEText("No password here.", "plain"))
attach(m, SAMPLES / "infected.zip", "invoice.zip", "zip")
attach(m, SAMPLES / "EICAR.com.zip", "plain.zip", "zip")
attach(m, SAMPLES / "test_files" / "test.docx", "report.docx", "zip")
write("zips.eml", m)

m = base()
m.attach(MIMEText("I am a test e-mail\n        That is all.\n", "plain"))
m.attach(MIMEText('<html><body><p>Check <a href="https://github.com/MISP/MISP">MISP</a> and '
                  '<a href="https://www.circl.lu/assets/files/misp-training/3.1-MISP-modules.pdf">the slides</a>, '
                  '<a href="mailto:info@example.com">mail us</a>.<img src="cid:logo.png"><img src="http://cdn.example.org/pixel.gif?id=42&amp;u=7"></p></body></html>', "html"))
write("urls.eml", m)

for encoding in ("utf-8", "utf-16", "utf-32"):
    m = base()
    text = (SAMPLES / "test_files" / "encodings" / f"{encoding.replace('-', '') if encoding == 'utf-8' else encoding}.html").read_text(encoding=encoding)
    m.attach(MIMEText(text, "html", encoding))
    write(f"body-{encoding}.eml", m)

m = base()
m.replace_header("Subject", Header("ビット及び8ビットの2バイト情報交換用符号化拡張漢字集合", "euc_jisx0213"))
m.attach(MIMEText("日本語の本文です。パスワードは「秘密」", "plain", "shift_jis"))
m.attach(MIMEText("Café crème, déjà vu, naïve façade", "plain", "iso-8859-1"))
write("cjk.eml", m)

m = base(subject="{{EMOJI}}")
m.attach(MIMEText("I am a test e-mail", "plain"))
part = MIMEApplication((SAMPLES / "EICAR.com").read_bytes(), "com")
part.add_header("Content-Disposition", "attachment", filename="Emoji Test 👍 checking this")
m.attach(part)
Path("emoji-raw-utf8.eml").write_bytes(m.as_bytes().replace(b"{{EMOJI}}", "Emoji Test 👍 checking this".encode()))
