"""A real SMTP server for the email sender's tests (aiosmtpd, from PyPI).

python3 server.py PORT OUT_FILE [REFUSE [CERT KEY]]: listens on 127.0.0.1:PORT, appends every message it
accepts to OUT_FILE as one JSON line {"from", "to", "subject", "body"} (decoded), and answers the first REFUSE
recipients with a temporary refusal (451), as a busy server does. With CERT and KEY it offers
STARTTLS and refuses mail before it. Prints "ready" when it listens.
"""

import email
import email.policy
import json
import ssl
import sys
import time

from aiosmtpd.controller import Controller


class Handler:
    def __init__(self, out, refuse):
        self.out = out
        self.refuse = refuse

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse > 0:
            self.refuse -= 1
            return "451 4.3.0 Busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        line = json.dumps(
            {
                "from": envelope.mail_from,
                "to": envelope.rcpt_tos,
                "subject": str(message["subject"]),
                "body": message.get_body().get_content(),
            }
        )
        with open(self.out, "a", encoding="utf-8") as f:
            f.write(line + "\n")
        return "250 Message accepted for delivery"


def main():
    port, out = int(sys.argv[1]), sys.argv[2]
    refuse = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    tls = {}
    if len(sys.argv) > 5:
        # CERT KEY: STARTTLS offered and required before any mail.
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(sys.argv[4], sys.argv[5])
        tls = {"tls_context": context, "require_starttls": True}
    controller = Controller(Handler(out, refuse), hostname="127.0.0.1", port=port, **tls)
    controller.start()
    print("ready", flush=True)
    try:
        while True:
            time.sleep(3600)
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
