"""The newsletters app's records in the personal-data registry (core/personal_data.py).

A Delivery points at a subscriber (donations.NewsletterSubscriber, declared there) and holds no
address or name of its own: unsubscribing or an erasure deletes the subscriber, and the row
keeps only that an email went out. A Mailing names the staff account that started it."""

from core.personal_data import registry

registry.not_personal(
    "newsletters.Mailing",
    "The staff account that started a sending, like Wagtail's own log of who published what; the subject and "
    "parts are the newsletter's, the same for every recipient.",
)
