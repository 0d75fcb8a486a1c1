"""What the shipped nginx configuration (deploy/nginx/mir.conf) does in front of gunicorn."""

import gzip
import re
import socket


def test_plain_http_redirects_to_https(stage, visitor):
    response = visitor.get("/en/about/?x=1", port=stage.redirect_port)

    assert response.status == 301
    assert response.header("Location") == f"https://{stage.site_host.split(':')[0]}/en/about/?x=1"


def _stylesheet(visitor, stage):
    home = visitor.get(stage.facts["home"])
    return re.search(r'<link rel="stylesheet" href="(/static/[^"]+\.css)"', home.text).group(1)


def test_hashed_static_files_are_cached_for_a_year(stage, visitor):
    path = _stylesheet(visitor, stage)
    assert re.search(r"\.[0-9a-f]{12}\.css$", path), path

    response = visitor.get(path)

    assert response.status == 200
    assert response.header("Cache-Control") == "public, max-age=31536000, immutable"
    assert response.header("X-Content-Type-Options") == "nosniff"


def test_unhashed_static_files_are_not_immutable(stage, visitor):
    hashed = _stylesheet(visitor, stage)
    plain = re.sub(r"\.[0-9a-f]{12}\.css$", ".css", hashed)

    response = visitor.get(plain)

    assert response.status == 200
    assert "immutable" not in response.header("Cache-Control", "")
    assert response.header("X-Content-Type-Options") == "nosniff"


def test_static_files_are_sent_compressed(stage, visitor):
    response = visitor.get(_stylesheet(visitor, stage), headers={"Accept-Encoding": "gzip"})

    assert response.header("Content-Encoding") == "gzip"
    assert b"{" in gzip.decompress(response.body)


def test_pages_are_sent_compressed(stage, visitor):
    response = visitor.get(stage.facts["about"], headers={"Accept-Encoding": "gzip"})

    assert response.status == 200
    assert response.header("Content-Encoding") == "gzip"
    assert b"<html" in gzip.decompress(response.body)


def test_media_files_are_served_from_disk_with_nosniff(stage, visitor):
    path = stage.facts["public_image_url"]
    assert path and path.startswith("/media/"), "the seed content has no image"

    response = visitor.get(path)

    assert response.status == 200
    assert response.header("Content-Type", "").startswith("image/")
    assert response.header("X-Content-Type-Options") == "nosniff"
    assert "immutable" not in response.header("Cache-Control", "")


def test_a_client_cannot_claim_https(stage, visitor):
    """nginx sets X-Forwarded-Proto from its own scheme: over plain HTTP the site never sends
    HSTS (which it does for HTTPS requests), whatever the client says."""
    response = visitor.get(stage.facts["about"] + "?stage=scheme", headers={"X-Forwarded-Proto": "https"})

    assert response.status == 200
    assert response.header("Strict-Transport-Security") is None


def test_uploads_above_the_limit_are_refused_by_nginx(stage):
    """client_max_body_size 25m: nginx answers 413 from the headers, before any body reaches gunicorn."""
    with socket.create_connection(("127.0.0.1", stage.port), timeout=10) as sock:
        sock.sendall(
            f"POST {stage.facts['contact']} HTTP/1.1\r\nHost: {stage.site_host}\r\n"
            "Content-Type: application/octet-stream\r\nContent-Length: 27000000\r\n\r\n".encode()
            + b"x" * 1024
        )
        answer = sock.recv(200)

    assert answer.startswith(b"HTTP/1.1 413")


def test_robots_txt_answers_as_the_health_check(stage, visitor):
    response = visitor.get("/robots.txt", headers={"X-Forwarded-Proto": "https"})

    assert response.status == 200
    assert response.header("Content-Type", "").startswith("text/plain")
    assert "Sitemap:" in response.text
