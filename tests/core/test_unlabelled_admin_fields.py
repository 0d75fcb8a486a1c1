"""Fields and models that Wagtail and wagtail-localize leave unlabelled, so that Django names them
in English from the code ("Page", "Locale", "Enabled"): core.wagtail_adapter labels them, and
wagtail-localize's component switch can be unticked."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from core import wagtail_adapter


def test_group_and_workflow_page_choosers_are_labelled_in_the_staff_language():
    from wagtail.admin.forms.workflows import WorkflowPageForm
    from wagtail.users.forms import PagePermissionsForm

    with translation.override("bg"):
        assert str(PagePermissionsForm.base_fields["page"].label) == "Страница"
        assert str(WorkflowPageForm.base_fields["page"].label) == "Страница"


@pytest.mark.django_db
def test_the_locale_model_is_named_in_the_staff_language_without_a_migration_for_wagtail(capsys):
    from wagtail.models import Locale

    with translation.override("bg"):
        assert str(Locale._meta.verbose_name) == "език"
    # Wagtail still gives Locale no name of its own (else this lean can go) ...
    assert "verbose_name" not in Locale._meta.original_attrs
    # ... and the autodetector, which reads original_attrs, sees nothing to migrate in wagtailcore.
    call_command("makemigrations", "wagtailcore", check=True, dry_run=True, verbosity=1)
    assert "No changes detected" in capsys.readouterr().out


@pytest.mark.django_db
def test_a_translatable_snippet_choosers_language_filter_is_labelled():
    from wagtail.admin.forms.choosers import LocaleFilterMixin
    from wagtail.models import Locale

    Locale.objects.get_or_create(language_code="en")
    with translation.override("bg"):
        form = type("Filter", (LocaleFilterMixin,), {})()
        assert str(form.fields["locale"].label) == "Език"


def test_the_translations_reports_language_filters_are_labelled():
    from wagtail_localize.views.report import TranslationsReportFilterSet

    with translation.override("bg"):
        filters = TranslationsReportFilterSet.base_filters
        labels = [str(filters[name].label) for name in ("source_locale", "target_locale")]
    assert labels == ["Език на източника", "Език на превода"]


def test_labelling_twice_wraps_nothing_twice():
    from wagtail.admin.forms.choosers import LocaleFilterMixin
    from wagtail_localize.components import BaseComponentManager

    wrapped_filter = LocaleFilterMixin.__init__
    wrapped_components = BaseComponentManager.from_request
    wagtail_adapter.name_unlabelled_admin_fields()
    assert LocaleFilterMixin.__init__ is wrapped_filter
    assert BaseComponentManager.from_request == wrapped_components


@pytest.fixture
def bulgarian_superuser(client, django_user_model, home_pages):
    from wagtail.users.models import UserProfile

    user = django_user_model.objects.create_superuser(username="ana", email="ana@example.org", password="x")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "bg"
    profile.save()
    client.force_login(user)
    return client


def test_the_synchronisation_switch_is_labelled_and_may_be_left_unticked(bulgarian_superuser):
    """Upstream renders the switch as a required checkbox: the browser would refuse to save the
    locale with it unticked."""
    from bs4 import BeautifulSoup
    from wagtail.models import Locale

    english = Locale.objects.get(language_code="en")
    response = bulgarian_superuser.get(reverse("wagtaillocales:edit", args=[english.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    page = BeautifulSoup(html, "html.parser")
    switch = page.find("input", {"name": "component-wagtail_localize_localesynchronization-enabled"})
    assert switch is not None and not switch.has_attr("required")
    label = page.find("label", {"for": switch["id"]})
    assert " ".join(label.get_text().split()) == "Включено"
    source = page.find("label", {"for": "id_component-wagtail_localize_localesynchronization-sync_from"})
    assert " ".join(source.get_text().split()).rstrip("*") == "Синхронизиране от"


def test_saving_a_locale_with_the_switch_unticked_stops_its_synchronisation(bulgarian_superuser):
    from wagtail.models import Locale
    from wagtail_localize.models import LocaleSynchronization

    bulgarian, english = Locale.objects.get(language_code="bg"), Locale.objects.get(language_code="en")
    LocaleSynchronization.objects.bulk_create([LocaleSynchronization(locale=english, sync_from=bulgarian)])
    response = bulgarian_superuser.post(reverse("wagtaillocales:edit", args=[english.pk]), {
        "language_code": "en",
        "component-wagtail_localize_localesynchronization-sync_from": str(bulgarian.pk),
    })
    assert response.status_code == 302 and response["Location"].endswith(reverse("wagtaillocales:index"))
    assert not LocaleSynchronization.objects.filter(locale=english).exists()


def test_a_groups_permissions_name_wagtail_localizes_model_and_permission_in_bulgarian(bulgarian_superuser):
    from django.contrib.auth.models import Group

    group = Group.objects.get(name="Модератори")
    html = bulgarian_superuser.get(reverse("wagtailusers_groups:edit", args=[group.pk])).content.decode()
    assert "<h3>Превод</h3>" in html and "<h3>Език</h3>" in html
    assert "Може да изпраща съдържание за превод" in html and "Can submit translations" not in html
    # Each checkbox is read out in Bulgarian too (templates/wagtailusers/groups/includes/).
    assert 'class="w-sr-only">Добавяне: Дарение</label>' in html
    assert "Can add" not in html and "Can change" not in html and "Can delete" not in html
