"""A real SMTP server for the newsletter tests and the benchmark: aiosmtpd in this process,
on a free port, keeping every message it accepts (envelope recipients and the raw bytes)."""

import email
import email.policy
import socket
import threading

from aiosmtpd.controller import Controller


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Collector:
    """aiosmtpd handler. ``on_message(count)`` runs before the server answers 250 to the
    message numbered ``count`` (from 1): a test can stop the worker right there, after the
    server has taken the message and before the worker hears that it did."""

    def __init__(self):
        self.lock = threading.Lock()
        self.messages = []
        self.on_message = None

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), envelope.original_content or envelope.content))
            count = len(self.messages)
        if self.on_message is not None:
            self.on_message(count)
        return "250 OK"

    def recipients(self):
        with self.lock:
            return [rcpt for rcpts, _ in self.messages for rcpt in rcpts]

    def parsed(self):
        with self.lock:
            raw = [content for _, content in self.messages]
        return [email.message_from_bytes(content, policy=email.policy.default) for content in raw]


class SmtpServer:
    def __init__(self):
        self.collector = Collector()
        self.port = free_port()
        self.controller = Controller(self.collector, hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()
