"""Storage for private documents on S3-compatible object storage (used when a bucket is set).

Like partners.storage.PrivateDocumentStorage on the local disk: objects are written with a
private ACL and the storage refuses to make a URL, so a document can only leave through Django's
serve and download views, which check who is asking and stream the file."""

from storages.backends.s3 import S3Storage


class PrivateS3Storage(S3Storage):
    def url(self, name, parameters=None, expire=None, http_method=None):
        raise NotImplementedError("Private documents have no public URL; link to the serve or download view.")
