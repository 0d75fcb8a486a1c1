"""The shipped deploy/ files themselves, without the stage: the nginx site is valid as shipped
(with TLS) and as the stage changes it (only its marked lines), the gunicorn settings read the
environment, mir-manage passes exactly the env file, and the systemd units parse."""

import os
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

pytestmark = pytest.mark.without_stage

sys.path.insert(0, str(ROOT / "scripts" / "topology"))
import nginx_conf  # noqa: E402

needs_nginx = pytest.mark.skipif(not Path(NGINX).exists(), reason="Debian's nginx is not installed")


def nginx_test(tmp_path, site):
    (tmp_path / "mir.conf").write_text(site)
    for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp_path / "temp" / name).mkdir(parents=True, exist_ok=True)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n include /etc/nginx/mime.types;\n access_log {tmp_path}/access.log;\n"
        f" client_body_temp_path {tmp_path}/temp/body;\n proxy_temp_path {tmp_path}/temp/proxy;\n"
        f" fastcgi_temp_path {tmp_path}/temp/fastcgi;\n uwsgi_temp_path {tmp_path}/temp/uwsgi;\n"
        f" scgi_temp_path {tmp_path}/temp/scgi;\n include {tmp_path}/mir.conf;\n}}\n"
    )
    return subprocess.run(
        [NGINX, "-t", "-q", "-e", str(tmp_path / "error.log"), "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
        timeout=30,
    )


@needs_nginx
@pytest.mark.skipif(not shutil.which("openssl"), reason="openssl is not installed")
def test_the_shipped_nginx_site_is_valid_with_tls(tmp_path):
    certificate, key = tmp_path / "fullchain.pem", tmp_path / "privkey.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=mir.example.org",
         "-keyout", str(key), "-out", str(certificate)],
        check=True, capture_output=True, timeout=60,
    )
    site = (DEPLOY / "nginx" / "mir.conf").read_text()
    site = site.replace("/etc/letsencrypt/live/mir.example.org/", f"{tmp_path}/")
    site = site.replace("/var/log/nginx/", f"{tmp_path}/")

    result = nginx_test(tmp_path, site)

    assert result.returncode == 0, result.stderr


def stage_site():
    options = type("Options", (), {
        "site_port": 18001, "redirect_port": 18002, "upstream_port": 18003,
        "static_root": "/tmp/stage/static", "media_root": "/tmp/stage/media",
    })()
    return nginx_conf.site_config((DEPLOY / "nginx" / "mir.conf").read_text(), nginx_conf.replacements(
        options, Path("/tmp/stage/logs")))


def test_the_stage_changes_only_the_marked_lines():
    shipped = [
        line for line in (DEPLOY / "nginx" / "mir.conf").read_text().splitlines() if not nginx_conf.MARKER.match(line)
    ]
    staged = [line for line in stage_site().splitlines() if "# stage: was" not in line]

    assert staged == shipped


def test_an_unknown_stage_marker_is_refused():
    with pytest.raises(ValueError, match="unknown stage marker"):
        nginx_conf.site_config("listen 80;  # [stage: elsewhere]\n", {"elsewhere-not": None})


@needs_nginx
def test_the_stage_nginx_site_is_valid(tmp_path):
    site = stage_site().replace("/tmp/stage/logs/", f"{tmp_path}/").replace(" stage;", ";")

    result = nginx_test(tmp_path, site)

    assert result.returncode == 0, result.stderr


def gunicorn_settings(monkeypatch, **environment):
    for name in [name for name in os.environ if name.startswith("GUNICORN_")]:
        monkeypatch.delenv(name)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))


def test_gunicorn_defaults(monkeypatch):
    settings = gunicorn_settings(monkeypatch)

    assert settings["bind"] == "127.0.0.1:8000"
    assert settings["workers"] == 2 * len(os.sched_getaffinity(0))
    assert settings["worker_class"] == "sync"
    assert settings["timeout"] == 30
    assert settings["max_requests"] > 0 and settings["max_requests_jitter"] > 0


def test_gunicorn_settings_come_from_the_environment(monkeypatch):
    settings = gunicorn_settings(
        monkeypatch, GUNICORN_BIND="127.0.0.1:9001", GUNICORN_WORKERS="3", GUNICORN_TIMEOUT="12",
        GUNICORN_CONTROL_SOCKET="off",
    )

    assert (settings["bind"], settings["workers"], settings["timeout"]) == ("127.0.0.1:9001", 3, 12)
    assert settings["control_socket_disable"] is True


def test_every_gunicorn_setting_is_one_gunicorn_knows(monkeypatch):
    from gunicorn.config import KNOWN_SETTINGS

    known = {setting.name for setting in KNOWN_SETTINGS}
    settings = gunicorn_settings(monkeypatch, GUNICORN_CONTROL_SOCKET="/run/x/gunicorn.ctl")
    ours = {name for name, value in settings.items() if not name.startswith("_") and not callable(value)
            and not isinstance(value, type(os))}

    assert ours - known == set()


def test_mir_manage_passes_exactly_the_env_file(tmp_path):
    env_file = tmp_path / "mir.env"
    env_file.write_text(
        "# comment\nSITE_URL=https://mir.example.org\nDEFAULT_FROM_EMAIL=HESED <no-reply@mir.example.org>\n"
        "QUOTED=\"two words\"\n  INDENTED = 'x'\nEMPTY=\n"
    )
    environment = dict(os.environ, MIR_ENV_FILE=str(env_file), MIR_USER=subprocess.getoutput("id -un"),
                       FROM_THE_SHELL="1")

    result = subprocess.run([str(DEPLOY / "mir-manage"), "--exec", "env"], capture_output=True, text=True,
                            env=environment, timeout=30, check=True)
    variables = dict(line.split("=", 1) for line in result.stdout.splitlines())

    assert variables["SITE_URL"] == "https://mir.example.org"
    assert variables["DEFAULT_FROM_EMAIL"] == "HESED <no-reply@mir.example.org>"
    assert variables["QUOTED"] == "two words"
    assert variables["INDENTED"] == "x"
    assert variables["EMPTY"] == ""
    assert "FROM_THE_SHELL" not in variables
    assert "MIR_ENV_FILE" not in variables


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze is not installed")
def test_the_systemd_units_parse(tmp_path):
    python = shutil.which("python3")
    for unit in (DEPLOY / "systemd").iterdir():
        text = unit.read_text()
        # verify checks that each program exists: point them at one that does.
        text = text.replace("/srv/mir/.venv/bin/gunicorn", python).replace("/srv/mir/.venv/bin/python", python)
        (tmp_path / unit.name).write_text(text)

    result = subprocess.run(["systemd-analyze", "verify", *sorted(str(path) for path in tmp_path.iterdir())],
                            capture_output=True, text=True, timeout=60)

    assert result.returncode == 0, result.stderr
    assert "Unknown" not in result.stderr and "nknown key" not in result.stderr, result.stderr
