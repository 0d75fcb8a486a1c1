"""Bank statements in the Wagtail admin (Donations → Bank statements): upload a camt.053 or
MT940 file, see what it matched, and deal by hand with the credits it could not match: assign
one to a pledge by its payment reference (the pledge is then receipted, once) or set it aside.
Finance only: it changes gifts and shows payers' names and accounts."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from donations import statements
from donations.models import BankStatementImport, BankStatementLine

FINANCE_PERMISSION = "donations.view_donation"


class StatementUploadForm(forms.Form):
    statement = forms.FileField(
        label=_("Statement file"),
        help_text=_("ISO 20022 camt.053 (XML) or MT940, as exported from the bank. Importing the same file again "
                    "changes nothing."),
    )


class AssignForm(forms.Form):
    reference = forms.CharField(
        label=_("Payment reference of the pledge"), max_length=60,
        help_text=_("E.g. ДАРЕНИЕ 12345674, or only its digits."),
    )


def _check(request):
    if not request.user.has_perm(FINANCE_PERMISSION):
        raise PermissionDenied


def _user_label(request):
    return request.user.get_username()


def _page(request, form, status=200):
    open_lines = (
        BankStatementLine.objects.filter(state__in=BankStatementLine.OPEN_STATES)
        .select_related("suggested_donation", "statement_import")
        .order_by("-booking_date", "pk")
    )
    context = {
        "page_title": gettext("Bank statements"),
        "header_icon": "doc-full",
        "form": form,
        "open_lines": open_lines[:500],
        "open_count": open_lines.count(),
        "imports": BankStatementImport.objects.all()[:10],
        "recent": BankStatementLine.objects.filter(
            state__in=[BankStatementLine.MATCHED, BankStatementLine.ASSIGNED]
        ).select_related("donation").order_by("-pk")[:20],
        "assign_form": AssignForm(),
    }
    return TemplateResponse(request, "donations/admin/bank_statements.html", context, status=status)


def index_view(request):
    _check(request)
    if request.method != "POST":
        return _page(request, StatementUploadForm())
    form = StatementUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, form, status=400)
    upload = form.cleaned_data["statement"]
    if upload.size > statements.MAX_FILE_BYTES:
        form.add_error("statement", gettext("The file is larger than 20 MB: that is not a bank statement we can read."))
        return _page(request, form, status=400)
    try:
        result = statements.import_statement(upload.read(), upload.name, _user_label(request))
    except statements.StatementError as error:
        form.add_error("statement", str(error))
        return _page(request, form, status=400)
    messages.success(
        request,
        gettext(
            "%(name)s: %(credits)d credits, %(new)d new, %(already)d already imported; %(matched)d matched to "
            "pledges and receipted, %(open)d left for you below."
        ) % {"name": upload.name, "credits": result.credits, "new": result.new, "already": result.already_imported,
             "matched": result.matched, "open": result.open},
    )
    return HttpResponseRedirect(reverse("bank_statements:index"))


@require_POST
def assign_view(request, pk):
    _check(request)
    form = AssignForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("Write the pledge's payment reference."))
        return HttpResponseRedirect(reverse("bank_statements:index"))
    try:
        pledge = statements.assign(pk, form.cleaned_data["reference"], _user_label(request))
    except statements.AssignmentError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, gettext("Assigned to %(name)s's pledge; the receipt is on its way.") % {"name": pledge.donor_name}
        )
    return HttpResponseRedirect(reverse("bank_statements:index"))


@require_POST
def set_aside_view(request, pk):
    _check(request)
    try:
        statements.set_aside(pk, _user_label(request))
    except statements.AssignmentError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, gettext("Set aside: it is not a donation."))
    return HttpResponseRedirect(reverse("bank_statements:index"))


class FinanceOnlyMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(FINANCE_PERMISSION)


class BankStatementViewSet(ViewSet):
    menu_label = _("Bank statements")
    icon = "doc-full"
    add_to_admin_menu = False
    menu_item_class = FinanceOnlyMenuItem

    def get_urlpatterns(self):
        return [
            path("", index_view, name="index"),
            path("<int:pk>/assign/", assign_view, name="assign"),
            path("<int:pk>/set-aside/", set_aside_view, name="set_aside"),
        ]
