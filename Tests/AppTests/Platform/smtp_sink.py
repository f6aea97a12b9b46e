"""A tiny SMTP sink for SMTPMailerTests: saves each message as N.eml plus N.json (envelope).

Usage: python3 smtp_sink.py --port PORT --dir DIR [--auth user:pass] [--only-login] [--tls CERT KEY]
Runs until killed. Without --auth it offers no AUTH; with it, AUTH is offered (PLAIN and LOGIN,
or LOGIN only with --only-login) without TLS and required before MAIL. With --tls it offers
STARTTLS with the given PEM certificate and key. The JSON sidecar holds
the envelope and what Python's email package reads from the message (decoded subject, bodies).
"""
import argparse
import itertools
import json
import os
import signal
import ssl
import threading
import warnings
from email import policy
from email.parser import BytesParser

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


class Sink:
    def __init__(self, directory):
        self.directory = directory
        self.counter = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        n = next(self.counter)
        base = os.path.join(self.directory, str(n))
        content = envelope.original_content or envelope.content
        message = BytesParser(policy=policy.default).parsebytes(content)
        text, html = message.get_body(("plain",)), message.get_body(("html",))
        sidecar = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "subject": str(message["subject"]),
            "from": str(message["from"]),
            "to": str(message["to"]),
            "content_type": message.get_content_type(),
            "text": text.get_content() if text else None,
            "html": html.get_content() if html else None,
        }
        with open(base + ".json.tmp", "w") as f:
            json.dump(sidecar, f)
        with open(base + ".eml.tmp", "wb") as f:
            f.write(content)
        os.rename(base + ".json.tmp", base + ".json")
        os.rename(base + ".eml.tmp", base + ".eml")
        return "250 OK stored"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--auth", help="user:pass")
    parser.add_argument("--only-login", action="store_true")
    parser.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    # Spawned from a test thread, we may inherit blocked signals: let SIGTERM/SIGINT stop us.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    options = {}
    if args.auth:
        user, password = args.auth.split(":", 1)

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = auth_data.login == user.encode() and auth_data.password == password.encode()
            return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd sends 535

        options = dict(authenticator=authenticator, auth_require_tls=False, auth_required=True)
        if args.only_login:
            options["auth_exclude_mechanism"] = ["PLAIN"]
    if args.tls:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(*args.tls)
        options["tls_context"] = context
    controller = Controller(Sink(args.dir), hostname="127.0.0.1", port=args.port, **options)
    controller.start()
    threading.Event().wait()


if __name__ == "__main__":
    main()
