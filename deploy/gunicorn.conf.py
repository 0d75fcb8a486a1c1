"""gunicorn settings for MIR: `gunicorn --config deploy/gunicorn.conf.py config.wsgi`.

Every value can be changed from the environment (GUNICORN_*; in /etc/mir.env or the systemd
unit) without editing this file. gunicorn stands behind nginx (deploy/nginx/mir.conf), which
buffers whole requests and answers: the sync workers only ever see complete requests, so a slow
client never holds one of them."""

import os


def _env(name, default):
    value = os.environ.get(name, "").strip()
    return value if value else default


def _cores():
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


# Only nginx talks to gunicorn.
bind = _env("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers, about two per core: a request is mostly database and template work.
workers = int(_env("GUNICORN_WORKERS", str(2 * _cores())))
worker_class = "sync"
# A request still running after this many seconds is killed (the worker restarts); nginx waits
# a little longer (proxy_read_timeout 35s) so that it reports the worker's 500, not its own 504.
timeout = int(_env("GUNICORN_TIMEOUT", "30"))
# On a restart or reload, requests in progress may finish within this time.
graceful_timeout = int(_env("GUNICORN_GRACEFUL_TIMEOUT", "20"))
# Each worker is replaced after about this many requests (the jitter spreads the restarts so the
# workers are not all replaced at once): any slow memory growth is bounded.
max_requests = int(_env("GUNICORN_MAX_REQUESTS", "1000"))
max_requests_jitter = int(_env("GUNICORN_MAX_REQUESTS_JITTER", "100"))
# The workers' heartbeat files in memory, not on a disk that may be slow or read-only.
worker_tmp_dir = _env("GUNICORN_WORKER_TMP_DIR", "/dev/shm" if os.path.isdir("/dev/shm") else None)

# Logs to standard output and error (journald under systemd) unless files are named.
accesslog = _env("GUNICORN_ACCESS_LOG", "-")
errorlog = _env("GUNICORN_ERROR_LOG", "-")
loglevel = _env("GUNICORN_LOG_LEVEL", "info")
# The client is the last X-Forwarded-For entry (nginx's); %(h)s is nginx itself. %(M)s: milliseconds.
access_log_format = _env(
    "GUNICORN_ACCESS_LOG_FORMAT",
    '%({x-forwarded-for}i)s "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s"',
)

# gunicorn's control socket (gunicornc) defaults to the user's home, which the systemd unit
# makes read-only: the unit names its runtime folder instead. "off" disables it.
_control_socket = _env("GUNICORN_CONTROL_SOCKET", "")
if _control_socket == "off":
    control_socket_disable = True
elif _control_socket:
    control_socket = _control_socket

pidfile = _env("GUNICORN_PID_FILE", None)
