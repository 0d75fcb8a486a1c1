"""Where document files live: outside MEDIA_ROOT, so no web server rule for /media/ can ever
hand one out. Every document is served through Django (Wagtail's serve view or the partners'
download view), which checks who is asking first."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateDocumentStorage(FileSystemStorage):
    """File system storage with no public URL at all: asking for one is a programming error,
    and Wagtail's serve view treats NotImplementedError as "serve it through the view"."""

    def __init__(self, location=None, **kwargs):
        kwargs.pop("base_url", None)
        self.configured_location = location
        super().__init__(location=location, **kwargs)

    # Read on every use, not cached: tests point PRIVATE_MEDIA_ROOT at a temporary directory.
    @property
    def base_location(self):
        return self.configured_location or settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise NotImplementedError("Private documents have no public URL; link to the serve or download view.")


def private_document_storage():
    """Callable for FileField(storage=...): keeps the path out of migrations. The settings'
    STORAGES["private_documents"] (object storage with no public URL in production, when a
    bucket is configured) wins; otherwise the local directory PRIVATE_MEDIA_ROOT."""
    from django.core.files.storage import storages

    if "private_documents" in settings.STORAGES:
        return storages["private_documents"]
    return PrivateDocumentStorage()
