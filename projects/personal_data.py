"""The project pages' personal data, declared in the registry (core/personal_data.py): the
contact people an editor names on a project's page."""

from django.utils.translation import gettext_lazy as _

from core.personal_data import BY_HAND, FOUNDATION_STAFF, Category, registry


@registry.register
class ProjectContacts(Category):
    key = "projects.contacts"
    group = _("Project pages")
    order = 60
    model = "projects.ProjectPage"
    what = _("Contact people named on project pages")
    fields = ("contact_name", "contact_phone", "contact_address")
    purpose = _("To tell visitors whom to contact about a project.")
    legal_basis = _("Legitimate interest in informing the public about the foundation's projects (GDPR art. 6(1)(f)).")
    recipients = (_("Everyone: the project pages are public"), FOUNDATION_STAFF)
    retention_text = _("As long as the page names them; an editor changes it in the page editor.")
    erasure = BY_HAND


registry.not_personal("projects.Place", "Names of towns and regions.")
registry.not_personal("projects.FundingProgramme", "Names of funding programmes.")
