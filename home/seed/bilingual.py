"""The vocabulary the seed content is written in.

Each page is described once; every text a visitor reads is a ``T(bg=..., en=...)`` pair, and
``resolve`` turns the description into field values for one language. Both resolutions share
their structure, and StreamField block ids are derived from the page key and the block's
position, so the Bulgarian page and its English shadow line up segment for segment when
wagtail-localize extracts them."""

import uuid
from dataclasses import dataclass, field

# Fixed namespace: the same page key always yields the same translation key and block ids,
# which is how a second run recognises what the first one created.
SEED_NAMESPACE = uuid.UUID("6d1f3a5e-8c1b-4c8e-9f55-2a7b0d9e4c11")

LANGUAGES = ("bg", "en")


@dataclass(frozen=True)
class T:
    """A text in both languages. Both must be given: an untranslated leaf is a seed bug."""

    bg: str
    en: str

    def __post_init__(self):
        if not self.bg.strip() or not self.en.strip():
            raise ValueError(f"T needs both a Bulgarian and an English text: {self!r}")

    def __call__(self, language):
        return getattr(self, language)


@dataclass(frozen=True)
class Same:
    """A text that is deliberately identical in both languages (a form field's key, "25%")
    and still goes through translation, so the English page carries its own copy."""

    text: str

    def __call__(self, language):
        return self.text


@dataclass(frozen=True)
class PageRef:
    """Another seed page, by key. Resolves to the Bulgarian page: page links are stored once
    and shown in the visitor's language through ``Page.localized``."""

    key: str


@dataclass(frozen=True)
class ImageRef:
    key: str


@dataclass(frozen=True)
class Rich:
    """Rich text (HTML) in both languages; ``{name}`` placeholders become page ids of ``links``."""

    text: T
    links: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Block:
    type: str
    value: object


@dataclass(frozen=True)
class Items:
    """The value of a ListBlock: stored in Wagtail's block format, each item with an id,
    because wagtail-localize only extracts list items that carry ids."""

    values: tuple


@dataclass(frozen=True)
class Stream:
    blocks: tuple


def block_id(page_key, path):
    return str(uuid.uuid5(SEED_NAMESPACE, f"block:{page_key}:{path}"))


def translation_key_for(kind, key):
    return uuid.uuid5(SEED_NAMESPACE, f"{kind}:{key}")


class Resolver:
    """Turns spec values into field values for one language.

    ``pages`` and ``images`` map keys to saved objects. A ``lenient`` resolver turns references
    to pages that do not exist yet into None: the first pass creates pages before the pages
    they link to exist; the second pass resolves everything strictly."""

    def __init__(self, language, pages, images, lenient=False):
        if language not in LANGUAGES:
            raise ValueError(language)
        self.language = language
        self.pages = pages
        self.images = images
        self.lenient = lenient

    def page(self, ref):
        page = self.pages.get(ref.key)
        if page is None and not self.lenient:
            raise KeyError(f"Seed page {ref.key!r} is referenced before it exists")
        return page

    def image(self, ref):
        return self.images[ref.key]

    def field_value(self, value, page_key, field_name):
        """A model field's value: objects for foreign keys, raw JSON lists for StreamFields."""
        if isinstance(value, Stream):
            return [
                self._stream_child(block, page_key, f"{field_name}/{index}") for index, block in enumerate(value.blocks)
            ]
        if isinstance(value, PageRef):
            return self.page(value)
        if isinstance(value, ImageRef):
            return self.image(value)
        return self._leaf(value)

    def _leaf(self, value):
        if isinstance(value, T | Same):
            return value(self.language)
        if isinstance(value, Rich):
            html = value.text(self.language)
            if value.links:
                ids = {}
                for name, ref in value.links.items():
                    page = self.page(ref)
                    ids[name] = page.pk if page is not None else 0
                html = html.format(**ids)
            return html
        if isinstance(value, PageRef):
            page = self.page(value)
            return page.pk if page is not None else None
        if isinstance(value, ImageRef):
            return self.image(value).pk
        return value

    def _stream_child(self, block, page_key, path):
        return {
            "type": block.type,
            "value": self._block_value(block.value, page_key, path),
            "id": block_id(page_key, path),
        }

    def _block_value(self, value, page_key, path):
        if isinstance(value, dict):
            return {name: self._block_value(child, page_key, f"{path}/{name}") for name, child in value.items()}
        if isinstance(value, Items):
            return [
                {
                    "type": "item",
                    "value": self._block_value(item, page_key, f"{path}/{index}"),
                    "id": block_id(page_key, f"{path}/{index}"),
                }
                for index, item in enumerate(value.values)
            ]
        if isinstance(value, Stream):
            return [self._stream_child(block, page_key, f"{path}/{index}") for index, block in enumerate(value.blocks)]
        return self._leaf(value)


# --- Block builders for home/blocks.py's BaseStreamBlock, KeyFigureBlock and ConsultingOfferBlock ---


def heading(text, level="h2"):
    return Block("heading", {"text": text, "level": level})


def paragraph(html, **links):
    """Rich text; ``html`` is a T of HTML. Keyword arguments name the pages its links point to."""
    return Block("paragraph", Rich(html, links))


def quote(text, attribution=""):
    return Block("quote", {"quote": text, "attribution": attribution})


def bullet_list(items, title=""):
    return Block("list", {"heading": title, "items": Items(tuple(items))})


def image(image_ref, alt_text, caption=""):
    return Block("image", {"image": image_ref, "alt_text": alt_text, "decorative": False, "caption": caption})


def call_to_action(title, text, page_ref, button_label):
    return Block(
        "call_to_action", {"title": title, "text": text, "page": page_ref, "url": "", "button_label": button_label}
    )


def key_figure(figure, label, attribution, link=None):
    return Block("figure", {"figure": figure, "label": label, "attribution": attribution, "link": link})


def offer(title, description, includes=()):
    return Block("offer", {"title": title, "description": description, "includes": Items(tuple(includes))})


def simple_blocks(block_type, items):
    """A StreamField of one block type holding plain values (funders, target groups, results)."""
    return Stream(tuple(Block(block_type, item) for item in items))


def stream(*blocks):
    return Stream(tuple(blocks))


@dataclass(frozen=True)
class FormFieldSpec:
    """One field of a contact or enquiry form. ``clean_name`` is the key submissions are stored
    under: the same in both languages, so answers from both forms land in the same columns."""

    clean_name: str
    label: T
    field_type: str
    required: bool = True
    help_text: T | None = None


@dataclass(frozen=True)
class PageSpec:
    key: str
    model: str
    parent: str | None
    fields: dict
    show_in_menus: bool = False
    form_fields: tuple = ()
    places: tuple = ()

    @property
    def translation_key(self):
        return translation_key_for("page", self.key)

    def form_field_translation_key(self, clean_name):
        return translation_key_for("form-field", f"{self.key}:{clean_name}")
