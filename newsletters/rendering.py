"""A newsletter as an email: the subject, an HTML part with the styles inline (mail programs
drop style sheets) and a plain-text part, both in the newsletter's language, every link and
image on the site's public address (SITE_URL, core/site_url.py).

The parts are rendered once per sending with a placeholder where each recipient's own
unsubscribe link goes (``personalise``): a thousand recipients cost one rendering."""

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from core import site_url

UNSUBSCRIBE_PLACEHOLDER = "%%UNSUBSCRIBE_URL%%"
# The preview's unsubscribe link leads nowhere personal: the preview is nobody's email.
PREVIEW_UNSUBSCRIBE = "#unsubscribe"
LINK_ATTRIBUTE = re.compile(r'(\s(?:href|src)=")(/[^"]*)"')
IMAGE_FILTER = "width-1200"


@dataclass
class RenderedEmail:
    subject: str
    html: str
    text: str


def absolute_links(markup):
    """Every href and src that names only a path gets the site's public address."""
    return LINK_ATTRIBUTE.sub(lambda match: f'{match.group(1)}{site_url.absolute_url(match.group(2))}"', markup)


def page_link(page):
    if page is None:
        return ""
    page = page.localized
    return site_url.page_url(page) or ""


def image_url(image):
    rendition = image.get_rendition(IMAGE_FILTER)
    return site_url.absolute_url(rendition.url)


# --- blocks ------------------------------------------------------------------------------------


def block_context(block):
    value = block.value
    context = {"value": value, "block_type": block.block_type}
    if block.block_type == "image" and value.get("image"):
        context["image_url"] = image_url(value["image"])
        context["alt"] = "" if value.get("decorative") else value.get("alt_text", "")
    elif block.block_type == "call_to_action":
        context["target"] = page_link(value.get("page")) or value.get("url") or ""
    elif block.block_type == "key_figures":
        context["figures"] = [
            {"figure": figure["figure"], "label": figure["label"], "attribution": figure["attribution"],
             "link": page_link(figure.get("link"))}
            for figure in value["figures"]
        ]
    elif block.block_type == "paragraph":
        context["markup"] = mark_safe(absolute_links(str(value)))  # noqa: S308 - Wagtail's rich text, sanitised
    return context


def render_blocks(newsletter):
    return mark_safe(  # noqa: S308 - rendered by our own templates, values escaped there
        "".join(
            render_to_string(f"newsletters/email_blocks/{block.block_type}.html", block_context(block))
            for block in newsletter.body
        )
    )


class TextFromHtml(HTMLParser):
    """Rich text as plain text: paragraphs and list items on their own lines, each link followed
    by its address in angle brackets (the way plain-text mail shows links)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag in ("p", "h2", "h3", "ul", "ol", "blockquote"):
            self.parts.append("\n\n")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "a":
            self.links.append(dict(attrs).get("href", ""))

    def handle_endtag(self, tag):
        if tag == "a" and self.links:
            href = self.links.pop()
            if href and not href.startswith("#"):
                self.parts.append(f" <{href}>")

    def handle_data(self, data):
        self.parts.append(re.sub(r"\s+", " ", data))

    def text(self):
        joined = "".join(self.parts)
        lines = [line.strip() for line in joined.splitlines()]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def html_to_text(markup):
    parser = TextFromHtml()
    parser.feed(markup)
    parser.close()
    return parser.text()


def block_text(block):
    context = block_context(block)
    value = block.value
    kind = block.block_type
    if kind == "heading":
        return f"{value['text']}\n{'=' * len(value['text']) if value['level'] == 'h2' else '-' * len(value['text'])}"
    if kind == "paragraph":
        return html_to_text(context["markup"])
    if kind == "image":
        words = context.get("alt") or value.get("caption")
        return f"[{words}]" if words else ""
    if kind == "quote":
        quote = "\n".join(f"> {line}" for line in value["quote"].splitlines())
        return quote + (f"\n> — {value['attribution']}" if value.get("attribution") else "")
    if kind == "key_figures":
        lines = [value["heading"]] if value.get("heading") else []
        for figure in context["figures"]:
            line = f"{figure['figure']} — {figure['label']} ({figure['attribution']})"
            lines.append(line + (f" <{figure['link']}>" if figure["link"] else ""))
        return "\n".join(lines)
    if kind == "list":
        lines = [value["heading"]] if value.get("heading") else []
        return "\n".join(lines + [f"- {item}" for item in value["items"]])
    if kind == "call_to_action":
        lines = [value["title"]]
        if value.get("text"):
            lines.append(value["text"])
        if context["target"]:
            lines.append(f"{value['button_label']}: {context['target']}")
        return "\n".join(lines)
    return ""


def organisation():
    from wagtail.models import Site

    from core.organisation import organisation_for_site

    return organisation_for_site(Site.objects.filter(is_default_site=True).first())


def render_email(newsletter, unsubscribe_url=UNSUBSCRIBE_PLACEHOLDER):
    language = newsletter.language if newsletter.language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    with translation.override(language):
        home = site_url.absolute_url(f"/{language}/")
        context = {
            "newsletter": newsletter,
            "language": language,
            "organisation": organisation(),
            "home_url": home,
            "site_host": site_url.site_address()[0],
            "unsubscribe_url": unsubscribe_url,
        }
        markup = render_to_string(
            "newsletters/email.html", {**context, "blocks": render_blocks(newsletter)}
        )
        sections = [text for text in (block_text(block) for block in newsletter.body) if text]
        text = render_to_string("newsletters/email.txt", {**context, "sections": sections})
    return RenderedEmail(subject=newsletter.subject, html=absolute_links(markup), text=text)


def personalise(part, unsubscribe_url, is_html):
    return part.replace(UNSUBSCRIBE_PLACEHOLDER, html.escape(unsubscribe_url) if is_html else unsubscribe_url)


