"""A site tree built once per test module.

Building ``site_tree`` takes most of a second; most tests only read it. ``shared_tree`` is the
same tree (the ``site_tree`` fixture's own code builds it), created once per module inside a
transaction that is rolled back when the module ends. Each test still runs in its own savepoint
(``db``), so whatever a test writes to the database is undone after it.

Rules for tests using it: do not change the shared page objects themselves (their in-memory
state would outlive the rollback); to edit or add under a page, fetch a fresh copy with
``fresh(page)``. Do not mix it with ``site_tree``/``home_pages`` in one module: both configure
the same default Site."""

import pytest
from django.db import transaction

from tests.conftest import site_tree


@pytest.fixture(scope="module")
def module_site_tree(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        # The site_tree fixture's function itself: the same tree, without copying its code.
        yield site_tree.__wrapped__(db=None)
        transaction.set_rollback(True)


@pytest.fixture
def shared_tree(module_site_tree, db):
    return module_site_tree


def fresh(page):
    """A new instance of ``page`` read from the database, safe to edit or add children to."""
    return type(page).objects.get(pk=page.pk)
