"""The registry of personal data (core/personal_data.py) covers every model that holds an email
address, an IP address or a name, and every declaration matches the models it names."""

import re

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models

from core.personal_data import ANONYMISE, BY_HAND, DELETE, KEEP, registry

PROJECT_APPS = {"core", "home", "projects", "donations", "partners", "newsletters"}
LOOKS_PERSONAL = re.compile(r"(^|_)(e?mail|name|ip|ip_address|phone|address)($|_)")


def personal_looking_fields(model):
    """The fields that make a model look like it holds personal data."""
    found = []
    for field in model._meta.get_fields():
        if not getattr(field, "concrete", False):
            continue
        if isinstance(field, models.EmailField | models.GenericIPAddressField) or LOOKS_PERSONAL.search(field.name):
            found.append(field.name)
        elif (
            # A link to a person's account, in the project's own tables (a page's owner is
            # Wagtail's: it lives in Wagtail's table).
            model._meta.app_label in PROJECT_APPS
            and field.model is model
            and field.is_relation
            and field.related_model is not None
            and field.related_model._meta.label == settings.AUTH_USER_MODEL
        ):
            found.append(field.name)
    return found


def test_every_model_that_looks_personal_is_declared():
    covered = registry.covered_models()
    undeclared = {
        model._meta.label: fields
        for model in apps.get_models()
        if (fields := personal_looking_fields(model)) and model._meta.label not in covered
    }

    assert not undeclared, (
        "These models hold an email address, an IP address, a name or a user and are not in the personal-data "
        f"registry: {undeclared}. Declare them in their app's personal_data.py (a Category, or "
        "registry.not_personal with a reason)."
    )


def test_the_walk_would_notice_a_new_model_with_an_email_field():
    class Newcomer(models.Model):
        contact = models.EmailField()

        class Meta:
            app_label = "partners"

        def __str__(self):
            return self.contact

    try:
        assert personal_looking_fields(Newcomer) == ["contact"]
        assert Newcomer._meta.label not in registry.covered_models()
    finally:
        apps.all_models["partners"].pop("newcomer", None)
        apps.clear_cache()


@pytest.mark.parametrize("category", [c for c in registry.categories() if c.model], ids=lambda c: c.key)
def test_declared_fields_exist(category):
    model = category.get_model()
    names = {field.name for field in model._meta.get_fields()}

    assert set(category.fields) <= names, set(category.fields) - names
    assert set(category.kept_fields) <= names, set(category.kept_fields) - names


@pytest.mark.parametrize("category", registry.categories(), ids=lambda c: c.key)
def test_each_category_says_what_why_on_what_basis_and_how_long(category):
    assert category.what and category.purpose and category.legal_basis and category.group
    assert category.held or category.fields
    assert category.how_long()
    assert category.erasure in (DELETE, ANONYMISE, KEEP, BY_HAND)
    if category.erasure in (ANONYMISE, KEEP):
        assert category.kept, "an erasure that keeps something must say what and why"


@pytest.mark.parametrize("category", [c for c in registry.categories() if c.retention_setting], ids=lambda c: c.key)
def test_each_period_is_a_setting_with_a_documented_default(category):
    assert category.retention_default is not None
    assert category.period() == getattr(settings, category.retention_setting, category.retention_default)
    assert re.fullmatch(r"RETENTION_[A-Z_]+_(DAYS|YEARS)", category.retention_setting)
    assert category.retention_setting.endswith("_YEARS" if category.retention_unit == "years" else "_DAYS")


def test_the_environment_example_lists_every_period_with_its_default():
    example = (settings.BASE_DIR / ".env.example").read_text()
    for category in registry.categories():
        if category.retention_setting:
            assert f"{category.retention_setting}={category.retention_default}" in example, category.key


def test_also_covered_models_go_with_their_main_rows():
    for category in registry.categories():
        for label in category.also_covers:
            model = apps.get_model(label)
            cascades = [
                field for field in model._meta.get_fields()
                if field.many_to_one or field.one_to_one
                if field.concrete and _reaches(field, category.get_model())
            ]
            assert cascades, f"{label} is declared as going with {category.model} but has no CASCADE to it"


def _reaches(field, target, depth=0):
    """Whether deleting a ``target`` row deletes the field's row (CASCADE, possibly through a
    row that itself cascades, like an email confirmation through its address)."""
    if field.remote_field.on_delete is not models.CASCADE or depth > 2:
        return False
    related = field.related_model
    if related is target or issubclass(target, related):
        return True
    return any(
        _reaches(other, target, depth + 1)
        for other in related._meta.get_fields()
        if (other.many_to_one or other.one_to_one) and other.concrete
    )


def test_keys_are_unique_and_stable_in_form():
    keys = [category.key for category in registry.categories()]

    assert len(keys) == len(set(keys))
    assert all(re.fullmatch(r"[a-z]+\.[a-z_]+", key) for key in keys)
