"""Nothing in PRIVATE_MEDIA_ROOT is reachable through nginx by any path, a folder of private
files nested under MEDIA_ROOT by mistake is refused, and Django's checked views give a private
document only to someone who may have it."""

import pytest


def leaked(response, stage):
    return stage.facts["private_marker"].encode() in response.body


def traversals(stage):
    private = f"{stage.facts['private_root_name']}/{stage.facts['document_path']}"
    return [
        f"/media/../{private}",
        f"/{private}",
        f"/media/%2e%2e/{private}",
        f"/media/..%2f{private}",
        f"/media/%2e%2e%2f{private}",
        f"/media/%252e%252e/{private}",
        f"/media../{private}",
        f"/static/../../data/{private}",
        f"/static..%2f..%2fdata%2f{private}",
        f"/media/..%5c{private}",
    ]


def test_private_files_are_not_reachable_by_any_path(stage, visitor):
    answers = {path: visitor.get(path) for path in traversals(stage)}

    assert not [path for path, answer in answers.items() if leaked(answer, stage)]
    assert all(answer.status in (400, 403, 404) for answer in answers.values()), {
        path: answer.status for path, answer in answers.items()
    }


def test_private_folders_nested_under_media_are_refused(stage, visitor):
    answers = {path: visitor.get(path) for path in stage.facts["nested_private_urls"]}

    assert {path: answer.status for path, answer in answers.items()} == {path: 404 for path in answers}
    assert not any(leaked(answer, stage) for answer in answers.values())


@pytest.mark.parametrize("address", ["document_url", "download_url"])
def test_a_stranger_cannot_download_a_private_document(stage, visitor, address):
    response = visitor.get(stage.facts[address])

    assert response.status in (302, 403, 404)
    assert not leaked(response, stage)


def sign_in(stage, who, source):
    client = stage.client(source=source)
    form = client.form_on(stage.facts["sign_in"], having="password")
    answer = client.submit(form, {"login": stage.facts[who]["email"], "password": stage.facts[who]["password"]})
    assert answer.status == 302, f"signing in as the {who} answered {answer.status}"
    return client


def test_a_signed_in_stranger_cannot_download_a_private_document(stage):
    client = sign_in(stage, "stranger", "127.0.0.70")

    response = client.get(stage.facts["download_url"])

    assert response.status in (403, 404)
    assert not leaked(response, stage)


def test_a_partner_downloads_the_private_document(stage):
    client = sign_in(stage, "partner", "127.0.0.71")

    response = client.get(stage.facts["download_url"])

    assert response.status == 200
    assert leaked(response, stage)
    assert "no-store" in response.header("Cache-Control", "")
