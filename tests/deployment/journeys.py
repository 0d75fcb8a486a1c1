"""What a visitor does on the stage, step by step over HTTP, as a browser would."""

import re

from django.urls import reverse
from django.utils import translation

from tests.deployment.stage import forms

URL = re.compile(r"https?://[^\s<>\"')]+")


def newsletter_path(language="en"):
    with translation.override(language):
        return reverse("donations:newsletter")


def sign_up_for_newsletter(client, address, language="en"):
    path = newsletter_path(language)
    form = client.form_on(path, having="consent")
    response = client.submit(form, {"email": address, "consent": "on"})
    assert response.status == 200, f"newsletter sign-up answered {response.status}"
    assert address in response.text, "the sign-up page does not say where the confirmation went"
    return response


def donate(client, stage, address):
    """A one-off gift on the English donation page, paid on the local test gateway; returns the
    thank-you page's path."""
    form = client.form_on(stage.facts["donation"], having="amount_once")
    presets = [value for value in form.choices["amount_once"] if value != "other"]
    answer = client.submit(
        form,
        {
            "frequency": "once",
            "amount_once": presets[0],
            "other_amount": "",
            "donor_name": "Stage Donor",
            "email": address,
            "consent": "on",
        },
    )
    assert answer.status == 303, f"the donation form answered {answer.status}: {answer.text[:500]}"
    checkout = answer.header("Location")
    page = client.get(checkout)
    assert page.status == 200, f"the test checkout answered {page.status}"
    pay = next(form for form in forms(page.text, base=checkout) if form.action.endswith("/pay/"))
    paid = client.submit(pay)
    assert paid.status == 303, f"paying on the test gateway answered {paid.status}"
    return paid.header("Location")


def links_in(text):
    return URL.findall(text)
