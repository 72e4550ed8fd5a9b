#!/usr/bin/env python3
"""A real SMTP server for the e-mail connector's tests, on aiosmtpd (Debian: python3-aiosmtpd).

Listens on 127.0.0.1 only, offers STARTTLS (with --cert/--key, or a self-signed certificate made with openssl) and AUTH PLAIN/LOGIN when
asked, writes each accepted message to DIR as NNNN.eml with its envelope in NNNN.json (temp file, then rename),
and injects the faults described in DIR/faults.json, read at each event so a test can change them:

  {"connect": {"reply": "421 4.3.2 Try again later", "times": 2},   # reply then hang up, instead of the greeting
   "reset":   {"times": 1},                                         # close the connection without a greeting
   "mail":    {"reply": "451 4.3.0 Busy", "times": 1},
   "rcpt":    {"bad@example.com": {"reply": "550 5.1.1 No such user"}},
   "data":    {"drop": true, "times": 1}}                           # read the message, store nothing, cut the line

"times" is how many times the fault fires (always when absent). Every fault that fires is appended to
DIR/events.log. Prints "READY <port>" when listening; exits when its standard input closes, so a test runner that
dies never leaves it running.
"""
import argparse
import asyncio
import itertools
import json
import os
import ssl
import subprocess
import sys
import threading

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--dir", required=True)
parser.add_argument("--tls", action="store_true", help="offer STARTTLS")
parser.add_argument("--cert", help="PEM certificate for STARTTLS (made with openssl when absent)")
parser.add_argument("--key", help="PEM private key of --cert")
parser.add_argument("--require-tls", action="store_true", help="refuse MAIL before STARTTLS")
parser.add_argument("--auth", help="user:password required before MAIL")
parser.add_argument("--smtputf8", action="store_true", help="offer SMTPUTF8 (RFC 6531: non-ASCII local parts)")
args = parser.parse_args()

os.makedirs(args.dir, exist_ok=True)
sequence = itertools.count(1)
fired = {}


def event(text):
    with open(os.path.join(args.dir, "events.log"), "a", encoding="utf-8") as f:
        f.write(text + "\n")


def fault(*path):
    """The fault at path in faults.json when it still has times to fire (and counts this one), else None."""
    try:
        with open(os.path.join(args.dir, "faults.json"), encoding="utf-8") as f:
            spec = json.load(f)
    except (FileNotFoundError, json.JSONDecodeError):
        return None
    for key in path:
        if not isinstance(spec, dict) or key not in spec:
            return None
        spec = spec[key]
    counter = json.dumps([path, spec], sort_keys=True)
    times = spec.get("times")
    if times is not None and fired.get(counter, 0) >= times:
        return None
    fired[counter] = fired.get(counter, 0) + 1
    return spec


def write_atomically(path, data):
    temp = path + ".tmp"
    with open(temp, "wb") as f:
        f.write(data)
    os.replace(temp, path)


class Handler:
    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        f = fault("mail")
        if f:
            event("mail " + f["reply"])
            return f["reply"]
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        f = fault("rcpt", address.lower())
        if f:
            event(f"rcpt {address} {f['reply']}")
            return f["reply"]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        f = fault("data")
        if f and f.get("drop"):
            event("data drop")
            server.transport.abort()
            await asyncio.sleep(3600)  # cancelled when aiosmtpd sees the connection lost
        if f:
            event("data " + f["reply"])
            return f["reply"]
        n = next(sequence)
        base = os.path.join(args.dir, f"{n:04d}")
        write_atomically(base + ".eml", envelope.original_content)
        meta = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "tls": session.ssl is not None,
            "auth": bool(session.authenticated),
        }
        write_atomically(base + ".json", json.dumps(meta).encode())
        return "250 2.0.0 Message accepted"


class Authenticator:
    def __init__(self, user, password):
        self.user, self.password = user.encode(), password.encode()

    def __call__(self, server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login == self.user and auth_data.password == self.password
        event(f"auth {mechanism} {'ok' if ok else 'refused'}")
        return AuthResult(success=ok, handled=False)


class FaultySMTP(SMTP):
    async def _handle_client(self):
        f = fault("reset")
        if f is not None:
            event("reset")
            self.transport.abort()
            return
        f = fault("connect")
        if f:
            event("connect " + f["reply"])
            await self.push(f["reply"])
            self.transport.close()
            return
        await super()._handle_client()


def tls_context():
    cert, key = args.cert, args.key
    if not cert:
        cert, key = os.path.join(args.dir, "server.crt"), os.path.join(args.dir, "server.key")
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
             "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", key, "-out", cert],
            check=True, capture_output=True)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


async def main():
    kwargs = {"hostname": "posfleet-test-smtp", "ident": "PosFleet test SMTP", "enable_SMTPUTF8": args.smtputf8}
    if args.tls:
        kwargs["tls_context"] = tls_context()
        kwargs["require_starttls"] = args.require_tls
    if args.auth:
        user, password = args.auth.split(":", 1)
        kwargs["authenticator"] = Authenticator(user, password)
        kwargs["auth_required"] = True
        kwargs["auth_require_tls"] = args.tls
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: FaultySMTP(Handler(), **kwargs), host="127.0.0.1", port=args.port)
    stopped = asyncio.Event()
    threading.Thread(target=lambda: (sys.stdin.read(), loop.call_soon_threadsafe(stopped.set)), daemon=True).start()
    print(f"READY {args.port}", flush=True)
    await stopped.wait()
    server.close()


asyncio.run(main())
