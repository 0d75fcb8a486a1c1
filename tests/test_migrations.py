"""Every model change has its migration, and no start-up lean (core.wagtail_adapter renaming a
third-party model) makes Django want one for a package the project does not own."""

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_is_missing_its_migration(capsys):
    call_command("makemigrations", check=True, dry_run=True, verbosity=1)
    assert "No changes detected" in capsys.readouterr().out
