"""The donations in the Wagtail admin: read-only listings (filters, search, totals for the
filter, CSV/XLSX export), a detail view with the gift's history, the newsletter list, the
dashboard panel with totals, and the personal-data page (GDPR export and erasure of everything
the site holds about one address, through core/personal_data.py).

Who sees what: donors' personal data (the listings, the exports, the personal-data page) only
with the "view donation" permission, which the "Финанси" group has (migrations 0003 and 0009);
every editor sees the totals on the dashboard."""

import datetime

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.http import HttpResponseRedirect, JsonResponse, StreamingHttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.active_filters import ActiveFilter, BaseFilterAdapter, register_filter_adapter_class
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from core import personal_data
from core.admin_views import InspectView
from core.formatting import format_date, format_datetime
from core.languages import language_choices
from core.models import ErasureRecord
from donations.bank_admin import BankStatementViewSet
from donations.models import (
    FREQUENCY_CHOICES,
    MONTHLY,
    PAYMENT_METHOD_CHOICES,
    Donation,
    DonationPage,
    NewsletterSubscriber,
    from_cents,
)

FINANCE_PERMISSION = "donations.view_donation"


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Gifts and subscribers change only through Stripe events and the donors' own links:
    nobody, not even a superuser, adds, edits or deletes them in the admin."""

    READ_ONLY_REFUSED = {"add", "change", "delete"}

    def user_has_permission(self, user, action):
        if action in self.READ_ONLY_REFUSED:
            return False
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


class ReadOnlyViewSetMixin:
    """No add, edit or delete views at all (the permission policy refuses them as well)."""

    inspect_view_enabled = True
    inspect_view_class = InspectView

    def get_urlpatterns(self):
        conv = self.pk_path_converter
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path(f"inspect/<{conv}:pk>/", self.inspect_view, name="inspect"),
            path(f"history/<{conv}:pk>/", self.history_view, name="history"),
            path(f"history-results/<{conv}:pk>/", self.history_results_view, name="history_results"),
        ]


# --- donations -----------------------------------------------------------------------------------


def campaign_choices():
    """One choice per campaign (all language versions of a DonationPage count together)."""
    choices = {}
    for page in DonationPage.objects.order_by("locale__language_code", "title"):
        choices.setdefault(str(page.translation_key), page.title)
    return sorted(choices.items(), key=lambda item: item[1])


class FlagFilter(django_filters.BooleanFilter):
    """A filter that is ticked or not (a checkbox): among the active filters above the list it
    reads "label: yes" in the staff member's language, not Python's "True"."""


class FlagFilterAdapter(BaseFilterAdapter):
    def get_active_filters(self):
        if self.value:
            yield ActiveFilter(
                self.bound_field.auto_id, self.filter.label, gettext("yes"),
                self.get_url_without_filter_param(self.name),
            )


register_filter_adapter_class(FlagFilter, adapter_class=FlagFilterAdapter, exact_class=True)


class DonationFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Donation.STATUS_CHOICES, empty_label=_("All"), widget=forms.RadioSelect
    )
    frequency = django_filters.ChoiceFilter(
        label=_("Frequency"), choices=FREQUENCY_CHOICES, empty_label=_("All"), widget=forms.RadioSelect
    )
    campaign = django_filters.ChoiceFilter(
        label=_("Campaign"), choices=campaign_choices, empty_label=_("All"), method="filter_campaign"
    )
    payment_method = django_filters.ChoiceFilter(
        label=_("Payment method"), choices=PAYMENT_METHOD_CHOICES, empty_label=_("All"), widget=forms.RadioSelect
    )
    failing = FlagFilter(
        label=_("Monthly gifts whose last payment failed"), method="filter_failing",
        widget=forms.CheckboxInput,
    )
    created_at = django_filters.DateFromToRangeFilter(label=_("Started between"), widget=DateRangePickerWidget)
    paid_at = django_filters.DateFromToRangeFilter(label=_("Paid between"), widget=DateRangePickerWidget)

    class Meta:
        model = Donation
        fields = ["status", "frequency", "payment_method", "failing", "campaign", "created_at", "paid_at"]

    def filter_failing(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(frequency=MONTHLY, subscription_origin__isnull=True, payment_failed_at__isnull=False)

    def filter_campaign(self, queryset, name, value):
        return queryset.filter(page__translation_key=value) if value else queryset


def totals(queryset):
    """Gross, refunded and net amounts of the gifts in ``queryset`` that were received, in cents."""
    received = queryset.filter(status__in=Donation.RECEIVED_STATUSES)
    counted = queryset.filter(status__in=Donation.COUNTED_STATUSES)
    gross = received.aggregate(total=Coalesce(Sum("amount"), 0), count=Count("pk"))
    net = counted.aggregate(gross=Coalesce(Sum("amount"), 0), refunded=Coalesce(Sum("amount_refunded"), 0))
    return {
        "received_count": gross["count"],
        "received_eur": from_cents(gross["total"]),
        "counted_net_eur": from_cents(net["gross"] - net["refunded"]),
    }


def _csv_dates(preprocess):
    """Wagtail writes dates into a CSV as Python prints them ("2026-12-02 13:45:12.3+00:00");
    write them as the staff member's language does, in the site's time zone ("2 декември 2026 г.,
    15:45"). XLSX keeps real dates, which the spreadsheet formats itself."""
    dates = dict(preprocess)
    dates[datetime.datetime] = {**dates.get(datetime.datetime, {}), IndexView.FORMAT_CSV: format_datetime}
    dates[datetime.date] = {IndexView.FORMAT_CSV: format_date}
    # datetime before date (a datetime is a date); the (date, time) XLSX entry stays last.
    return {datetime.datetime: dates.pop(datetime.datetime), datetime.date: dates.pop(datetime.date), **dates}


class ExportInLanguageMixin:
    """The CSV is streamed after the view returns, when the admin language is no longer active:
    keep the headings in the language the staff member uses the admin in."""

    custom_value_preprocess = _csv_dates(IndexView.custom_value_preprocess)

    def write_csv_response(self, queryset):
        language = translation.get_language()
        rows = super().stream_csv(queryset)

        def in_language():
            with translation.override(language):
                yield from rows

        response = StreamingHttpResponse(in_language(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.get_filename()}.csv"'
        return response


class SubscriberIndexView(ExportInLanguageMixin, IndexView):
    pass


class DonationIndexView(ExportInLanguageMixin, IndexView):
    results_template_name = "donations/admin/donation_index_results.html"

    def get_queryset(self):
        queryset = super().get_queryset()
        self.filtered_queryset = queryset
        return queryset

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("page")

    @cached_property
    def columns(self):
        # The gift's number ("2026-000001") on one line: a narrow column broke it at the hyphen.
        columns = super().columns
        columns[0].classname = " ".join(filter(None, [columns[0].classname, "w-whitespace-nowrap"]))
        return columns

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["totals"] = totals(self.filtered_queryset.order_by())
        return context


class DonationInspectView(InspectView):
    template_name = "donations/admin/donation_inspect.html"

    def get_currency_display_value(self):
        return self.object.currency.upper()  # "EUR", as receipts and exports write it

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["history"] = self.object.events.all()
        context["renewals"] = self.object.renewals.order_by("created_at")
        return context


class DonationViewSet(ReadOnlyViewSetMixin, ModelViewSet):
    model = Donation
    icon = "pick"
    menu_label = _("Donations")
    add_to_admin_menu = False
    index_view_class = DonationIndexView
    inspect_view_class = DonationInspectView
    inspect_view_enabled = True
    filterset_class = DonationFilterSet
    search_fields = ["donor_name", "email"]
    search_backend_name = None  # plain database lookups on name and email
    list_display = [
        "listing_reference", "donor_name", "email", "amount_eur", "frequency", "payment_method", "status",
        "payment_failed_at",
        "page", "created_at",
    ]
    list_per_page = 50
    ordering = ["-created_at"]
    inspect_view_fields = [
        "uuid", "status", "amount_eur", "amount_refunded_eur", "net_amount_eur", "currency", "frequency",
        "page", "subscription_origin", "donor_name", "email", "anonymous", "dedication_kind", "dedication_name",
        "newsletter_opt_in", "newsletter_consent_at", "locale", "payment_method", "bank_reference", "donor_type",
        "company_name", "company_eik", "payment_failed_at", "receipt_reference", "receipt_sent_at",
        "dispute_status", "subscription_status", "stripe_checkout_session_id", "stripe_payment_intent_id",
        "stripe_charge_id", "stripe_customer_id", "stripe_subscription_id", "stripe_invoice_id",
        "created_at", "paid_at", "anonymised_at",
    ]
    list_export = [
        "receipt_reference", "uuid", "status_label", "frequency_label", "amount_eur", "amount_refunded_eur",
        "net_amount_eur", "currency_code", "campaign_title", "created_at", "paid_at", "donor_name", "email",
        "dedication_label",
        "dedication_name", "stripe_payment_intent_id", "stripe_subscription_id", "stripe_invoice_id",
    ]
    export_headings = {
        "receipt_reference": _("Receipt number"),
        "uuid": _("Reference"),
        "status_label": _("Status"),
        "frequency_label": _("Frequency"),
        "amount_eur": _("Gross amount"),
        "amount_refunded_eur": _("Refunded"),
        "net_amount_eur": _("Net amount"),
        "currency_code": _("Currency"),
        "campaign_title": _("Campaign"),
        "created_at": _("Started"),
        "paid_at": _("Paid"),
        "donor_name": _("Name"),
        "email": _("Email"),
        "dedication_label": _("Dedication"),
        "dedication_name": _("Dedicated to"),
        "stripe_payment_intent_id": _("Stripe payment"),
        "stripe_subscription_id": _("Stripe subscription"),
        "stripe_invoice_id": _("Stripe invoice"),
    }
    export_filename = "donations"


# --- newsletter --------------------------------------------------------------------------------


class SubscriberFilterSet(WagtailFilterSet):
    CONFIRMED = "confirmed"
    PENDING = "pending"
    state = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(CONFIRMED, _("Confirmed")), (PENDING, _("Awaiting confirmation"))],
        empty_label=_("All"),
        method="filter_state",
        widget=forms.RadioSelect,
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"), choices=language_choices, empty_label=_("All"),
        widget=forms.RadioSelect,
    )

    class Meta:
        model = NewsletterSubscriber
        fields = ["state", "language", "source"]

    def filter_state(self, queryset, name, value):
        # Unsubscribed addresses are not on the list at all (only their hash is kept).
        if value == self.CONFIRMED:
            return queryset.filter(confirmed_at__isnull=False)
        if value == self.PENDING:
            return queryset.filter(confirmed_at__isnull=True)
        return queryset


class NewsletterSubscriberViewSet(ReadOnlyViewSetMixin, ModelViewSet):
    model = NewsletterSubscriber
    icon = "mail"
    menu_label = _("Newsletter")
    add_to_admin_menu = False
    index_view_class = SubscriberIndexView
    filterset_class = SubscriberFilterSet
    search_fields = ["email"]
    search_backend_name = None
    list_display = ["email", "language", "source", "status_label", "consented_at", "confirmed_at"]
    inspect_view_enabled = True
    inspect_view_class = InspectView
    inspect_view_fields = [
        "email", "language", "source", "consent_page", "consent_text", "consented_at", "confirmation_sent_at",
        "confirmed_at", "created_at",
    ]
    list_export = ["email", "language", "source", "consent_page", "consented_at", "confirmed_at"]
    export_headings = {
        "email": _("Email"),
        "language": _("Language"),
        "source": _("Signed up through"),
        "consent_page": _("Form shown on"),
        "consented_at": _("Consent given"),
        "confirmed_at": _("Confirmed"),
    }
    export_filename = "newsletter-subscribers"


# --- personal data (GDPR): everything the registry knows about one address ------------------


class DonorLookupForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))


def donor_data_view(request):
    """Finance only: find everything the site holds about one email address (every category of
    core/personal_data.py, not only the donations), download it as JSON, or erase it."""
    if not request.user.has_perm(FINANCE_PERMISSION):
        raise PermissionDenied
    form = DonorLookupForm(request.GET or None)
    context = {"form": form, "page_title": gettext("Personal data"), "header_icon": "user"}
    if form.is_valid():
        email = personal_data.normalise_email(form.cleaned_data["email"])
        if request.GET.get("download") == "json":
            response = JsonResponse(
                personal_data.export(email), json_dumps_params={"ensure_ascii": False, "indent": 2}
            )
            response["Content-Disposition"] = 'attachment; filename="personal-data.json"'
            return response
        context.update(
            email=email,
            items=personal_data.preview(email),
            blockers=personal_data.blockers(email),
            history=personal_data.erasure_history(email),
        )
    return TemplateResponse(request, "donations/admin/donor_data.html", context)


def donor_anonymise_view(request):
    if not request.user.has_perm(FINANCE_PERMISSION):
        raise PermissionDenied
    if request.method != "POST":
        return HttpResponseRedirect(reverse("donations_donor_data"))
    form = DonorLookupForm(request.POST)
    back = reverse("donations_donor_data") + "?" + urlencode({"email": request.POST.get("email", "")})
    if not form.is_valid() or request.POST.get("confirm") != "yes":
        messages.error(request, gettext("Tick the confirmation box to erase this person's data."))
        return HttpResponseRedirect(back)
    try:
        record = personal_data.erase(form.cleaned_data["email"], channel=ErasureRecord.ADMIN, user=request.user)
    except personal_data.ErasureBlocked as blocked:
        messages.error(request, " ".join(str(reason) for reason in blocked.reasons))
        return HttpResponseRedirect(back)
    if record is None:
        messages.info(request, gettext("Nothing was left to erase for this address."))
    else:
        messages.success(request, gettext("Erased. What the law requires to keep was kept, as listed on this page."))
    return HttpResponseRedirect(back)


# --- dashboard ---------------------------------------------------------------------------------


def dashboard_figures(now=None):
    now = timezone.localtime(now or timezone.now())
    month_start = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    year_start = month_start.replace(month=1)
    counted = Donation.objects.filter(status__in=Donation.COUNTED_STATUSES)
    figures = counted.aggregate(
        month_gross=Coalesce(Sum("amount", filter=Q(paid_at__gte=month_start)), 0),
        month_refunded=Coalesce(Sum("amount_refunded", filter=Q(paid_at__gte=month_start)), 0),
        year_gross=Coalesce(Sum("amount", filter=Q(paid_at__gte=year_start)), 0),
        year_refunded=Coalesce(Sum("amount_refunded", filter=Q(paid_at__gte=year_start)), 0),
    )
    active_monthly = (
        Donation.objects.filter(
            frequency=MONTHLY, subscription_origin__isnull=True, status__in=Donation.RECEIVED_STATUSES
        )
        .exclude(subscription_status__in=Donation.ENDED_SUBSCRIPTION_STATUSES)
        .count()
    )
    return {
        "month_eur": from_cents(figures["month_gross"] - figures["month_refunded"]),
        "year_eur": from_cents(figures["year_gross"] - figures["year_refunded"]),
        "active_monthly": active_monthly,
        "year": now.year,
    }


class DonationsDashboardPanel(Component):
    name = "donations"
    order = 90
    template_name = "donations/admin/dashboard_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context.update(dashboard_figures())
        context["can_see_donors"] = self.user.has_perm(FINANCE_PERMISSION)
        return context


class DonationsGroup(ViewSetGroup):
    menu_label = _("Donations")
    menu_icon = "pick"
    menu_order = 250
    items = (
        DonationViewSet("donation_records"),
        BankStatementViewSet("bank_statements"),
        NewsletterSubscriberViewSet("newsletter_subscribers"),
    )
