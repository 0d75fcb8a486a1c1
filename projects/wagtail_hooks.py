"""The projects' snippets in the admin (places and funding programmes), with the project's
snippet viewset: its breadcrumbs follow the staff member's language (core.wagtail_adapter)."""

from wagtail.snippets.models import register_snippet

from core.wagtail_adapter import SnippetViewSet
from projects.models import FundingProgramme, Place

register_snippet(Place, viewset=SnippetViewSet)
register_snippet(FundingProgramme, viewset=SnippetViewSet)
