"""The newsletter's own admin screens besides Wagtail's editor: send a test to oneself, the
confirmation before sending to the subscribers, and the delivery report."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.languages import language_name
from newsletters import sending, tasks
from newsletters.models import Delivery, Mailing, Newsletter
from newsletters.tasks import send_test_newsletter

SEND_PERMISSION = "newsletters.send_newsletter"
REPORT_PAGE_SIZE = 100


def newsletter_for(request, pk, permission="newsletters.change_newsletter"):
    if not request.user.has_perm(permission):
        raise PermissionDenied
    return get_object_or_404(Newsletter.objects.select_related("locale"), pk=pk)


def edit_url(newsletter):
    return reverse("wagtailsnippets_newsletters_newsletter:edit", args=[newsletter.pk])


def breadcrumbs(newsletter, label):
    return [
        {"url": reverse("wagtailadmin_home"), "label": _("Home")},
        {"url": reverse("wagtailsnippets_newsletters_newsletter:list"), "label": _("Newsletters")},
        {"url": edit_url(newsletter), "label": newsletter.subject},
        {"url": "", "label": label},
    ]


@require_POST
def send_test(request, pk):
    newsletter = newsletter_for(request, pk)
    email = request.user.email
    if not email:
        messages.error(request, _("Your account has no email address, so no test can be sent to you."))
        return redirect(edit_url(newsletter))
    send_test_newsletter.enqueue(newsletter.pk, email, (get_language() or "bg")[:2])
    messages.success(request, _("A test is on its way to %(email)s. Only you receive it.") % {"email": email})
    return redirect(request.POST.get("next") or edit_url(newsletter))


@require_http_methods(["GET", "POST"])
def send(request, pk):
    newsletter = newsletter_for(request, pk, SEND_PERMISSION)
    mailing = newsletter.sent_mailing
    if mailing is not None:
        return redirect("newsletters_report", pk=newsletter.pk)
    count = sending.recipients(newsletter.language).count()
    if request.method == "POST" and request.POST.get("confirm") == "yes" and count:
        try:
            tasks.start_mailing(newsletter, request.user)
        except sending.AlreadySent:
            pass
        messages.success(request, _("Sending has started. This page shows how it goes."))
        return redirect("newsletters_report", pk=newsletter.pk)
    title = _("Send the newsletter")
    return TemplateResponse(
        request,
        "newsletters/admin/send.html",
        {
            "newsletter": newsletter,
            "count": count,
            "language_name": language_name(newsletter.language),
            "page_title": title,
            "header_title": title,
            "breadcrumbs_items": breadcrumbs(newsletter, title),
            "edit_url": edit_url(newsletter),
            "not_confirmed": request.method == "POST",
        },
        status=400 if request.method == "POST" else 200,
    )


def report(request, pk):
    newsletter = newsletter_for(request, pk)
    mailing = Mailing.objects.filter(newsletter=newsletter).select_related("started_by").first()
    if mailing is None:
        return redirect("newsletters_send", pk=newsletter.pk)
    if request.method == "POST":
        if not request.user.has_perm(SEND_PERMISSION):
            raise PermissionDenied
        if sending.stalled(mailing):
            tasks.resume(mailing)
            messages.success(request, _("Sending has been taken up again."))
        return redirect("newsletters_report", pk=newsletter.pk)
    deliveries = Delivery.objects.filter(mailing=mailing).select_related("subscriber").order_by("pk")
    status = request.GET.get("status", "")
    if status in dict(Delivery.STATUS_CHOICES):
        deliveries = deliveries.filter(status=status)
    else:
        status = ""
    page = Paginator(deliveries, REPORT_PAGE_SIZE).get_page(request.GET.get("page"))
    title = _("Delivery report")
    return TemplateResponse(
        request,
        "newsletters/admin/report.html",
        {
            "newsletter": newsletter,
            "mailing": mailing,
            "counts": sending.counts(mailing),
            "page_obj": page,
            "status": status,
            "stalled": sending.stalled(mailing),
            "can_send": request.user.has_perm(SEND_PERMISSION),
            "page_title": title,
            "header_title": title,
            "breadcrumbs_items": breadcrumbs(newsletter, title),
        },
    )
