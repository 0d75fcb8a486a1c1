"""Bad input over HTTP, through nginx, gets a clear 4xx, never a 500."""

import hashlib
import hmac
import json
import time
from urllib.parse import urlencode

import pytest


@pytest.mark.parametrize("charset", ["latin-1", "utf-16"])
def test_a_form_posted_in_another_charset_answers_400(stage, charset):
    client = stage.client(source="127.0.0.90")
    form = client.form_on(stage.facts["contact"], having="csrfmiddlewaretoken")
    assert "csrftoken" in client.cookies
    body = urlencode(dict(form.fields)).encode(charset)

    response = client.post(form.action, body, content_type=f"application/x-www-form-urlencoded; charset={charset}")

    assert response.status == 400


def signed(stage, payload):
    timestamp = int(time.time())
    digest = hmac.new(stage.webhook_secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256).hexdigest()
    return {"Stripe-Signature": f"t={timestamp},v1={digest}"}


@pytest.mark.parametrize("payload", ["[]", "[1, 2]", '"event"', "42", "null", "true"])
def test_a_signed_webhook_body_that_is_not_an_object_answers_400(stage, visitor, payload):
    response = visitor.post(
        "/donations/stripe/webhook/", payload.encode(), content_type="application/json", headers=signed(stage, payload)
    )

    assert response.status == 400


def test_a_signed_webhook_event_object_is_accepted(stage, visitor):
    """The control for the test above: the stage's signature is the one the site checks."""
    payload = json.dumps(
        {"id": f"evt_stage_{time.time_ns()}", "object": "event", "type": "stage.ignored", "data": {"object": {}}}
    )

    response = visitor.post(
        "/donations/stripe/webhook/", payload.encode(), content_type="application/json", headers=signed(stage, payload)
    )

    assert response.status == 200


def test_csrf_failure_shows_the_site_page(stage):
    client = stage.client(source="127.0.0.91")
    form = client.form_on(stage.facts["contact"], having="csrfmiddlewaretoken")

    response = client.submit(form, {"csrfmiddlewaretoken": None})

    assert response.status == 403
    assert '<html lang="en"' in response.text
    assert 'class="site-header"' in response.text
    assert "CSRF verification failed" not in response.text
