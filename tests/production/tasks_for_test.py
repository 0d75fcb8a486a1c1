"""A task for the worker test: module level, as django-tasks requires."""

from django.core import mail
from django_tasks import task


@task()
def send_note(address):
    mail.send_mail("Note", "Sent by the worker.", None, [address])
    return address
