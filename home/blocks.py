"""Blocks of the home app's own page types (the shared ones are in core.blocks)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class ConsultingOfferBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Offer"))
    description = blocks.TextBlock(label=_("Description"))
    includes = blocks.ListBlock(blocks.CharBlock(label=_("Item")), required=False, label=_("What it includes"))

    class Meta:
        icon = "tick-inverse"
        label = _("Consulting offer")
        template = "blocks/consulting_offer_block.html"
