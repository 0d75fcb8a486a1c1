"""The base forms of Wagtail's image and document admin (WAGTAILIMAGES_IMAGE_FORM_BASE and
WAGTAILDOCS_DOCUMENT_FORM_BASE, Wagtail's documented extension points), used by every upload
view: add, edit, the multiple upload and the choosers. They add the content checks of
core/uploads.py, so that a malformed file is a form error on the file field (which the multiple
upload shows next to the file) instead of a 500."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from core import uploads


class DecodedImageField(WagtailImageField):
    """Wagtail's image field, with every frame decoded before the file is accepted."""

    def check_image_pixel_size(self, f):
        # Wagtail's own check asks Willow for the size, and Willow decodes the whole image to
        # answer: first count the pixels from the header and decode every frame ourselves.
        uploads.check_image(f, self.max_image_pixels)
        super().check_image_pixel_size(f)

    def to_python(self, data):
        try:
            return super().to_python(data)
        except ValidationError:
            raise
        except Exception as error:  # noqa: BLE001 - anything Willow or Pillow raise on a bad file
            raise ValidationError(uploads.DAMAGED_IMAGE, code="invalid_image") from error


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail builds the file field itself (its formfield callback, reading the upload limits
        # from the settings on every form): rebuild it as the same field that also decodes.
        current = self.fields.get("file")
        if current is not None and not isinstance(current, DecodedImageField):
            self.fields["file"] = DecodedImageField(
                label=current.label, required=current.required, widget=current.widget, initial=current.initial
            )


class DocumentForm(BaseDocumentForm):
    def clean_file(self):
        file = self.cleaned_data.get("file")
        if isinstance(file, UploadedFile):  # a new upload, not the stored file of an edit
            try:
                uploads.check_document(file.name, file)
            except ValidationError:
                # Wagtail's Document.clean checks the extension of the instance's file: without
                # the (refused, never saved) upload it would add "File extension “” is not allowed".
                self.instance.file = file
                raise
        return file
