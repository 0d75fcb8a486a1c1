from allauth.account.utils import perform_login
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from core.languages import active_locale
from partners import access, notices, reports
from partners.forms import AcceptInvitationForm, MaterialFilterForm, PartnerSettingsForm, ReportForm
from partners.invitations import InvitationError, accept_invitation, invitation_for_token
from partners.models import (
    AccountEventKind,
    DownloadLog,
    PartnerDocument,
    PartnerMembership,
    ReportFile,
    ReportingRequirement,
)
from partners.signals import record_event
from projects.models import ProjectPage

MATERIALS_PER_PAGE = 25

# Status of the page shown for an invitation link that cannot be used.
INVITATION_ERROR_STATUS = {"invalid": 400, "expired": 410, "used": 410, "registered": 410}


def public_project_pages(projects, request):
    """Each project's public sheet in the visitor's language (its own page when it has no
    translation), as {project id: {"title", "url"}}, in one query for all of them: the per-page
    `.localized` property would cost a query per project."""
    projects = list(projects)
    locale = active_locale()
    translations = {
        page.translation_key: page
        for page in ProjectPage.objects.live()
        .public()
        .filter(translation_key__in={project.translation_key for project in projects}, locale=locale)
        .only("id", "title", "url_path", "translation_key", "locale_id", "path", "depth", "live")
    }
    sheets = {}
    for project in projects:
        sheet = translations.get(project.translation_key, project)
        sheets[project.pk] = {"title": sheet.title, "url": sheet.get_url(request) if sheet.live else None}
    return sheets


@never_cache
@login_required
@require_GET
def dashboard(request):
    membership = PartnerMembership.objects.select_related("organisation").filter(user=request.user).first()
    if membership is None:
        return TemplateResponse(request, "partners/not_a_partner.html", {}, status=403)
    organisation = membership.organisation

    shared = access.shared_with_organisation(organisation, request.user)
    organisation_projects = list(organisation.projects.all().only("id", "title", "translation_key", "live"))
    material_projects = list(
        ProjectPage.objects.filter(pk__in=shared.exclude(project=None).values("project_id")).only(
            "id", "title", "translation_key", "live"
        )
    )
    sheets = public_project_pages({*organisation_projects, *material_projects}, request)

    form = MaterialFilterForm(
        request.GET or None,
        project_choices=sorted(
            ((project.pk, sheets[project.pk]["title"]) for project in material_projects), key=lambda c: c[1]
        ),
    )
    materials = shared.select_related("project").order_by("-created_at", "-pk")
    if form.is_bound and form.is_valid():
        if form.cleaned_data["q"]:
            materials = materials.filter(title__icontains=form.cleaned_data["q"])
        if form.cleaned_data["kind"]:
            materials = materials.filter(kind=form.cleaned_data["kind"])
        if form.cleaned_data["project"]:
            materials = materials.filter(project_id=form.cleaned_data["project"])
    page_obj = Paginator(materials, MATERIALS_PER_PAGE).get_page(request.GET.get("page"))

    since = membership.previous_sign_in
    documents = list(page_obj.object_list)
    confirmed = notices.acknowledged_ids(request.user, documents)
    rows = [
        {
            "document": document,
            "is_new": since is None or document.created_at > since,
            "project": sheets.get(document.project_id) if document.project_id else None,
            "asks_acknowledgement": document.requires_acknowledgement,
            "acknowledged": document.pk in confirmed,
        }
        for document in documents
    ]
    filter_query = request.GET.copy()
    filter_query.pop("page", None)
    return TemplateResponse(
        request,
        "partners/dashboard.html",
        {
            "organisation": organisation,
            "membership": membership,
            "form": form,
            "page_obj": page_obj,
            "rows": rows,
            "filter_query": filter_query.urlencode(),
            "is_filtered": form.is_bound and form.is_valid() and any(form.cleaned_data.values()),
            "new_count": shared.filter(created_at__gt=since).count() if since else None,
            "projects": [sheets[project.pk] for project in organisation_projects],
            "report_groups": reports.dashboard_groups(organisation),
        },
    )


def member_or_refusal(request):
    membership = PartnerMembership.objects.select_related("organisation").filter(user=request.user).first()
    if membership is None:
        return None, TemplateResponse(request, "partners/not_a_partner.html", {}, status=403)
    return membership, None


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def report(request, requirement_id):
    """One requirement: its instructions, the files and note saved so far, and (while open) the
    form to add files, save as draft and submit. A requirement of another organisation is "not
    found", as if it did not exist."""
    membership, refusal = member_or_refusal(request)
    if refusal:
        return refusal
    requirement = get_object_or_404(
        ReportingRequirement.objects.select_related("organisation", "project"),
        pk=requirement_id,
        organisation=membership.organisation,
    )
    report_row = getattr(requirement, "report", None)
    files = list(report_row.files.all()) if report_row else []
    locked = bool(report_row and report_row.is_locked)
    form = None
    status = 200
    if not locked:
        form = ReportForm(
            request.POST or None,
            request.FILES or None,
            report_files=files,
            initial={"note": report_row.note if report_row else ""},
        )
    if request.method == "POST":
        if locked:
            messages.error(request, reports.LOCKED)
            return redirect("partners:report", requirement_id=requirement.pk)
        if form.is_valid():
            try:
                reports.save_draft(
                    requirement,
                    request.user,
                    form.cleaned_data["note"],
                    new_files=form.cleaned_data["files"],
                    remove_file_ids=form.cleaned_data.get("remove") or (),
                )
                if request.POST.get("action") == "submit":
                    reports.submit(requirement, request.user, request)
                    messages.success(request, _("Thank you: your report has been submitted to the foundation."))
                else:
                    messages.success(request, _("Your draft has been saved. It is not yet sent to the foundation."))
                return redirect("partners:report", requirement_id=requirement.pk)
            except ValidationError as error:
                form.add_error(None, error)
        status = 400
    state = reports.state_of(requirement, report_row)
    return TemplateResponse(
        request,
        "partners/report.html",
        {
            "organisation": membership.organisation,
            "requirement": requirement,
            "title": requirement.title(),
            "instructions": requirement.instructions(),
            "report": report_row,
            "files": files,
            "form": form,
            "locked": locked,
            "state": state,
            "state_label": reports.STATE_LABELS[state],
            "events": list(report_row.events.all()) if report_row else [],
        },
        status=status,
    )


@never_cache
@require_GET
def report_file_download(request, file_id):
    """A report file, through the same checked serving as materials: the members of the
    organisation that sent it and staff who may view reports; a stranger learns nothing."""
    report_file = ReportFile.objects.select_related("report__requirement").filter(pk=file_id).first()
    if report_file is None:
        raise Http404
    if not access.may_read_report_file(request.user, report_file):
        return refuse(request)
    return private_file_response(report_file.file, report_file.original_name)


@never_cache
@login_required
@require_http_methods(["POST"])
def acknowledge(request, document_id):
    document = get_object_or_404(PartnerDocument.objects.select_related("collection"), pk=document_id)
    membership = access.partner_membership(request.user)
    if membership is None or not access.partner_may_download(membership, document):
        return refuse(request)
    if document.requires_acknowledgement:
        notices.acknowledge(document, request.user)
        thanks = _("Thank you: your confirmation for “%(title)s” is recorded.") % {"title": document.title}
        messages.success(request, thanks)
    return redirect(reverse("partners:dashboard") + f"#material-{document.pk}")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def partner_settings(request):
    membership, refusal = member_or_refusal(request)
    if refusal:
        return refusal
    form = PartnerSettingsForm(request.POST or None, instance=membership)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("Your email settings are saved."))
            return redirect("partners:settings")
        return TemplateResponse(request, "partners/settings.html", {"form": form}, status=400)
    return TemplateResponse(request, "partners/settings.html", {"form": form})


def private_file_response(field_file, filename, content_type=None):
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response


def refuse(request):
    """A stranger learns nothing, not even that the document exists; a partner or staff member
    is told plainly that this one is not theirs."""
    if access.is_stranger(request.user):
        raise Http404
    return TemplateResponse(request, "partners/no_access.html", {}, status=403)


@never_cache
@require_GET
def download(request, document_id):
    document = PartnerDocument.objects.filter(pk=document_id).select_related("collection").first()
    if document is None:
        # Nothing to refuse: "not found" for everyone, staff and superusers included.
        raise Http404
    if not access.is_restricted(document):
        # A public document is not "not shared": it is served where the public site serves it.
        return redirect(document.url)
    if not access.may_download(request.user, document):
        return refuse(request)
    membership = access.partner_membership(request.user)
    DownloadLog.objects.create(
        user=request.user,
        user_email=request.user.email,
        organisation_id=membership.organisation_id if membership else None,
        document=document,
        document_title=document.title[:255],
    )
    return private_file_response(document.file, document.filename, document.content_type)


@never_cache
@require_http_methods(["GET", "POST"])
def accept_invitation_view(request, token):
    try:
        invitation = invitation_for_token(token)
    except InvitationError as error:
        return invitation_error_response(request, error)

    form = AcceptInvitationForm(request.POST or None, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        try:
            user = accept_invitation(invitation, form.cleaned_data["password1"])
        except InvitationError as error:
            return invitation_error_response(request, error)
        record_event(request, AccountEventKind.INVITATION_ACCEPTED, user=user)
        with translation.override(invitation.language):
            dashboard_url = reverse("partners:dashboard")
        # allauth's own login, so its stages (and a later reauthentication) work as for any sign-in.
        return perform_login(request, user, redirect_url=dashboard_url, email=invitation.email)
    status = 400 if request.method == "POST" else 200  # a refused password: the form again
    return TemplateResponse(
        request, "partners/accept_invitation.html", {"invitation": invitation, "form": form}, status=status
    )


def invitation_error_response(request, error):
    return TemplateResponse(
        request,
        "partners/invitation_error.html",
        {"reason": error.reason, "invitation": error.invitation},
        status=INVITATION_ERROR_STATUS[error.reason],
    )


def serve_restricted_document(request, document):
    """Wagtail's own /documents/<id>/<name> URL for a restricted document: allowed people are
    sent to the checked (and logged) download view, everybody else is refused."""
    if not access.may_download(request.user, document):
        return refuse(request)
    return redirect("partners:download", document_id=document.pk)


def redirect_to_sign_in(request):
    """Wagtail's own login and password-reset pages would skip two-factor authentication, the
    rate limit and the sign-in record; the one sign-in is allauth's."""
    url = reverse("account_login")
    if request.GET.get("next"):
        from django.utils.http import urlencode

        url = f"{url}?{urlencode({'next': request.GET['next']})}"
    return redirect(url)
