"""The stage's nginx configuration, made from the shipped deploy/nginx/mir.conf.

    python scripts/topology/nginx_conf.py --stage DIR --site-port N --redirect-port N \
        --upstream-port N --static-root DIR --media-root DIR

writes DIR/nginx/mir.conf (the shipped file with only its "[stage: ...]" lines changed) and
DIR/nginx/nginx.conf (Debian's main configuration reduced to what the stage needs, with its own
pid file, logs and temporary folders, including mir.conf as sites-enabled/ would).

Every marker must be known and every known marker used, so the shipped file and the stage
cannot drift apart silently."""

import argparse
import os
import pwd
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "deploy" / "nginx" / "mir.conf"
MARKER = re.compile(r"^(?P<indent>\s*)(?P<directive>.*?)\s*#\s*\[stage:\s*(?P<name>[a-z-]+)\]\s*$")


def replacements(options, logs):
    return {
        "listen-site": f"listen 127.0.0.1:{options.site_port};",
        "listen-redirect": f"listen 127.0.0.1:{options.redirect_port};",
        "upstream": f"server 127.0.0.1:{options.upstream_port};",
        "static-root": f"alias {Path(options.static_root).resolve()}/;",
        "media-root": f"alias {Path(options.media_root).resolve()}/;",
        "access-log": f"access_log {logs / 'nginx-access.log'} stage;",
        "error-log": f"error_log {logs / 'nginx-error.log'} warn;",
        "drop": None,
    }


def site_config(text, table):
    """The shipped text with each marked line replaced (or dropped); raises ValueError on an
    unknown marker or an unused replacement."""
    used = set()
    lines = []
    for line in text.splitlines():
        match = MARKER.match(line)
        if not match:
            lines.append(line)
            continue
        name = match.group("name")
        if name not in table:
            raise ValueError(f"unknown stage marker [{name}] in {SHIPPED}: {line.strip()}")
        used.add(name)
        if table[name] is not None:
            lines.append(f"{match.group('indent')}{table[name]}  # stage: was {match.group('directive')}")
    unused = set(table) - used
    if unused:
        raise ValueError(f"markers missing from {SHIPPED}: {', '.join(sorted(unused))}")
    return "\n".join(lines) + "\n"


def main_config(stage, logs):
    nginx = stage / "nginx"
    temp = nginx / "temp"
    user = ""
    if os.geteuid() == 0:
        # Workers run as Debian's www-data, as on a server: they can read static and media
        # files, and nothing that is private to the application's user.
        try:
            pwd.getpwnam("www-data")
            user = "user www-data;\n"
        except KeyError:
            user = "user nobody;\n"
    temp_paths = "\n".join(
        f"    {name}_temp_path {temp / name};" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""# Made by scripts/topology/nginx_conf.py for one run of the stage; Debian's nginx.conf reduced.
{user}worker_processes 2;
daemon off;
pid {nginx / 'nginx.pid'};
error_log {logs / 'nginx-main-error.log'} warn;

events {{
    worker_connections 1024;
}}

http {{
    sendfile on;
    tcp_nopush on;
    types_hash_max_size 2048;
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    # $request_time lets the stage tell how long nginx held each request.
    log_format stage '$remote_addr "$request" $status $body_bytes_sent $request_time '
                     '"$http_x_forwarded_for" $upstream_status';
    access_log {logs / 'nginx-access.log'} stage;
{temp_paths}
    include {nginx / 'mir.conf'};
}}
"""


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stage", required=True)
    parser.add_argument("--site-port", type=int, required=True)
    parser.add_argument("--redirect-port", type=int, required=True)
    parser.add_argument("--upstream-port", type=int, required=True)
    parser.add_argument("--static-root", required=True)
    parser.add_argument("--media-root", required=True)
    options = parser.parse_args(argv)
    stage = Path(options.stage).resolve()
    logs = stage / "logs"
    nginx = stage / "nginx"
    for folder in (logs, nginx / "temp"):
        folder.mkdir(parents=True, exist_ok=True)
    try:
        site = site_config(SHIPPED.read_text(), replacements(options, logs))
    except ValueError as error:
        sys.exit(str(error))
    (nginx / "mir.conf").write_text(site)
    (nginx / "nginx.conf").write_text(main_config(stage, logs))
    print(nginx / "nginx.conf")
    return 0


if __name__ == "__main__":
    sys.exit(main())
