"""The one registry of the personal data the site holds.

Each app declares, in its own ``personal_data.py`` (found by ``CoreConfig.ready``), which of its
models hold personal data: a ``Category`` per kind of record, saying which fields, why (purpose
and legal basis), who receives them, how long they are kept (a setting with a documented
default) and what erasing them does (delete, or anonymise while keeping what a named law
requires). Models that only look personal (an organisation's name, a form field's name) are
declared with ``registry.not_personal`` and a reason. tests/privacy/test_registry.py walks every
installed model and fails on one that holds an email address, an IP address or a name and is
declared nowhere.

Everything that acts on personal data goes through this module: ``export`` (one person's copy),
``erase`` (the admin's GDPR screen, ``manage.py erase_personal_data`` and the donor's own
"delete my data"), ``prune`` (``manage.py prune_personal_data``, every retention period) and
``notice_rows`` (the privacy notice's table). Nothing here imports an app of the project: the
apps register into it."""

import datetime
import hashlib
import re
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

DELETE = "delete"
ANONYMISE = "anonymise"
# Kept on purpose when the person asks for erasure (the category's ``kept`` says why).
KEEP = "keep"
# Not held in records the site can find by email address (e.g. names an editor published on a
# page): staff change it by hand, in the page editor.
BY_HAND = "by_hand"

DAYS = "days"
YEARS = "years"

# Rows are deleted or anonymised in batches of this many, so that a first prune of years of
# records holds no lock for long and builds no giant IN (...) list.
BATCH_SIZE = 2000


def normalise_email(email):
    return (email or "").strip().lower()


def email_hash(email):
    """A one-way fingerprint of an address (SHA-256 of the lowercased address): what the site
    keeps where it must recognise an address again without holding it (an unsubscription, an
    erasure record). Not keyed with SECRET_KEY on purpose: a rotated key must not make an
    unsubscribed address receive the newsletter again."""
    return hashlib.sha256(normalise_email(email).encode()).hexdigest()


EMAIL_PATTERN = re.compile(r"[^\s@<>\"'(),;:]+@[^\s@<>\"'(),;:]+\.[A-Za-z0-9-]+")


def plain(value):
    """A JSON-ready value for the export."""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return str(value)


class Subject:
    """The person a request is about, found by their email address. The user accounts with that
    address are looked up once and remembered, so that records found through an account (its
    sign-ins, its sessions) are still found after an earlier category deleted the account."""

    def __init__(self, email):
        self.email = normalise_email(email)
        self.hash = email_hash(self.email)
        self._user_ids = None

    def user_ids(self):
        if self._user_ids is None:
            ids = set()
            for lookup in registry.user_lookups:
                ids.update(lookup(self.email))
            self._user_ids = sorted(ids)
        return self._user_ids


@dataclass
class Outcome:
    """What erasing or pruning did to one category's rows."""

    deleted: int = 0
    anonymised: int = 0
    kept: int = 0

    @property
    def changed(self):
        return self.deleted + self.anonymised

    def as_dict(self):
        return {"deleted": self.deleted, "anonymised": self.anonymised, "kept": self.kept}


@dataclass
class ErasureContext:
    subject: Subject
    now: datetime.datetime
    actor_label: str
    # Per-category scratch space (e.g. the placeholder address all of a donor's gifts share).
    notes: dict = field(default_factory=dict)


class Category:
    """One kind of personal record. Subclass it in an app's ``personal_data.py`` and decorate
    the subclass with ``@registry.register``. Texts are lazy translations: the export, the admin
    and the privacy notice show them in the reader's language."""

    key = ""  # "app.kind", stable: settings and erasure records refer to it
    model = None  # "app_label.ModelName", or None for data the site uses but does not store
    # Other models whose rows belong to this category's rows and go with them (CASCADE).
    also_covers = ()
    what = ""  # a heading: "Donations"
    group = ""  # the privacy notice's section: "Donations", "The partner area"...
    held = ""  # what is held, in words; defaults to the fields' names
    fields = ()  # the fields holding personal data
    purpose = ""
    legal_basis = ""
    recipients = ()
    # Retention: a setting (an int, in retention_unit) with this documented default; None: no
    # fixed period, ``retention_text`` says how long instead.
    retention_setting = None
    retention_default = None
    retention_unit = DAYS
    retention_from = ""  # "after the attempt was started"
    retention_text = ""  # for categories without a fixed period
    at_end_of_period = DELETE
    erasure = DELETE
    # What an erasure keeps and why (which law), and the fields it keeps.
    kept = ""
    kept_fields = ()
    erase_order = 100
    # Where it comes in the privacy notice and the export (the things visitors do first).
    order = 100
    email_field = "email"

    # --- what the rows are ---------------------------------------------------------------------

    def get_model(self):
        return apps.get_model(self.model) if self.model else None

    def queryset(self):
        return self.get_model()._default_manager.all()

    def rows_for(self, subject):
        """The rows about this person."""
        if self.erasure == BY_HAND:
            return self.queryset().none()
        return self.queryset().filter(**{f"{self.email_field}__iexact": subject.email})

    # --- export --------------------------------------------------------------------------------

    export_fields = ()  # shown in the export besides ``fields``

    def export_row(self, row):
        data = {"id": plain(row.pk)}
        for name in (*self.fields, *self.export_fields):
            value = getattr(row, name)
            if hasattr(value, "_meta"):  # a related object: its name, not its id
                value = str(value)
            data[name] = plain(value)
        return data

    # --- erasure -------------------------------------------------------------------------------

    def blockers(self, subject):
        """Reasons (translated) why this person's data cannot be erased yet."""
        return []

    def kept_until(self, rows):
        """The date until which what an erasure keeps of ``rows`` stays at most, if known."""
        return None

    def erase(self, rows, context):
        if self.erasure == DELETE:
            return Outcome(deleted=delete_rows(rows))
        if self.erasure == ANONYMISE:
            return Outcome(anonymised=self.anonymise(list(rows), context))
        if self.erasure == KEEP:
            return Outcome(kept=len(list(rows)))
        return Outcome()

    def anonymise(self, rows, context):
        raise NotImplementedError(f"{self.key} anonymises but does not say how")

    # --- retention -----------------------------------------------------------------------------

    def period(self):
        """The retention period in force (in ``retention_unit``), or None."""
        if self.retention_setting is None:
            return None
        value = getattr(settings, self.retention_setting, self.retention_default)
        return int(value)

    def cutoff(self, now):
        period = self.period()
        if self.retention_unit == YEARS:
            return now - datetime.timedelta(days=365 * period)
        return now - datetime.timedelta(days=period)

    # The row's date its retention period counts from (with the default ``expired``).
    timestamp_field = None

    def expired(self, now):
        """Rows past their period (None when the category has no period)."""
        if self.period() is None or self.timestamp_field is None:
            return None
        return self.queryset().filter(**{f"{self.timestamp_field}__lt": self.cutoff(now)})

    def prune(self, rows, now):
        if self.at_end_of_period == ANONYMISE:
            context = ErasureContext(subject=None, now=now, actor_label="retention")
            return Outcome(anonymised=self.anonymise_expired(rows, context))
        return Outcome(deleted=delete_rows(rows))

    def anonymise_expired(self, rows, context):
        return anonymise_in_batches(rows, lambda batch: self.anonymise(batch, context))

    # --- texts ---------------------------------------------------------------------------------

    def held_text(self):
        if self.held:
            return str(self.held)
        model = self.get_model()
        return ", ".join(str(model._meta.get_field(name).verbose_name) for name in self.fields)

    def how_long(self):
        period = self.period()
        if period is None:
            return str(self.retention_text)
        if self.retention_unit == YEARS or period % 365 == 0:
            years = period if self.retention_unit == YEARS else period // 365
            amount = ngettext("%(count)d year", "%(count)d years", years) % {"count": years}
        else:
            amount = ngettext("%(count)d day", "%(count)d days", period) % {"count": period}
        then = _("then deleted") if self.at_end_of_period == DELETE else _("then anonymised")
        return f"{amount} {self.retention_from}; {then}"

    def erasure_text(self):
        if self.erasure == DELETE:
            return str(_("Deleted."))
        if self.erasure == BY_HAND:
            return str(_("Changed by staff by hand, on request."))
        return str(self.kept)


def delete_rows(rows):
    """Delete ``rows`` (a queryset) in batches; returns how many rows of its model went."""
    model = rows.model
    total = 0
    while True:
        batch = list(rows.values_list("pk", flat=True)[:BATCH_SIZE])
        if not batch:
            return total
        with transaction.atomic():
            _count, per_model = model._default_manager.filter(pk__in=batch).delete()
        total += per_model.get(model._meta.label, 0)


def anonymise_in_batches(rows, anonymise):
    """Call ``anonymise(list_of_rows)`` on ``rows`` batch by batch. The category's queryset must
    no longer match a row once it is anonymised (or this would not end)."""
    model = rows.model
    total = 0
    while True:
        batch = list(rows.values_list("pk", flat=True)[:BATCH_SIZE])
        if not batch:
            return total
        with transaction.atomic():
            total += anonymise(list(model._default_manager.filter(pk__in=batch)))


class Registry:
    def __init__(self):
        self._categories = {}
        self.exclusions = {}
        self.user_lookups = [_users_with_email]

    def register(self, category_class):
        category = category_class()
        if not category.key or category.key in self._categories:
            raise ValueError(f"personal-data category needs a unique key: {category.key!r}")
        self._categories[category.key] = category
        return category_class

    def not_personal(self, model_label, reason):
        """Declare that ``model_label`` holds no personal data, and why (its email, name or
        address fields belong to an organisation, a place, a form field...). The reason is for
        developers: it is shown nowhere on the site."""
        self.exclusions[model_label] = reason

    def add_user_lookup(self, lookup):
        """``lookup(email) -> user ids``: another way to find a person's accounts."""
        self.user_lookups.append(lookup)

    def categories(self):
        return sorted(self._categories.values(), key=lambda category: category.order)

    def get(self, key):
        return self._categories[key]

    def covered_models(self):
        covered = set(self.exclusions)
        for category in self._categories.values():
            if category.model:
                covered.add(category.model)
            covered.update(category.also_covers)
        return covered


def _users_with_email(email):
    from django.contrib.auth import get_user_model

    return get_user_model()._default_manager.filter(email__iexact=email).values_list("pk", flat=True)


registry = Registry()


# --- one person ---------------------------------------------------------------------------------


def export(email):
    """Everything held about ``email``, as JSON-ready data: per category, what it is, why it is
    held, for how long, who receives it and the records themselves."""
    subject = Subject(email)
    categories = []
    for category in registry.categories():
        if category.model is None:
            continue
        records = [category.export_row(row) for row in category.rows_for(subject)]
        if not records:
            continue
        categories.append(
            {
                "key": category.key,
                "what": str(category.what),
                "data": category.held_text(),
                "purpose": str(category.purpose),
                "legal_basis": str(category.legal_basis),
                "kept_for": category.how_long(),
                "recipients": [str(recipient) for recipient in category.recipients],
                "records": records,
            }
        )
    return {"email": subject.email, "exported_at": timezone.now().isoformat(), "categories": categories}


@dataclass
class PreviewItem:
    category: Category
    count: int
    until: datetime.date | None = None

    @property
    def action(self):
        return self.category.erasure


def preview(email):
    """What an erasure of ``email`` would touch: (category, number of rows), for every category
    holding something about the person."""
    subject = Subject(email)
    items = []
    for category in registry.categories():
        if category.model is None:
            continue
        rows = category.rows_for(subject)
        count = rows.count()
        if count:
            items.append(PreviewItem(category, count, category.kept_until(rows)))
    return items


def blockers(email):
    subject = Subject(email)
    reasons = []
    for category in registry.categories():
        reasons.extend(category.blockers(subject))
    return reasons


class ErasureBlocked(Exception):
    def __init__(self, reasons):
        super().__init__("; ".join(str(reason) for reason in reasons))
        self.reasons = reasons


def erase(email, *, channel, user=None, actor_label=""):
    """Erase everything held about ``email`` (each category deletes or anonymises its rows) and
    record who did it and when. Idempotent: a second call finds nothing left to change, records
    nothing and returns None. Raises ErasureBlocked when something must happen first."""
    from core.models import ErasureRecord

    subject = Subject(email)
    if not subject.email:
        raise ValueError("no email address")
    reasons = blockers(subject.email)
    if reasons:
        raise ErasureBlocked(reasons)
    if user is not None and not actor_label:
        actor_label = user.get_username()
    context = ErasureContext(subject=subject, now=timezone.now(), actor_label=actor_label or channel)
    subject.user_ids()  # before any account is deleted
    summary = {}
    with transaction.atomic():
        for category in sorted(registry.categories(), key=lambda item: item.erase_order):
            if category.model is None:
                continue
            outcome = category.erase(category.rows_for(subject), context)
            if outcome.changed or outcome.kept:
                summary[category.key] = outcome.as_dict()
        if not any(item["deleted"] or item["anonymised"] for item in summary.values()):
            return None
        return ErasureRecord.objects.create(
            email_hash=subject.hash,
            channel=channel,
            actor=user if user is not None and user.pk else None,
            actor_label=actor_label[:200],
            summary=summary,
        )


def erasure_history(email):
    from core.models import ErasureRecord

    return list(ErasureRecord.objects.filter(email_hash=email_hash(email)).order_by("-created_at"))


# --- everyone: retention ---------------------------------------------------------------------


@dataclass
class PruneLine:
    category: Category
    count: int
    action: str


def prune(now=None, dry_run=False):
    """Apply every retention period: delete or anonymise the rows past it. Safe to run as often
    as one likes (a second run finds nothing)."""
    now = now or timezone.now()
    lines = []
    for category in registry.categories():
        if category.model is None:
            continue
        rows = category.expired(now)
        if rows is None:
            continue
        if dry_run:
            lines.append(PruneLine(category, rows.count(), category.at_end_of_period))
            continue
        outcome = category.prune(rows, now)
        lines.append(PruneLine(category, outcome.changed, category.at_end_of_period))
    return lines


# --- the privacy notice ------------------------------------------------------------------------


def notice_rows():
    """One row per category, in the active language: what, which data, why, how long, who
    receives it, and what erasure does."""
    return [
        {
            "key": category.key,
            "group": str(category.group),
            "what": str(category.what),
            "data": category.held_text(),
            "purpose": str(category.purpose),
            "legal_basis": str(category.legal_basis),
            "how_long": category.how_long(),
            "recipients": [str(recipient) for recipient in category.recipients],
            "erasure": category.erasure_text(),
        }
        for category in registry.categories()
    ]


# --- core's own records ----------------------------------------------------------------------

FOUNDATION_STAFF = _("The foundation's staff who handle it")
RUNNING_THE_SITE = _("Running the website")
EMAIL_PROVIDER = _("The email service the site sends its emails through")


@registry.register
class ErasureRecords(Category):
    key = "core.erasures"
    model = "core.ErasureRecord"
    order = 90
    group = RUNNING_THE_SITE
    what = _("Records of erasure requests")
    held = _("a one-way hash of the email address (not the address), when, through which channel and by whom")
    fields = ("email_hash", "channel", "actor_label", "created_at", "summary")
    purpose = _("To show that a request to erase personal data was carried out.")
    legal_basis = _("Legal obligation to be able to demonstrate compliance (GDPR art. 5(2) and 6(1)(c)).")
    recipients = (FOUNDATION_STAFF,)
    retention_text = _("Kept as the record that the request was carried out.")
    erasure = KEEP
    kept = _("Kept: it holds no address, only the one-way hash, and is the proof that the erasure was done.")
    kept_fields = fields

    def rows_for(self, subject):
        return self.queryset().filter(email_hash=subject.hash)


@registry.register
class BackgroundEmailTasks(Category):
    """With the database task backend (production), each queued email is a row whose arguments
    can name the recipient (the manage-my-donation link takes the address itself)."""

    key = "core.email_tasks"
    model = "django_tasks_database.DBTaskResult"
    order = 85
    group = RUNNING_THE_SITE
    what = _("Emails waiting to be sent, and the record of sent ones")
    held = _("the arguments of the sending task, which can include the email address")
    fields = ("args_kwargs", "task_path", "enqueued_at", "finished_at")
    purpose = _("To send the site's emails in the background and retry them if the mail server is down.")
    legal_basis = _("The same as the email's own purpose (see the rows above).")
    recipients = (EMAIL_PROVIDER,)
    retention_setting = "RETENTION_EMAIL_TASKS_DAYS"
    retention_default = 14
    retention_from = _("after the email was sent")
    timestamp_field = "finished_at"

    def rows_for(self, subject):
        from django.db.models import Q

        return self.queryset().filter(
            Q(args_kwargs__icontains=subject.email) | Q(return_value__icontains=subject.email)
            | Q(traceback__icontains=subject.email)
        )


def sessions_engine():
    from importlib import import_module

    return import_module(settings.SESSION_ENGINE)


@registry.register
class Sessions(Category):
    key = "core.sessions"
    model = "sessions.Session"
    order = 80
    group = RUNNING_THE_SITE
    what = _("Sign-in sessions")
    held = _("which account is signed in on a browser, and until when")
    fields = ("expire_date",)
    purpose = _("To keep a partner or staff member signed in.")
    legal_basis = _("Necessary to provide the sign-in they use (GDPR art. 6(1)(b) and (f)).")
    recipients = ()
    erase_order = 800

    def how_long(self):
        hours = max(1, settings.SESSION_COOKIE_AGE // 3600)
        return ngettext(
            "Until the session ends, at most %(count)d hour after signing in; then deleted.",
            "Until the session ends, at most %(count)d hours after signing in; then deleted.",
            hours,
        ) % {"count": hours}

    def rows_for(self, subject):
        ids = {str(pk) for pk in subject.user_ids()}
        if not ids:
            return self.queryset().none()
        keys = [
            session.session_key
            for session in self.queryset().filter(expire_date__gt=timezone.now()).iterator()
            if str(session.get_decoded().get("_auth_user_id", "")) in ids
        ]
        return self.queryset().filter(session_key__in=keys)

    def export_row(self, row):
        return {"expires": plain(row.expire_date)}

    def erase(self, rows, context):
        store = sessions_engine().SessionStore
        keys = list(rows.values_list("session_key", flat=True))
        for key in keys:
            # Through the session store, so a cached_db session leaves the cache as well.
            store(session_key=key).delete()
        return Outcome(deleted=len(keys))

    def expired(self, now):
        return self.queryset().filter(expire_date__lt=now)

    def prune(self, rows, now):
        count = rows.count()
        # What `manage.py clearsessions` does, for the configured engine.
        sessions_engine().SessionStore.clear_expired()
        return Outcome(deleted=count)

