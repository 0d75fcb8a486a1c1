"""Where each page type may be created: parent and subpage types, and one-per-parent types."""

import pytest
from wagtail.models import Page

from home.models import (
    ConsultingPage,
    ContactPage,
    ContentPage,
    HomePage,
    PressIndexPage,
    PressPage,
)
from projects.models import ProjectIndexPage, ProjectPage
from tests import factories
from tests.home.helpers import PAGE_KEYS

# Where each page type may live. Keys are shared_tree keys of the parent; the expectation is the
# specification of the tree, written out rather than read back from the models.
ALLOWED_PARENTS = {
    HomePage: set(),
    ContentPage: {"home", "content"},
    ProjectIndexPage: {"home"},
    ProjectPage: {"projects"},
    PressIndexPage: {"home"},
    PressPage: {"press"},
    ContactPage: {"home"},
    ConsultingPage: {"home"},
}


@pytest.mark.parametrize("parent_key", PAGE_KEYS)
@pytest.mark.parametrize("model", list(ALLOWED_PARENTS), ids=lambda model: model.__name__)
def test_page_type_may_exist_only_under_its_allowed_parents(shared_tree, model, parent_key):
    parent = shared_tree.bg[parent_key]

    assert model.can_exist_under(parent) is (parent_key in ALLOWED_PARENTS[model])


def test_project_page_cannot_be_created_under_the_home_page(shared_tree):
    assert not ProjectPage.can_create_at(shared_tree.bg["home"])
    assert ProjectPage.can_create_at(shared_tree.bg["projects"])


@pytest.mark.parametrize(
    ("model", "factory"),
    [
        (ProjectIndexPage, factories.ProjectIndexPageFactory),
        (PressIndexPage, factories.PressIndexPageFactory),
        (ContactPage, factories.ContactPageFactory),
        (ConsultingPage, factories.ConsultingPageFactory),
    ],
    ids=lambda value: getattr(value, "__name__", ""),
)
def test_only_one_page_of_a_singleton_type_per_home_page(shared_tree, model, factory):
    home = factories.HomePageFactory(parent=Page.get_first_root_node(), locale=shared_tree.bg_locale)
    assert model.can_create_at(home)

    factory(parent=home)

    assert model.can_exist_under(home)
    assert not model.can_create_at(home)


def test_content_pages_are_not_limited_per_parent(shared_tree):
    home = shared_tree.bg["home"]

    assert ContentPage.objects.child_of(home).count() > 1
    assert ContentPage.can_create_at(home)


def test_a_second_home_page_cannot_be_created_under_the_root(shared_tree):
    assert HomePage.objects.child_of(shared_tree.root).exists()
    assert not HomePage.can_create_at(shared_tree.root)
