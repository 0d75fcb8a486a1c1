"""The production-topology stage as its tests and figures see it (scripts/topology/run.sh).

run.sh describes the stage in TOPOLOGY_* variables: where nginx listens, the public SITE_URL,
and the stage's own Redis and PostgreSQL (their ports, pid files, data folder), which only the
stage uses, so the tests may kill, freeze, stop and restart them. Nothing here touches the
machine's services.

``Client`` speaks HTTP/1.1 to nginx from a chosen source address on 127.0.0.0/8 (so that two
clients really come from two addresses), keeps cookies, and never follows redirects; the page's
forms are read as a browser would submit them (``forms``)."""

import email
import email.policy
import json
import mailbox
import os
import signal
import socket
import subprocess
import time
from html.parser import HTMLParser
from http.client import HTTPConnection
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

# A request that has not answered in this many seconds is hung (a hang guard, not a speed test).
HANG_GUARD = 10


def available():
    return bool(os.environ.get("TOPOLOGY_STAGE"))


SKIP_REASON = (
    "the production-topology stage is not running: these tests run only inside "
    "`bash scripts/topology/run.sh` (nginx, gunicorn, PostgreSQL, Redis and SMTP of its own)"
)


# --- HTTP --------------------------------------------------------------------------------------


class Response:
    def __init__(self, status, headers, body, elapsed):
        self.status = status
        self.headers = headers
        self.body = body
        self.elapsed = elapsed

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def header(self, name, default=None):
        return self.headers.get(name, default)

    def __repr__(self):
        return f"<Response {self.status} {len(self.body)} bytes in {self.elapsed:.2f} s>"


class Client:
    """One visitor: a source address, a Host header and a cookie jar."""

    def __init__(self, stage, source="127.0.0.1", host=None, timeout=HANG_GUARD):
        self.stage = stage
        self.source = source
        self.host = host or stage.site_host
        self.timeout = timeout
        self.cookies = {}

    def request(self, method, path, body=None, headers=None, port=None):
        connection = HTTPConnection(
            "127.0.0.1", port or self.stage.port, timeout=self.timeout, source_address=(self.source, 0)
        )
        sent = {"Host": self.host, "User-Agent": "mir-topology-test", "Accept-Language": "en"}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        sent.update(headers or {})
        started = time.monotonic()
        try:
            connection.request(method, path, body=body, headers=sent)
            answer = connection.getresponse()
            data = answer.read()
        finally:
            connection.close()
        elapsed = time.monotonic() - started
        for raw in answer.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(raw)
            for name, morsel in cookie.items():
                if morsel["max-age"] == "0" or (morsel["expires"] and "1970" in morsel["expires"]):
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return Response(answer.status, answer.headers, data, elapsed)

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, data=None, *, content_type="application/x-www-form-urlencoded", headers=None, **kwargs):
        body = data if isinstance(data, bytes) else urlencode(data or {}, doseq=True).encode()
        headers = {"Content-Type": content_type, **(headers or {})}
        return self.request("POST", path, body=body, headers=headers, **kwargs)

    def submit(self, form, overrides=None, **kwargs):
        """Post a form as a browser would, with some fields changed (None removes a field)."""
        fields = dict(form.fields)
        for name, value in (overrides or {}).items():
            if value is None:
                fields.pop(name, None)
            else:
                fields[name] = value
        return self.post(form.action, fields, **kwargs)

    def form_on(self, path, *, having):
        """GET ``path`` and return its first form with a field named ``having``."""
        page = self.get(path)
        assert page.status == 200, f"GET {path}: {page.status}"
        for form in forms(page.text, base=path):
            if having in form.names:
                return form
        raise AssertionError(f"no form with a field {having!r} on {path}")


class Form:
    def __init__(self, action, method):
        self.action = action
        self.method = method
        self.fields = []  # (name, value) as a browser would send them by default
        self.names = set()  # every field name, sent or not (an unchecked box, a radio group)
        self.choices = {}  # name -> the values a radio group or select offers


class _FormParser(HTMLParser):
    def __init__(self, base):
        super().__init__(convert_charrefs=True)
        self.base = base
        self.forms = []
        self.form = None
        self.select = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = {name: (value if value is not None else "") for name, value in attrs}
        if tag == "form":
            self.form = Form(urljoin(self.base, attrs.get("action") or self.base), attrs.get("method", "get").lower())
            self.forms.append(self.form)
        if self.form is None:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            self.form.names.add(name)
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio"):
                self.form.choices.setdefault(name, []).append(attrs.get("value", "on"))
                if "checked" in attrs:
                    self.form.fields.append((name, attrs.get("value", "on")))
                return
            self.form.fields.append((name, attrs.get("value", "")))
        elif tag == "select" and name:
            self.form.names.add(name)
            self.select = {"name": name, "first": None, "selected": None}
        elif tag == "option" and self.select is not None:
            value = attrs.get("value", "")
            self.form.choices.setdefault(self.select["name"], []).append(value)
            if self.select["first"] is None:
                self.select["first"] = value
            if "selected" in attrs:
                self.select["selected"] = value
        elif tag == "textarea" and name:
            self.form.names.add(name)
            self.textarea = [name, ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "select" and self.select is not None:
            chosen = self.select["selected"] if self.select["selected"] is not None else self.select["first"]
            if chosen is not None:
                self.form.fields.append((self.select["name"], chosen))
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.form.fields.append(tuple(self.textarea))
            self.textarea = None
        elif tag == "form":
            self.form = None


def forms(html, base="/"):
    parser = _FormParser(base)
    parser.feed(html)
    return parser.forms


def local_path(url, site_url):
    """The path (and query) of an absolute address on the site; AssertionError if it is elsewhere."""
    assert url.startswith(site_url.rstrip("/") + "/"), f"{url} is not on {site_url}"
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


# --- the stage's processes ---------------------------------------------------------------------


def alive(pid):
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie (exited, not yet reaped by its parent) is not alive
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def stopped(pid):
    """True when the process is frozen (SIGSTOP)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "T"
    except (OSError, IndexError):
        return False


def _pid_from(path):
    try:
        return int(Path(path).read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def wait_until(predicate, timeout, interval=0.2, what="condition"):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(interval)


class Stage:
    def __init__(self, environ=os.environ):
        self.dir = Path(environ["TOPOLOGY_STAGE"])
        self.site_url = environ["TOPOLOGY_SITE_URL"].rstrip("/")
        self.site_host = urlsplit(self.site_url).netloc
        self.port = int(environ["TOPOLOGY_SITE_PORT"])
        self.redirect_port = int(environ["TOPOLOGY_REDIRECT_PORT"])
        self.gunicorn_port = int(environ["TOPOLOGY_GUNICORN_PORT"])
        self.gunicorn_pid_file = Path(environ["TOPOLOGY_GUNICORN_PID_FILE"])
        self.worker_pid = int(environ["TOPOLOGY_WORKER_PID"])
        self.redis_port = int(environ["TOPOLOGY_REDIS_PORT"])
        self.redis_conf = environ["TOPOLOGY_REDIS_CONF"]
        self.redis_pid_file = Path(environ["TOPOLOGY_REDIS_PID_FILE"])
        self.pg_port = int(environ["TOPOLOGY_PG_PORT"])
        self.pg_bin = Path(environ["TOPOLOGY_PG_BIN"])
        self.pg_data = environ["TOPOLOGY_PG_DATA"]
        self.pg_log = environ["TOPOLOGY_PG_LOG"]
        self.pg_owner = environ.get("TOPOLOGY_PG_OWNER") or None
        self.mail_dir = environ["TOPOLOGY_MAIL_DIR"]
        self.log_dir = Path(environ["TOPOLOGY_LOG_DIR"])
        self.webhook_secret = environ["TOPOLOGY_STRIPE_WEBHOOK_SECRET"]
        self.facts = json.loads(Path(environ["TOPOLOGY_FACTS"]).read_text())

    def client(self, source="127.0.0.1", host=None, timeout=HANG_GUARD):
        return Client(self, source=source, host=host, timeout=timeout)

    @property
    def gunicorn_pid(self):
        return _pid_from(self.gunicorn_pid_file)

    # --- Redis ---------------------------------------------------------------------------------

    @property
    def redis_pid(self):
        return _pid_from(self.redis_pid_file)

    def redis_command(self, *args, timeout=2):
        """A reply from the stage's Redis, or None when it does not answer in time."""
        try:
            result = subprocess.run(
                ["redis-cli", "-p", str(self.redis_port), *args], capture_output=True, text=True, timeout=timeout
            )
        except subprocess.TimeoutExpired:
            return None
        return result.stdout.strip() if result.returncode == 0 else None

    def redis_answers(self):
        return self.redis_command("ping") == "PONG"

    def redis_keys(self):
        return int(self.redis_command("dbsize"))

    def redis_kill(self):
        pid = self.redis_pid
        os.kill(pid, signal.SIGKILL)
        wait_until(lambda: not alive(pid), 10, what="Redis to die")

    def redis_start(self):
        subprocess.run(["redis-server", self.redis_conf], check=True, capture_output=True, timeout=20)
        wait_until(self.redis_answers, 20, what="Redis to answer")

    def redis_freeze(self):
        os.kill(self.redis_pid, signal.SIGSTOP)
        wait_until(lambda: stopped(self.redis_pid), 5, interval=0.05, what="Redis to stop")

    def redis_thaw(self):
        os.kill(self.redis_pid, signal.SIGCONT)
        wait_until(self.redis_answers, 20, what="Redis to answer")

    def ensure_redis(self):
        """Back to normal after a test, whatever it left: resumed, or started again."""
        pid = self.redis_pid
        if pid and alive(pid) and stopped(pid):
            os.kill(pid, signal.SIGCONT)
        if not (pid and alive(pid)):
            self.redis_start()
        wait_until(self.redis_answers, 20, what="Redis to answer")

    # --- PostgreSQL ----------------------------------------------------------------------------

    def _pg_ctl(self, *args):
        command = [str(self.pg_bin / "pg_ctl"), "-D", self.pg_data, *args]
        if self.pg_owner:
            command = ["runuser", "-u", self.pg_owner, "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=90)

    def pg_running(self):
        result = subprocess.run(
            [str(self.pg_bin / "pg_isready"), "-h", "127.0.0.1", "-p", str(self.pg_port), "-t", "2"],
            capture_output=True,
            timeout=10,
        )
        return result.returncode == 0

    def pg_stop(self):
        self._pg_ctl("-m", "fast", "-w", "-t", "60", "stop")

    def pg_start(self):
        self._pg_ctl("-l", self.pg_log, "-w", "-t", "60", "start")
        wait_until(self.pg_running, 30, what="PostgreSQL to accept connections")

    def ensure_pg(self):
        if not self.pg_running():
            self.pg_start()

    # --- mail ----------------------------------------------------------------------------------

    def messages(self):
        if not Path(self.mail_dir, "cur").is_dir():  # the SMTP server makes it when it starts
            return []
        box = mailbox.Maildir(self.mail_dir, factory=None, create=False)
        found = []
        for key in box.keys():
            try:
                raw = box.get_bytes(key)
            except KeyError:  # being moved from new/ to cur/
                continue
            found.append(email.message_from_bytes(raw, policy=email.policy.default))
        return found

    def wait_for_message(self, to, timeout=60, subject_contains=None):
        """The first message to ``to`` (a unique address per test); fails after ``timeout`` s."""

        def find():
            # Every email the site sends goes through the worker: without it, none will come.
            assert alive(self.worker_pid), f"the background worker has exited (see {self.log_dir / 'worker.log'})"
            for message in self.messages():
                if to in str(message.get("To", "")) and (
                    subject_contains is None or subject_contains in str(message.get("Subject", ""))
                ):
                    return message
            return None

        return wait_until(find, timeout, interval=0.5, what=f"an email to {to}")


def text_of(message):
    """The plain-text body of an email."""
    part = message.get_body(preferencelist=("plain",))
    return part.get_content() if part is not None else ""


def unique_email(label):
    return f"{label}-{time.time_ns()}@mir.test"


def port_accepts(port, host="127.0.0.1"):
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False
