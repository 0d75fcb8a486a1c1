"""Staff's side of reports and acknowledgements in the admin: review a submitted report (accept,
or ask for changes with a comment), and see who has and has not confirmed a material, with a
CSV export. Model permissions decide: "view report" to read, "change report" to review, and the
document permissions to read confirmations."""

import csv

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.views import View
from wagtail.permission_policies import ModelPermissionPolicy

from partners import access, notices, reports
from partners.forms import ReviewForm
from partners.models import PartnerDocument, Report, ReportingRequirement, ReportStatus


class ReviewReport(View):
    def dispatch(self, request, *args, **kwargs):
        if not ModelPermissionPolicy(Report).user_has_any_permission(request.user, ["view", "change"]):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def context(self, request, requirement, form):
        report = getattr(requirement, "report", None)
        may_review = ModelPermissionPolicy(Report).user_has_permission(request.user, "change")
        return {
            "page_title": gettext("Report: %(title)s") % {"title": requirement.title_bg},
            "header_icon": "doc-full",
            "requirement": requirement,
            "report": report,
            "state_label": reports.STATE_LABELS[reports.state_of(requirement, report)],
            "files": list(report.files.all()) if report else [],
            "events": list(report.events.all()) if report else [],
            "form": form if may_review and report and report.status == ReportStatus.SUBMITTED else None,
        }

    def get(self, request, pk):
        requirement = get_object_or_404(ReportingRequirement.objects.select_related("organisation"), pk=pk)
        return TemplateResponse(
            request, "partners/admin/review_report.html", self.context(request, requirement, ReviewForm())
        )

    def post(self, request, pk):
        if not ModelPermissionPolicy(Report).user_has_permission(request.user, "change"):
            raise PermissionDenied
        requirement = get_object_or_404(ReportingRequirement.objects.select_related("organisation"), pk=pk)
        report = getattr(requirement, "report", None)
        form = ReviewForm(request.POST)
        if report is not None and form.is_valid():
            try:
                if form.cleaned_data["decision"] == "accept":
                    reports.accept(report, request.user, request)
                    messages.success(request, gettext("The report is accepted; the partner is told by email."))
                else:
                    reports.request_changes(report, request.user, form.cleaned_data["comment"], request)
                    messages.success(
                        request, gettext("The report is open again; the partner receives your comment by email.")
                    )
                return redirect("partner_reports:review", pk)
            except ValidationError as error:
                form.add_error(None, error)
        elif report is None:
            form.add_error(None, reports.REVIEW_NOT_SUBMITTED)
        response = TemplateResponse(
            request, "partners/admin/review_report.html", self.context(request, requirement, form)
        )
        response.status_code = 400
        return response


class Acknowledgements(View):
    """Who has and has not confirmed the current version of one material (?format=csv exports)."""

    def get(self, request, document_id):
        document = get_object_or_404(PartnerDocument, pk=document_id)
        if not access.is_staff_reader(request.user, document):
            raise PermissionDenied
        rows = notices.acknowledgement_table(document)
        if request.GET.get("format") == "csv":
            response = HttpResponse(content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="confirmations-{document.pk}.csv"'
            response.write("\ufeff")  # so that spreadsheet programs read UTF-8 (Cyrillic)
            writer = csv.writer(response)
            writer.writerow([gettext("Email"), gettext("Organisation"), gettext("Confirmed"), gettext("Time")])
            for row in rows:
                writer.writerow(
                    [
                        row["email"],
                        row["organisation"],
                        gettext("yes") if row["confirmed"] else gettext("no"),
                        row["confirmed_at"].isoformat() if row["confirmed_at"] else "",
                    ]
                )
            return response
        return TemplateResponse(
            request,
            "partners/admin/acknowledgements.html",
            {
                "page_title": gettext("Confirmations: %(title)s") % {"title": document.title},
                "header_icon": "tick",
                "document": document,
                "rows": rows,
                "confirmed_count": sum(1 for row in rows if row["confirmed"]),
            },
        )


class RequirementForm(forms.ModelForm):
    class Meta:
        model = ReportingRequirement
        fields = [
            "organisation",
            "project",
            "kind",
            "title_bg",
            "title_en",
            "instructions_bg",
            "instructions_en",
            "due_date",
        ]
