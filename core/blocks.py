"""StreamField blocks shared by every page type (home, projects, donations). Each block renders
with the template named after it in templates/blocks/."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Level 2")), ("h3", _("Level 3"))], default="h2", label=_("Level")
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"


class AccessibleImageBlock(blocks.StructBlock):
    """An image whose alt text is written for this use of it and is translatable."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        required=False,
        label=_("Alternative text"),
        help_text=_("What the image shows, for people who cannot see it. Leave empty only if decorative."),
    )
    decorative = blocks.BooleanBlock(required=False, label=_("Decorative image (no alt text)"))
    caption = blocks.CharBlock(required=False, label=_("Caption"))

    def clean(self, value):
        value = super().clean(value)
        if not value.get("decorative") and not value.get("alt_text"):
            from django.core.exceptions import ValidationError
            from wagtail.blocks import StructBlockValidationError

            raise StructBlockValidationError(
                {"alt_text": ValidationError(_("Describe the image, or mark it as decorative."))}
            )
        return value

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/accessible_image_block.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(required=False, label=_("Attribution"))

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"


class KeyFigureBlock(blocks.StructBlock):
    """A figure is always shown with who it belongs to: the foundation's own figures and a
    project's figures (whose lead organisation may be another body) must not be mixed up."""

    figure = blocks.CharBlock(label=_("Figure"), help_text=_("For example: 120"))
    label = blocks.CharBlock(label=_("What it counts"))
    attribution = blocks.CharBlock(label=_("Whose figure it is"), help_text=_("Organisation or project"))
    link = blocks.PageChooserBlock(required=False, label=_("Page with details"))

    class Meta:
        icon = "pick"
        label = _("Key figure")
        template = "blocks/key_figure_block.html"


class KeyFiguresBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, label=_("Heading"))
    figures = blocks.ListBlock(KeyFigureBlock(), label=_("Figures"))

    class Meta:
        icon = "list-ul"
        label = _("Key figures row")
        template = "blocks/key_figures_block.html"


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"))
    text = blocks.TextBlock(required=False, label=_("Text"))
    page = blocks.PageChooserBlock(required=False, label=_("Link to a page"))
    url = blocks.URLBlock(required=False, label=_("Or an external link"))
    button_label = blocks.CharBlock(label=_("Button label"))

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            from django.core.exceptions import ValidationError
            from wagtail.blocks import StructBlockValidationError

            raise StructBlockValidationError({"page": ValidationError(_("Choose a page or enter a link."))})
        return value

    class Meta:
        icon = "link"
        label = _("Call to action")
        template = "blocks/call_to_action_block.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(required=False, label=_("Link text"))


class DocumentLinksBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, label=_("Heading"))
    documents = blocks.ListBlock(DocumentLinkBlock(), label=_("Documents"))

    class Meta:
        icon = "doc-full"
        label = _("Document links")
        template = "blocks/document_links_block.html"


class SectionListBlock(blocks.StructBlock):
    """A titled list of items, e.g. the services a centre offers."""

    heading = blocks.CharBlock(required=False, label=_("Heading"))
    items = blocks.ListBlock(blocks.CharBlock(label=_("Item")), label=_("Items"))

    class Meta:
        icon = "list-ul"
        label = _("List")
        template = "blocks/section_list_block.html"


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul", "document-link"],
        label=_("Text"),
        template="blocks/paragraph_block.html",
    )
    image = AccessibleImageBlock()
    quote = QuoteBlock()
    key_figures = KeyFiguresBlock()
    list = SectionListBlock()
    call_to_action = CallToActionBlock()
    document_links = DocumentLinksBlock()
    embed = EmbedBlock(label=_("Embedded media"), template="blocks/embed_block.html")


class PartnerBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name"))
    url = blocks.URLBlock(required=False, label=_("Website"))

    class Meta:
        icon = "group"
        label = _("Partner")
