"""Every admin screen staff use, as (name, URL) pairs built from what the database holds: one
list for tests/test_admin_screens_bulgarian.py (which opens each one as a Bulgarian staff member
and fails on English interface text) and scripts/admin_screenshots.py (which photographs them).

``screens(facts)`` takes the facts ``facts()`` finds (the objects a screen needs: a page of every
type, an image, a newsletter, a partner organisation, ...) and returns the screens it can build; a
screen whose object is missing (a fresh site with no newsletter yet) is left out, so the test
creates every object first and checks that nothing was left out."""

from django.urls import reverse


def first_pk(model, **filters):
    return model.objects.filter(**filters).order_by("pk").values_list("pk", flat=True).first()


def facts():
    """{name: primary key or value} of the objects the screens are about, None where missing."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from wagtail.contrib.forms.models import FormSubmission
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Collection, Locale, Page, Site, Task, Workflow, get_page_models
    from wagtail.snippets.models import get_snippet_models
    from wagtail_localize.models import Translation

    from donations.models import Donation
    from newsletters.models import Newsletter
    from partners.models import (
        Invitation,
        PartnerDocument,
        PartnerMembership,
        PartnerOrganisation,
        ReportingRequirement,
    )

    bulgarian = Page.objects.filter(locale__language_code="bg")
    home = bulgarian.filter(depth=2).first()
    deepest = bulgarian.live().order_by("-depth", "path").first()
    found = {
        "home": home.pk if home else None,
        "page": deepest.pk if deepest else None,
        "image": first_pk(get_image_model()),
        "document": first_pk(get_document_model()),
        "collection": first_pk(Collection, depth__gt=1) or first_pk(Collection),
        "user": first_pk(get_user_model()),
        "group": first_pk(Group),
        "workflow": first_pk(Workflow),
        "task": first_pk(Task),
        "site": first_pk(Site),
        "locale": first_pk(Locale),
        "redirect": first_pk(Redirect),
        "form_page": None,
        "donation": first_pk(Donation),
        "newsletter": first_pk(Newsletter, mailing__isnull=True),
        "sent_newsletter": first_pk(Newsletter, mailing__isnull=False),
        "organisation": first_pk(PartnerOrganisation),
        "member": first_pk(PartnerMembership),
        "invitation": first_pk(Invitation),
        "requirement": first_pk(ReportingRequirement),
        "material": first_pk(PartnerDocument),
        "translation_source": None,
        "translated_page": None,
        "page_types": {},
        "snippets": {model._meta.label_lower: first_pk(model) for model in get_snippet_models()},
    }
    submission = FormSubmission.objects.order_by("pk").first()
    if submission:
        found["form_page"] = submission.page_id
    translation = Translation.objects.order_by("pk").first()
    if translation:
        found["translation_source"] = translation.source_id
        target = translation.get_target_instance()
        found["translated_page"] = target.pk if target else None
    for model in get_page_models():
        if model is Page:
            continue
        label = model._meta.label_lower
        instance = model.objects.filter(locale__language_code="bg").order_by("path").first()
        parent = None
        for parent_model in model.allowed_parent_page_models():
            candidates = parent_model.objects.filter(locale__language_code="bg").order_by("path")
            parent = next((p for p in candidates if model.can_create_at(p)), None)
            if parent:
                break
        found["page_types"][label] = {
            "edit": instance.pk if instance else None,
            "add_under": parent.pk if parent else None,
        }
    return found


def screens(found):
    """[(name, url)] of every screen the facts allow."""
    from wagtail.contrib.settings.registry import registry as settings_registry
    from wagtail.snippets.models import get_snippet_models

    f = found
    out = []

    def add(name, url_name, *args, needs=(), query=""):
        """args name facts (``needs`` says which must exist) or, as ``=value``, are literal."""
        if any(f.get(n) is None for n in needs):
            return
        values = [a[1:] if a.startswith("=") else f[a] for a in args]
        out.append((name, reverse(url_name, args=values) + query))

    # Dashboard, explorer, search, account
    add("dashboard", "wagtailadmin_home")
    add("explorer-root", "wagtailadmin_explore_root")
    add("explorer", "wagtailadmin_explore", "home", needs=["home"])
    add("page-search", "wagtailadmin_pages:search", query="?q=проект")
    add("account", "wagtailadmin_account")
    # One page in depth: its history, move, copy, delete, privacy, revisions, usage
    for view in ("history", "move", "copy", "delete", "unpublish", "revisions_index", "usage"):
        add(f"page-{view}", f"wagtailadmin_pages:{view}", "page", needs=["page"])
    add("page-add-subpage", "wagtailadmin_pages:add_subpage", "home", needs=["home"])
    # Every page type's "add" and "edit"
    for label, where in sorted(f.get("page_types", {}).items()):
        app_label, model_name = label.split(".")
        if where["add_under"] is not None:
            add_url = reverse("wagtailadmin_pages:add", args=[app_label, model_name, where["add_under"]])
            out.append((f"add-{label}", add_url))
        if where["edit"] is not None:
            out.append((f"edit-{label}", reverse("wagtailadmin_pages:edit", args=[where["edit"]])))
        out.append((f"type-use-{label}", reverse("wagtailadmin_pages:type_use", args=[app_label, model_name])))
    # Choosers (the modals' HTML comes back in JSON)
    add("chooser-page", "wagtailadmin_choose_page")
    add("chooser-page-child", "wagtailadmin_choose_page_child", "home", needs=["home"])
    add("chooser-page-search", "wagtailadmin_choose_page_search", query="?q=проект")
    for link in ("external", "email", "phone", "anchor"):
        add(f"chooser-{link}-link", f"wagtailadmin_choose_page_{link}_link")
    add("chooser-image", "wagtailimages_chooser:choose")
    add("chooser-document", "wagtaildocs_chooser:choose")
    add("chooser-task", "wagtailadmin_workflows:task_chooser")
    for model in get_snippet_models():
        viewset = model.snippet_viewset
        add(f"chooser-snippet-{model._meta.label_lower}", viewset.chooser_viewset.get_url_name("choose"))
        add(f"snippet-list-{model._meta.label_lower}", viewset.get_url_name("list"))
        add(f"snippet-add-{model._meta.label_lower}", viewset.get_url_name("add"))
        first = f.get("snippets", {}).get(model._meta.label_lower)
        if first is not None:
            out.append((f"snippet-edit-{model._meta.label_lower}", reverse(viewset.get_url_name("edit"), args=[first])))
    add("snippets", "wagtailsnippets:index")
    # Images, documents, collections
    add("images", "wagtailimages:index")
    add("images-add", "wagtailimages:add_multiple")
    add("image-edit", "wagtailimages:edit", "image", needs=["image"])
    add("image-delete", "wagtailimages:delete", "image", needs=["image"])
    add("documents", "wagtaildocs:index")
    add("documents-add", "wagtaildocs:add_multiple")
    add("document-edit", "wagtaildocs:edit", "document", needs=["document"])
    add("collections", "wagtailadmin_collections:index")
    add("collection-add", "wagtailadmin_collections:add")
    add("collection-edit", "wagtailadmin_collections:edit", "collection", needs=["collection"])
    # Forms and their submissions
    add("forms", "wagtailforms:index")
    add("form-submissions", "wagtailforms:list_submissions", "form_page", needs=["form_page"])
    # Settings
    for model in settings_registry:
        app_label, model_name = model._meta.app_label, model._meta.model_name
        add(f"settings-{app_label}.{model_name}", "wagtailsettings:edit", f"={app_label}", f"={model_name}")
    add("sites", "wagtailsites:index")
    add("site-edit", "wagtailsites:edit", "site", needs=["site"])
    add("locales", "wagtaillocales:index")
    add("locale-edit", "wagtaillocales:edit", "locale", needs=["locale"])
    add("redirects", "wagtailredirects:index")
    add("redirect-add", "wagtailredirects:add")
    add("redirect-edit", "wagtailredirects:edit", "redirect", needs=["redirect"])
    add("donor-data", "donations_donor_data")
    # Reports
    for report in ("locked_pages", "workflow", "workflow_tasks", "site_history", "aging_pages", "page_types_usage"):
        add(f"report-{report}", f"wagtailadmin_reports:{report}")
    # Users and groups
    add("users", "wagtailusers_users:index")
    add("user-add", "wagtailusers_users:add")
    add("user-edit", "wagtailusers_users:edit", "user", needs=["user"])
    add("groups", "wagtailusers_groups:index")
    add("group-add", "wagtailusers_groups:add")
    add("group-edit", "wagtailusers_groups:edit", "group", needs=["group"])
    # Workflows and tasks
    add("workflows", "wagtailadmin_workflows:index")
    add("workflow-add", "wagtailadmin_workflows:add")
    add("workflow-edit", "wagtailadmin_workflows:edit", "workflow", needs=["workflow"])
    add("workflow-usage", "wagtailadmin_workflows:usage", "workflow", needs=["workflow"])
    add("tasks", "wagtailadmin_workflows:task_index")
    add("task-select-type", "wagtailadmin_workflows:select_task_type")
    add("task-edit", "wagtailadmin_workflows:edit_task", "task", needs=["task"])
    # wagtail-localize
    add("translate-page", "wagtail_localize:submit_page_translation", "page", needs=["page"])
    add("localize-translations-report", "wagtail_localize:translations_report")
    add("sync-translations", "wagtail_localize:update_translations", "translation_source",
        needs=["translation_source"])
    add("translation-editor", "wagtailadmin_pages:edit", "translated_page", needs=["translated_page"])
    # The project's own screens
    add("translation-health", "home_translation_health")
    add("donations", "donation_records:index")
    add("failing-gifts", "donation_records:index", query="?failing=true")
    add("donation-inspect", "donation_records:inspect", "donation", needs=["donation"])
    add("bank-statements", "bank_statements:index")
    add("newsletter-subscribers", "newsletter_subscribers:index")
    add("newsletter-send", "newsletters_send", "newsletter", needs=["newsletter"])
    add("newsletter-report", "newsletters_report", "sent_newsletter", needs=["sent_newsletter"])
    add("partner-organisations", "partner_organisations:index")
    add("partner-organisation-add", "partner_organisations:add")
    add("partner-organisation-edit", "partner_organisations:edit", "organisation", needs=["organisation"])
    add("partner-members", "partner_members:index")
    add("partner-member-add", "partner_members:add")
    add("partner-member-edit", "partner_members:edit", "member", needs=["member"])
    add("partner-invitations", "partner_invitations:index")
    add("partner-invitation-add", "partner_invitations:add")
    add("partner-invitation-inspect", "partner_invitations:inspect", "invitation", needs=["invitation"])
    add("partner-downloads", "partner_downloads:index")
    add("partner-reports", "partner_reports:index")
    add("partner-report-add", "partner_reports:add")
    add("partner-report-review", "partner_reports:review", "requirement", needs=["requirement"])
    add("material-downloads", "partner_material_downloads:index")
    add("material-confirmations", "partner_acknowledgements", "material", needs=["material"])
    add("sign-in-records", "sign_in_records:index")
    return out


def every_object_facts():
    """Facts as if every object existed (primary key 1): the names of all the screens, for
    parametrising a test before any database exists."""
    from wagtail.models import Page, get_page_models
    from wagtail.snippets.models import get_snippet_models

    keys = (
        "home", "page", "image", "document", "collection", "user", "group", "workflow", "task", "site", "locale",
        "redirect", "form_page", "donation", "newsletter", "sent_newsletter", "organisation", "member", "invitation",
        "requirement", "material", "translation_source", "translated_page",
    )
    found = dict.fromkeys(keys, 1)
    found["page_types"] = {
        model._meta.label_lower: {"edit": 1, "add_under": 1} for model in get_page_models() if model is not Page
    }
    found["snippets"] = {model._meta.label_lower: 1 for model in get_snippet_models()}
    return found
