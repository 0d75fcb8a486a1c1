from allauth.account.utils import perform_login
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from core.languages import active_locale
from partners import access
from partners.forms import AcceptInvitationForm, MaterialFilterForm
from partners.invitations import InvitationError, accept_invitation, invitation_for_token
from partners.models import AccountEventKind, DownloadLog, PartnerDocument, PartnerMembership
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
    rows = [
        {
            "document": document,
            "is_new": since is None or document.created_at > since,
            "project": sheets.get(document.project_id) if document.project_id else None,
        }
        for document in page_obj.object_list
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
        },
    )


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
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, as_attachment=True, filename=document.filename, content_type=document.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response


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
    return TemplateResponse(request, "partners/accept_invitation.html", {"invitation": invitation, "form": form})


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
