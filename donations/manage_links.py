"""The signed "manage my donations" token: its own module, so that the card-update emails (read
by the tasks) can make one without importing the self-service views, which enqueue tasks."""

from django.core import signing

MANAGE_SALT = "donations.manage-my-donation"


def signer():
    return signing.TimestampSigner(salt=MANAGE_SALT)


def make_token(email):
    return signer().sign_object({"e": email.strip().lower()})
