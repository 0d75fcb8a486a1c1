"""Behind nginx each visitor is counted under their own address (TRUSTED_PROXY_COUNT=1), and a
forged X-Forwarded-For buys no fresh allowance. The stage sets FORM_RATE_LIMIT=3 (posts per
address per hour on a contact form; the count is taken before the form is checked, so the empty
form posted here is refused as incomplete, 400, until the limit answers 429)."""

LIMIT = 3


def post_contact_form(client, stage, headers=None):
    form = client.form_on(stage.facts["contact"], having="csrfmiddlewaretoken")
    return client.submit(form, headers=headers).status


def test_two_addresses_have_separate_limits(stage):
    first = stage.client(source="127.0.0.2")
    second = stage.client(source="127.0.0.3")

    first_statuses = [post_contact_form(first, stage) for _ in range(LIMIT + 1)]
    second_status = post_contact_form(second, stage)

    assert first_statuses == [400] * LIMIT + [429]
    assert second_status == 400


def test_forged_forwarded_for_does_not_reset_the_limit(stage):
    client = stage.client(source="127.0.0.4")

    statuses = [
        post_contact_form(client, stage, headers={"X-Forwarded-For": f"198.51.100.{number}"})
        for number in range(1, LIMIT + 2)
    ]

    assert statuses == [400] * LIMIT + [429]
