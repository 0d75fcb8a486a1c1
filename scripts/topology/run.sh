#!/usr/bin/env bash
# The production-topology stage: the site as deployed with deploy/, on 127.0.0.1 only.
#
#     bash scripts/topology/run.sh [pytest arguments, e.g. -k redis]
#
# In a temporary folder, on free ports of its own (never 5432, 6379 or 8000), it starts
#   PostgreSQL (its own cluster) and Redis (with deploy/redis/mir.conf), which the tests may stop,
#   freeze and restart; an SMTP server (aiosmtpd) that keeps every message in a maildir;
#   gunicorn with deploy/gunicorn.conf.py (2 sync workers, DEBUG off) and the background worker
#   (manage.py task_worker), both through deploy/mir-manage with a production-like env file;
#   nginx (Debian's) with deploy/nginx/mir.conf, only its "[stage: ...]" lines changed;
# after migrate, compilemessages, collectstatic and load_seed_content. Then it runs the
# deployment tests (tests/deployment) over HTTP against nginx, prints the figures
# (scripts/topology/figures.py) and checks that no request answered 500 or crashed. It stops
# everything it started on any exit, Ctrl-C included; TOPOLOGY_KEEP=1 keeps the folder (logs).
# TOPOLOGY_WORKER_COMMAND runs another manage.py command as the worker (default task_worker, as
# deploy/systemd/mir-worker.service does).
# Exit status: pytest's, or 1 when pytest passed but a server log shows a 500.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
PY=$ROOT/.venv/bin/python
NGINX=${NGINX:-/usr/sbin/nginx}
WORKER_COMMAND=${TOPOLOGY_WORKER_COMMAND:-task_worker}
started_at=$SECONDS

say() { printf '[topology %3ss] %s\n' "$((SECONDS - started_at))" "$*"; }

# --- what the stage needs on the machine -----------------------------------------------------
apt_install() {
  if [ "$(id -u)" != 0 ]; then return 1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >/dev/null 2>&1 ||
    { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >/dev/null 2>&1; }
}
if [ ! -x "$NGINX" ]; then
  say "installing Debian's nginx"
  apt_install nginx || { echo "nginx is missing and could not be installed (apt-get install nginx)" >&2; exit 2; }
fi
if ! command -v wrk >/dev/null 2>&1; then
  apt_install wrk && say "installed wrk" || say "wrk not installed: the figures use a Python load loop"
fi
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
if [ ! -x "$PG_BIN/initdb" ]; then
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
fi
for tool in "$PG_BIN/initdb" "$PG_BIN/pg_ctl" "$(command -v redis-server || true)"; do
  if [ ! -x "$tool" ]; then echo "missing: PostgreSQL binaries ($PG_BIN) or redis-server" >&2; exit 2; fi
done
make --no-print-directory install >/dev/null

# --- the stage's folder and its cleanup ------------------------------------------------------
STAGE=$(mktemp -d "${TMPDIR:-/tmp}/mir-topology.XXXXXX")
chmod 755 "$STAGE"
mkdir -p "$STAGE/logs" "$STAGE/data/media" "$STAGE/data/private-media" "$STAGE/redis"
PG_DIR=$STAGE/postgres
PG_DATA=$PG_DIR/data
GUNICORN_PID_FILE=$STAGE/gunicorn.pid
NGINX_PID_FILE=$STAGE/nginx/nginx.pid
REDIS_PID_FILE=$STAGE/redis/redis.pid
started_pids=()

pg_as_owner() {
  if [ -n "${PG_OWNER:-}" ]; then runuser -u "$PG_OWNER" -- "$@"; else "$@"; fi
}

stop_pid() { # stop_pid PID NAME: TERM, then KILL after 10 s; only this process, by its id
  local pid=$1 name=$2
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -CONT "$pid" 2>/dev/null || true
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  say "$name ($pid) did not stop on TERM: KILL"
  kill -KILL "$pid" 2>/dev/null || true
}

pid_from() { [ -s "$1" ] && head -n 1 "$1" | tr -dc '0-9' || true; }

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  set +e
  if [ "$status" -ne 0 ] && [ -d "$STAGE/logs" ]; then
    for log in gunicorn-error.log gunicorn-stdout.log nginx-error.log worker.log; do
      [ -s "$STAGE/logs/$log" ] && { echo "--- last lines of $log"; tail -n 25 "$STAGE/logs/$log"; }
    done
  fi
  stop_pid "$(pid_from "$NGINX_PID_FILE")" nginx
  stop_pid "$(pid_from "$GUNICORN_PID_FILE")" gunicorn
  for pid in "${started_pids[@]}"; do stop_pid "$pid" "process"; done
  # Redis and PostgreSQL may have been restarted by the tests: their pid files say which.
  stop_pid "$(pid_from "$REDIS_PID_FILE")" redis
  if [ -s "$PG_DATA/postmaster.pid" ]; then
    pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w -t 20 stop >/dev/null 2>&1 ||
      stop_pid "$(pid_from "$PG_DATA/postmaster.pid")" postgres
  fi
  wait 2>/dev/null
  if [ "${TOPOLOGY_KEEP:-0}" = 1 ]; then
    say "kept $STAGE"
  else
    rm -rf "$STAGE"
  fi
  say "stopped everything (exit $status)"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Six free ports at once (so no two are the same); the machine's services are never chosen.
read -r SITE_PORT REDIRECT_PORT GUNICORN_PORT PG_PORT REDIS_PORT SMTP_PORT < <("$PY" - <<'EOF'
import socket
sockets, ports = [], []
while len(ports) < 6:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sockets.append(sock)
    if sock.getsockname()[1] not in (5432, 6379, 8000, 80, 443):
        ports.append(sock.getsockname()[1])
print(*ports)
EOF
)
say "stage in $STAGE; nginx :$SITE_PORT (redirect :$REDIRECT_PORT), gunicorn :$GUNICORN_PORT, PostgreSQL :$PG_PORT, Redis :$REDIS_PORT, SMTP :$SMTP_PORT"

wait_for() { # wait_for SECONDS DESCRIPTION COMMAND...
  local limit=$1 what=$2
  shift 2
  for _ in $(seq 1 $((limit * 5))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.2; done
  echo "timed out waiting for $what" >&2
  return 1
}
port_open() { "$PY" -c "import socket,sys; socket.create_connection(('127.0.0.1', int(sys.argv[1])), 1)" "$1"; }

# --- PostgreSQL: a cluster of the stage's own -------------------------------------------------
mkdir -p "$PG_DIR"
if [ "$(id -u)" = 0 ]; then
  # PostgreSQL refuses to run as root: its files belong to the postgres user (nobody without one).
  PG_OWNER=$(getent passwd postgres >/dev/null && echo postgres || echo nobody)
  chown "$PG_OWNER" "$PG_DIR"
fi
pg_as_owner "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$STAGE/logs/initdb.log" 2>&1 ||
  pg_as_owner "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 --locale=C >"$STAGE/logs/initdb.log" 2>&1
cat >>"$PG_DATA/postgresql.conf" <<EOF
# --- the topology stage (scripts/topology/run.sh)
port = $PG_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PG_DIR'
max_connections = 40
# A throwaway cluster: durability is not what is tested.
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DIR/postgres.log" -w -t 60 start >/dev/null
"$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres mir

# --- Redis, with the shipped snippet ----------------------------------------------------------
cat >"$STAGE/redis/redis.conf" <<EOF
include $ROOT/deploy/redis/mir.conf
port $REDIS_PORT
daemonize yes
pidfile $REDIS_PID_FILE
logfile $STAGE/logs/redis.log
dir $STAGE/redis
EOF
redis-server "$STAGE/redis/redis.conf"
wait_for 20 "Redis" redis-cli -p "$REDIS_PORT" ping

# --- SMTP: every message the site sends, kept in a maildir -----------------------------------
# aiosmtpd makes the maildir (new/, cur/, tmp/) itself when the folder does not exist yet.
"$PY" -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" -c aiosmtpd.handlers.Mailbox "$STAGE/mail" >"$STAGE/logs/smtp.log" 2>&1 &
started_pids+=($!)
wait_for 20 "the SMTP server" port_open "$SMTP_PORT"

# --- the site's environment: what /etc/mir.env holds on a server ------------------------------
SITE_HOST=mir.test
SITE_URL="http://$SITE_HOST:$SITE_PORT"
STRIPE_WEBHOOK_SECRET="whsec_stage_$("$PY" -c 'import secrets; print(secrets.token_hex(16))')"
cat >"$STAGE/mir.env" <<EOF
# Made by scripts/topology/run.sh: production settings, except plain HTTP on 127.0.0.1.
DEBUG=0
SECRET_KEY=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')
SITE_URL=$SITE_URL
ALLOWED_HOSTS=$SITE_HOST,127.0.0.1
CSRF_TRUSTED_ORIGINS=$SITE_URL
TRUSTED_PROXY_COUNT=1
SECURE_SSL_REDIRECT=0
SECURE_COOKIES=0
DATABASE_URL=postgres://postgres@127.0.0.1:$PG_PORT/mir
REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0
EMAIL_URL=smtp://127.0.0.1:$SMTP_PORT?timeout=5
DEFAULT_FROM_EMAIL=HESED <no-reply@$SITE_HOST>
STAFF_EMAIL=office@$SITE_HOST
MEDIA_ROOT=$STAGE/data/media
PRIVATE_MEDIA_ROOT=$STAGE/data/private-media
TASKS_BACKEND=django_tasks_db.DatabaseBackend
STRIPE_TEST_GATEWAY=1
STRIPE_WEBHOOK_SECRET=$STRIPE_WEBHOOK_SECRET
# Low, so that the address tests reach it in a few posts.
FORM_RATE_LIMIT=3
LOG_LEVEL=WARNING
GUNICORN_BIND=127.0.0.1:$GUNICORN_PORT
GUNICORN_WORKERS=2
GUNICORN_ACCESS_LOG=$STAGE/logs/gunicorn-access.log
GUNICORN_ERROR_LOG=$STAGE/logs/gunicorn-error.log
GUNICORN_PID_FILE=$GUNICORN_PID_FILE
GUNICORN_CONTROL_SOCKET=$STAGE/gunicorn.ctl
EOF
MIR_USER=$(id -un)
export MIR_ENV_FILE=$STAGE/mir.env MIR_APP_DIR=$ROOT MIR_USER
manage() { "$ROOT/deploy/mir-manage" "$@"; }

say "migrate, compilemessages, collectstatic, load_seed_content"
manage migrate --noinput -v0
manage compilemessages --ignore=.venv -v0
manage collectstatic --noinput -v0
manage load_seed_content -v0 >"$STAGE/logs/seed.log"
if manage help sync_site_url >/dev/null 2>&1; then manage sync_site_url >>"$STAGE/logs/seed.log"; fi
manage --exec "$PY" scripts/topology/prepare.py "$STAGE/facts.json" >/dev/null
# nginx's workers (www-data) read a copy of collectstatic's output, wherever the code lives.
mkdir -p "$STAGE/app"
cp -a "$ROOT/staticfiles" "$STAGE/app/staticfiles"
chmod -R a+rX "$STAGE/app" "$STAGE/data/media"

# --- gunicorn, the worker, nginx ---------------------------------------------------------------
manage --exec "$ROOT/.venv/bin/gunicorn" --config deploy/gunicorn.conf.py config.wsgi >"$STAGE/logs/gunicorn-stdout.log" 2>&1 &
started_pids+=($!)
manage "$WORKER_COMMAND" >"$STAGE/logs/worker.log" 2>&1 &
WORKER_PID=$!
started_pids+=("$WORKER_PID")
"$PY" scripts/topology/nginx_conf.py --stage "$STAGE" --site-port "$SITE_PORT" --redirect-port "$REDIRECT_PORT" \
  --upstream-port "$GUNICORN_PORT" --static-root "$STAGE/app/staticfiles" --media-root "$STAGE/data/media" >/dev/null
"$NGINX" -t -q -p "$STAGE/nginx" -c "$STAGE/nginx/nginx.conf"
"$NGINX" -p "$STAGE/nginx" -c "$STAGE/nginx/nginx.conf" &
started_pids+=($!)
wait_for 60 "gunicorn" port_open "$GUNICORN_PORT"
wait_for 20 "nginx" port_open "$SITE_PORT"
site_answers() {
  "$PY" -c "import http.client,sys; c=http.client.HTTPConnection('127.0.0.1', int(sys.argv[1]), timeout=5); \
c.request('GET', '/robots.txt', headers={'Host': sys.argv[2]}); sys.exit(c.getresponse().status != 200)" "$SITE_PORT" "$SITE_HOST:$SITE_PORT"
}
wait_for 60 "the site through nginx" site_answers
say "stage up"

# --- tests, figures, logs ----------------------------------------------------------------------
export TOPOLOGY_STAGE=$STAGE TOPOLOGY_SITE_URL=$SITE_URL TOPOLOGY_SITE_PORT=$SITE_PORT \
  TOPOLOGY_REDIRECT_PORT=$REDIRECT_PORT TOPOLOGY_GUNICORN_PORT=$GUNICORN_PORT \
  TOPOLOGY_GUNICORN_PID_FILE=$GUNICORN_PID_FILE TOPOLOGY_WORKER_PID=$WORKER_PID \
  TOPOLOGY_REDIS_PORT=$REDIS_PORT TOPOLOGY_REDIS_CONF=$STAGE/redis/redis.conf TOPOLOGY_REDIS_PID_FILE=$REDIS_PID_FILE \
  TOPOLOGY_PG_PORT=$PG_PORT TOPOLOGY_PG_BIN=$PG_BIN TOPOLOGY_PG_DATA=$PG_DATA TOPOLOGY_PG_LOG=$PG_DIR/postgres.log \
  TOPOLOGY_PG_OWNER=${PG_OWNER:-} TOPOLOGY_MAIL_DIR=$STAGE/mail TOPOLOGY_LOG_DIR=$STAGE/logs \
  TOPOLOGY_FACTS=$STAGE/facts.json TOPOLOGY_STRIPE_WEBHOOK_SECRET=$STRIPE_WEBHOOK_SECRET
say "deployment tests"
set +e
"$PY" -m pytest tests/deployment -p no:cacheprovider -q "$@"
tests_status=$?
set -e
say "figures"
timeout 300 "$PY" scripts/topology/figures.py || say "figures failed (not a test failure)"
say "server logs"
"$PY" -m tests.deployment.server_log || { [ "$tests_status" -ne 0 ] || tests_status=1; }
say "done in $((SECONDS - started_at)) s"
exit "$tests_status"
