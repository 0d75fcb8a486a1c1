"""The "Partners" admin menu (organisations, members, invitations, the download log, sign-in
records, material download counts) and the guard on Wagtail's own document URL."""

from django.db.models import Count, Q
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from core.admin_views import InspectView
from core.languages import language_name
from partners import access, reports
from partners.admin_actions import ResendInvitation, ResetTwoFactor
from partners.admin_reports import Acknowledgements, RequirementForm, ReviewReport
from partners.forms import InvitationAdminForm
from partners.invitations import send_invitation
from partners.models import (
    AccountEvent,
    DownloadLog,
    Invitation,
    PartnerDocument,
    PartnerMembership,
    PartnerOrganisation,
    ReportingRequirement,
)
from partners.views import serve_restricted_document


@hooks.register("before_serve_document", order=-100)
def guard_restricted_documents(document, request):
    """Runs before Wagtail's own collection-privacy check, which would send strangers to a
    login page (and so confirm the document exists)."""
    if access.is_restricted(document):
        return serve_restricted_document(request, document)
    return None


class RecordsPermissionPolicy(ModelPermissionPolicy):
    """Records are written by the site, never by hand: staff with the view permission may read
    and export them, nobody may add, edit or delete them in the admin."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)


class NoEditPermissionPolicy(ModelPermissionPolicy):
    """An invitation's link is bound to its email: changing the address after sending would hand
    the link to someone else, so invitations are sent or withdrawn (deleted), never edited."""

    def user_has_permission(self, user, action):
        if action == "change":
            return False
        return super().user_has_permission(user, action)


register_permission_policy(Invitation, NoEditPermissionPolicy(Invitation))
register_permission_policy(DownloadLog, RecordsPermissionPolicy(DownloadLog))
register_permission_policy(AccountEvent, RecordsPermissionPolicy(AccountEvent))


class PartnerOrganisationViewSet(ModelViewSet):
    model = PartnerOrganisation
    icon = "group"
    menu_label = _("Organisations")
    form_fields = ["name", "organisation_type", "website", "projects", "contact_name", "contact_email", "contact_phone"]
    list_display = ["name", "organisation_type", "website"]
    list_filter = ["organisation_type"]
    search_fields = ["name"]
    copy_view_enabled = False


class PartnerMembershipIndexView(generic.IndexView):
    def get_list_more_buttons(self, instance):
        return super().get_list_more_buttons(instance) + [
            MenuItem(
                _("Reset two-factor authentication"),
                url=reverse("partner_members:reset_two_factor", args=[instance.pk]),
                icon_name="key",
                priority=50,
            )
        ]


class PartnerMembershipViewSet(ModelViewSet):
    model = PartnerMembership
    index_view_class = PartnerMembershipIndexView
    icon = "user"
    menu_label = _("Members")
    list_display = ["user", "organisation", "current_sign_in"]
    list_filter = ["organisation"]
    search_fields = ["user__email"]
    form_fields = ["user", "organisation", "language"]
    copy_view_enabled = False

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("reset-two-factor/<int:pk>/", ResetTwoFactor.as_view(), name="reset_two_factor"),
        ]


class InvitationCreateView(generic.CreateView):
    def save_instance(self):
        invitation = self.form.save(commit=False)
        invitation.invited_by = self.request.user
        invitation.save()
        send_invitation(invitation, self.request)
        return invitation

    def get_success_message(self, instance):
        return _("Invitation sent to %(email)s in %(language)s.") % {
            "email": instance.email,
            "language": language_name(instance.language),
        }


class InvitationIndexView(generic.IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.accepted_at is None:
            buttons.append(
                MenuItem(
                    _("Send again"),
                    url=reverse("partner_invitations:resend", args=[instance.pk]),
                    icon_name="mail",
                    priority=50,
                )
            )
        return buttons


class InvitationViewSet(ModelViewSet):
    model = Invitation
    index_view_class = InvitationIndexView
    icon = "mail"
    menu_label = _("Invitations")
    add_view_class = InvitationCreateView
    list_display = ["email", "organisation", "language", "created", "status", "accepted_at"]
    list_filter = ["organisation", "language"]
    search_fields = ["email"]
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = InspectView

    def get_form_class(self, for_update=False):
        return InvitationAdminForm

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("resend/<int:pk>/", ResendInvitation.as_view(), name="resend")]


class DownloadLogViewSet(ModelViewSet):
    model = DownloadLog
    icon = "download"
    menu_label = _("Download log")
    list_display = [DateColumn("downloaded_at", label=_("Time")), "user_email", "organisation", "document_title"]
    list_filter = ["organisation", "document", "downloaded_at"]
    search_fields = ["user_email", "document_title"]
    list_export = ["downloaded_at", "user_email", "organisation", "document_title", "document_id"]
    export_filename = "partner-downloads"
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = InspectView
    exclude_form_fields = []  # never used: records cannot be added or edited


class AccountEventViewSet(ModelViewSet):
    model = AccountEvent
    icon = "key"
    menu_label = _("Sign-in records")
    list_display = [DateColumn("created", label=_("Time")), "kind", "email", "user", "ip_address"]
    list_filter = ["kind", "created"]
    search_fields = ["email"]
    list_export = ["created", "kind", "email", "user", "ip_address", "user_agent"]
    export_filename = "sign-in-records"
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = InspectView
    exclude_form_fields = []  # never used: records cannot be added or edited


class RequirementIndexView(generic.IndexView):
    def get_list_more_buttons(self, instance):
        return super().get_list_more_buttons(instance) + [
            MenuItem(
                _("Review"),
                url=reverse("partner_reports:review", args=[instance.pk]),
                icon_name="doc-full",
                priority=5,
            )
        ]

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("organisation", "report")

    def decorate_paginated_queryset(self, object_list):
        for requirement in object_list:
            requirement.state_label = reports.STATE_LABELS[
                reports.state_of(requirement, getattr(requirement, "report", None))
            ]
        return object_list


class ReportingRequirementViewSet(ModelViewSet):
    """What each organisation owes and when; the review of each report is one click away."""

    model = ReportingRequirement
    index_view_class = RequirementIndexView
    icon = "date"
    menu_label = _("Reports from partners")
    list_display = [
        TitleColumn("title_bg", label=_("Title"), url_name="partner_reports:review"),
        "organisation",
        "kind",
        DateColumn("due_date", label=_("Due date")),
        Column("state_label", label=_("Status")),
    ]
    list_filter = ["organisation", "kind", "report__status"]
    search_fields = ["title_bg", "title_en"]
    list_export = ["title_bg", "organisation", "kind", "due_date", "state_label"]
    export_filename = "partner-reports"
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return RequirementForm

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("review/<int:pk>/", ReviewReport.as_view(), name="review")]


class MaterialDownloadsReport(ReportView):
    """Every partner material with how often it has been downloaded."""

    page_title = _("Material downloads")
    header_icon = "doc-full"
    index_url_name = "partner_material_downloads:index"
    index_results_url_name = "partner_material_downloads:results"
    any_permission_required = ["view"]
    columns = [
        Column("title", label=_("Title")),
        Column("kind_label", label=_("Kind")),
        Column("project", label=_("Project")),
        Column("download_count", label=_("Downloads")),
        TitleColumn(
            "confirmations_label",
            label=_("Confirmations"),
            get_url=lambda document: (
                reverse("partner_acknowledgements", args=[document.pk]) if document.requires_acknowledgement else None
            ),
        ),
        DateColumn("created_at", label=_("Added")),
    ]
    list_export = ["title", "kind_label", "project", "download_count", "created_at"]
    export_headings = {
        "title": _("Title"),
        "kind_label": _("Kind"),
        "project": _("Project"),
        "download_count": _("Downloads"),
        "created_at": _("Added"),
    }
    export_filename = "partner-material-downloads"

    @cached_property
    def permission_policy(self):
        return ModelPermissionPolicy(DownloadLog)

    def get_queryset(self):
        through = PartnerDocument.organisations.through
        return (
            PartnerDocument.objects.filter(
                Q(shared_with_all_partners=True) | Q(pk__in=through.objects.values("partnerdocument_id")) | ~Q(kind="")
            )
            .select_related("project")
            .annotate(
                download_count=Count("downloads", distinct=True),
                confirmation_count=Count("acknowledgements", distinct=True),
            )
            .order_by("-created_at", "-pk")
        )

    def decorate_paginated_queryset(self, object_list):
        for document in object_list:
            document.kind_label = document.get_kind_display()
            # All versions' confirmations: the page behind the link counts the current version.
            document.confirmations_label = (
                _("%(count)s confirmed, see who") % {"count": document.confirmation_count}
                if document.requires_acknowledgement
                else "–"
            )
        return object_list


class MaterialDownloadsViewSet(ViewSet):
    name = "partner_material_downloads"
    icon = "doc-full"
    menu_label = _("Material downloads")

    def get_urlpatterns(self):
        return [
            path("", MaterialDownloadsReport.as_view(), name="index"),
            path("results/", MaterialDownloadsReport.as_view(results_only=True), name="results"),
        ]


class PartnersMenu(ViewSetGroup):
    menu_label = _("Partners")
    menu_icon = "group"
    menu_order = 250
    items = (
        PartnerOrganisationViewSet("partner_organisations"),
        PartnerMembershipViewSet("partner_members"),
        InvitationViewSet("partner_invitations"),
        DownloadLogViewSet("partner_downloads"),
        ReportingRequirementViewSet("partner_reports"),
        MaterialDownloadsViewSet(),
        AccountEventViewSet("sign_in_records"),
    )


@hooks.register("register_admin_viewset")
def register_partners_menu():
    return PartnersMenu()


@hooks.register("register_admin_urls")
def register_acknowledgement_urls():
    return [
        path(
            "partners/confirmations/<int:document_id>/",
            Acknowledgements.as_view(),
            name="partner_acknowledgements",
        )
    ]
