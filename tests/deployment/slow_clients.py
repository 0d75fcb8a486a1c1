"""Slow clients for the stage: connections that send their request a byte at a time (headers,
or a body after complete headers) and start again when nginx drops them, until told to stop.
Everything is on 127.0.0.1 and bounded in time.

The slow bodies go to a view that reads its body (the newsletter sign-up, a form post without a
CSRF token): reached without nginx's request buffering, each would hold a sync worker until its
last byte."""

import socket
import threading
import time

BYTE_INTERVAL = 0.5
MAX_SECONDS = 90


class SlowClients:
    def __init__(self, port, host, page_path, form_path, count=60):
        self.port = port
        self.host = host
        self.page_path = page_path
        self.form_path = form_path
        self.count = count
        self.stop = threading.Event()
        self.connected = threading.Semaphore(0)
        self.lock = threading.Lock()
        self.open = 0
        self.threads = []

    def _request(self, number):
        if number % 2:
            # Slow headers: nothing can be answered until the last header line arrives.
            head = f"GET {self.page_path}?slow={number} HTTP/1.1\r\nHost: {self.host}\r\nX-Slow: "
            return head.encode() + b"x" * 4000, b""
        # Complete headers, then a slow body: gunicorn would wait for every byte of it.
        head = (
            f"POST {self.form_path} HTTP/1.1\r\nHost: {self.host}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\n"
        )
        return b"", head.encode() + b"email=" + b"x" * 99994

    def _run(self, number):
        deadline = time.monotonic() + MAX_SECONDS
        first = True
        while not self.stop.is_set() and time.monotonic() < deadline:
            trickle, body = self._request(number)
            try:
                sock = socket.create_connection(("127.0.0.1", self.port), timeout=5)
            except OSError:
                time.sleep(BYTE_INTERVAL)
                continue
            with self.lock:
                self.open += 1
            if first:
                self.connected.release()
                first = False
            try:
                data = trickle or body
                if body:
                    end_of_headers = body.index(b"\r\n\r\n") + 4
                    sock.sendall(body[:end_of_headers])
                    data = body[end_of_headers:]
                for index in range(len(data)):
                    if self.stop.wait(BYTE_INTERVAL) or time.monotonic() > deadline:
                        break
                    sock.sendall(data[index : index + 1])
            except OSError:
                pass  # dropped by nginx (client_header_timeout / client_body_timeout): start again
            finally:
                with self.lock:
                    self.open -= 1
                sock.close()

    def __enter__(self):
        for number in range(self.count):
            thread = threading.Thread(target=self._run, args=(number,), daemon=True)
            thread.start()
            self.threads.append(thread)
        for _ in range(self.count):
            if not self.connected.acquire(timeout=30):
                break
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=10)
        return False
