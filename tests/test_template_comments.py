"""Django's {# … #} comment is one line only: one that runs onto a second line is not a comment
but text, printed on the page (as it was above each field of the donation form). A longer
comment is {% comment %} … {% endcomment %}."""

import re
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
OPENED_NOT_CLOSED = re.compile(r"\{#(?:(?!#\}).)*$", re.MULTILINE)


def template_files():
    return sorted(TEMPLATES.rglob("*.html")) + sorted(TEMPLATES.rglob("*.txt"))


@pytest.mark.parametrize("path", template_files(), ids=lambda path: str(path.relative_to(TEMPLATES)))
def test_every_short_comment_closes_on_its_own_line(path):
    text = path.read_text(encoding="utf-8")
    lines = [text.count("\n", 0, match.start()) + 1 for match in OPENED_NOT_CLOSED.finditer(text)]
    assert not lines, f"{path.relative_to(TEMPLATES)}: a {{# comment not closed on its line {lines}"
