"""The blocks a newsletter is written with: the site's own blocks (core/blocks.py), minus what
an email cannot carry (embedded video, links to documents, which may be private partner
materials). Every name is also a block of the press page's body (core.blocks.BaseStreamBlock),
so a sent newsletter can be published as a press item with its body as it is."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from core.blocks import (
    AccessibleImageBlock,
    CallToActionBlock,
    HeadingBlock,
    KeyFiguresBlock,
    QuoteBlock,
    SectionListBlock,
)


class NewsletterStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul"], label=_("Text"), template="blocks/paragraph_block.html"
    )
    image = AccessibleImageBlock()
    quote = QuoteBlock()
    key_figures = KeyFiguresBlock()
    list = SectionListBlock()
    call_to_action = CallToActionBlock()
