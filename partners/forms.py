from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from partners.invitations import email_has_account
from partners.models import Invitation, MaterialKind, PartnerMembership


class AcceptInvitationForm(forms.Form):
    password1 = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html,
    )
    password2 = forms.CharField(
        label=_("Type the password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, invitation, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = invitation

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords are not the same."))
        elif password1:
            # The account does not exist yet; the validators compare the password with this stand-in.
            stand_in = get_user_model()(email=self.invitation.email, username=self.invitation.email.split("@")[0])
            try:
                password_validation.validate_password(password1, stand_in)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class InvitationAdminForm(WagtailAdminModelForm):
    class Meta:
        model = Invitation
        fields = ["email", "organisation", "language"]

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if email_has_account(email):
            raise forms.ValidationError(
                _(
                    "%(email)s already has an account on this site. No invitation was sent. To give that "
                    "person access to another organisation's materials, change their partner membership instead."
                ),
                params={"email": email},
                code="registered",
            )
        return email


class MaterialFilterForm(forms.Form):
    """The dashboard's filters; GET only, so a filtered list has its own address."""

    q = forms.CharField(label=_("Search in your materials"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    project = forms.TypedChoiceField(label=_("Project"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, project_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds"))] + list(MaterialKind.choices)
        self.fields["project"].choices = [("", _("All projects"))] + list(project_choices)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field, as Django's documentation shows it; each is checked by content
    (core/uploads.py) and size, and each refusal names its file."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        from partners.reports import check_upload

        single = super().clean
        files = [single(item, initial) for item in data] if isinstance(data, list | tuple) else [single(data, initial)]
        files = [upload for upload in files if upload]
        errors = []
        for upload in files:
            try:
                check_upload(upload)
            except forms.ValidationError as error:
                errors.extend(f"{upload.name}: {message}" for message in error.messages)
        if errors:
            raise forms.ValidationError(errors)
        return files


class ReportForm(forms.Form):
    files = MultipleFileField(
        label=_("Add files"),
        required=False,
        help_text=_("PDF, Word, Excel, OpenDocument, CSV, text or ZIP; up to 20 MB each. You can choose several."),
    )
    note = forms.CharField(
        label=_("Note to the foundation"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    remove = forms.TypedMultipleChoiceField(
        label=_("Remove these files"), required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, report_files=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["remove"].choices = [(report_file.pk, report_file.original_name) for report_file in report_files]
        if not report_files:
            del self.fields["remove"]


class PartnerSettingsForm(forms.ModelForm):
    class Meta:
        model = PartnerMembership
        fields = ["language", "material_notices"]


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept the report")), ("changes", _("Ask for changes"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment for the partner"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Needed when you ask for changes; the partner receives it by email and sees it on the report."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "changes" and not (cleaned.get("comment") or "").strip():
            from partners.reports import COMMENT_NEEDED

            self.add_error("comment", COMMENT_NEEDED)
        return cleaned
