"""A project's status follows from its dates; the hand-set status counts only without dates.
The SQL expression the index filters with agrees with the Python rule."""

import datetime

import pytest

from projects.models import ProjectPage
from projects.status import COMPLETED, ONGOING, PLANNED, derive_status, status_expression
from tests import factories
from tests.home.fixtures import fresh

DAY = datetime.date(2025, 6, 15)
BEFORE = DAY - datetime.timedelta(days=1)
AFTER = DAY + datetime.timedelta(days=1)

# (start, end, hand-set status, expected): the rule, case by case.
CASES = [
    pytest.param(AFTER, None, "", PLANNED, id="starts tomorrow"),
    pytest.param(AFTER, AFTER + datetime.timedelta(days=30), "", PLANNED, id="starts and ends later"),
    pytest.param(AFTER, None, COMPLETED, PLANNED, id="dates win over the hand-set status"),
    pytest.param(DAY, None, "", ONGOING, id="starts today"),
    pytest.param(BEFORE, AFTER, "", ONGOING, id="running"),
    pytest.param(BEFORE, DAY, "", ONGOING, id="ends today"),
    pytest.param(BEFORE, None, "", ONGOING, id="started, no end date"),
    pytest.param(BEFORE, None, PLANNED, ONGOING, id="started, hand-set status ignored"),
    pytest.param(BEFORE - datetime.timedelta(days=30), BEFORE, "", COMPLETED, id="ended yesterday"),
    pytest.param(BEFORE, BEFORE, ONGOING, COMPLETED, id="ended, hand-set status ignored"),
    pytest.param(None, None, "", ONGOING, id="undated without a hand-set status"),
    pytest.param(None, None, PLANNED, PLANNED, id="undated, hand-set planned"),
    pytest.param(None, None, COMPLETED, COMPLETED, id="undated, hand-set completed"),
    pytest.param(None, None, ONGOING, ONGOING, id="undated, hand-set ongoing"),
    pytest.param(None, BEFORE, PLANNED, COMPLETED, id="only an end date, in the past"),
    pytest.param(None, AFTER, PLANNED, PLANNED, id="only an end date, in the future"),
]


@pytest.mark.parametrize(("start", "end", "fallback", "expected"), CASES)
def test_derive_status(start, end, fallback, expected):
    assert derive_status(start, end, fallback, on=DAY) == expected


def test_derive_status_uses_today_by_default():
    from projects.status import today

    assert derive_status(today(), None) == ONGOING
    assert derive_status(today() + datetime.timedelta(days=1), None) == PLANNED
    assert derive_status(None, today() - datetime.timedelta(days=1), "") == COMPLETED


def test_status_expression_agrees_with_derive_status(shared_tree):
    index = factories.ProjectIndexPageFactory(parent=fresh(shared_tree.bg["home"]))
    projects = {
        case.id: factories.ProjectPageFactory(
            parent=index, start_date=case.values[0], end_date=case.values[1], status_when_undated=case.values[2]
        )
        for case in CASES
    }

    computed = dict(
        ProjectPage.objects.child_of(index).annotate(computed=status_expression(on=DAY)).values_list("pk", "computed")
    )

    assert {key: computed[project.pk] for key, project in projects.items()} == {
        key: derive_status(project.start_date, project.end_date, project.status_when_undated, on=DAY)
        for key, project in projects.items()
    }
    # The SQL does not just agree with the Python rule; both give the specified answers.
    assert {key: computed[project.pk] for key, project in projects.items()} == {
        case.id: case.values[3] for case in CASES
    }
