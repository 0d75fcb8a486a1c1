"""Illustrations drawn at seed time with Pillow: shapes and numbers only (one image serves both
languages, so it holds no words), in a warm palette. No downloads, no stock photos.

Each image has a fixed title in the "Seed content" collection; a second run finds it by that
title and draws nothing."""

import io
import math

from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 750  # 16:10, the shape of the listing renditions

CREAM = (255, 246, 232)
SAND = (246, 224, 190)
SAFFRON = (240, 165, 65)
TERRACOTTA = (196, 84, 58)
PLUM = (94, 42, 64)
TEAL = (38, 120, 110)
ROSE = (226, 132, 110)
RIVER = (120, 170, 190)

COLLECTION_NAME = "Seed content"


def _font(size):
    # Pillow's bundled scalable font: no font files needed on the machine.
    return ImageFont.load_default(size=size)


def _canvas(background=CREAM):
    image = PILImage.new("RGB", (WIDTH, HEIGHT), background)
    return image, ImageDraw.Draw(image)


def _person(draw, x, base_y, height, colour):
    """A simple figure: round head on a rounded body, standing on base_y."""
    head = height * 0.22
    body_top = base_y - height + head * 1.9
    draw.ellipse([x - head / 2, base_y - height, x + head / 2, base_y - height + head], fill=colour)
    draw.rounded_rectangle([x - head * 0.75, body_top, x + head * 0.75, base_y], radius=int(head * 0.6), fill=colour)


def _centred_text(draw, centre, text, size, colour):
    draw.text(centre, text, font=_font(size), fill=colour, anchor="mm")


def draw_life_periods():
    image, draw = _canvas()
    left, right, axis_y = 100, 1100, 560
    years = 18
    step = (right - left) / years

    def x_at(age):
        return left + age * step

    draw.rounded_rectangle([x_at(0), 100, x_at(5), 500], radius=40, fill=SAFFRON)
    draw.rounded_rectangle([x_at(12), 100, x_at(17), 500], radius=40, fill=TERRACOTTA)
    _centred_text(draw, ((x_at(0) + x_at(5)) / 2, 170), "0-5", 84, PLUM)
    _centred_text(draw, ((x_at(12) + x_at(17)) / 2, 170), "12-17", 84, CREAM)
    # Figures grow from a toddler to a young adult along the line.
    for age, height, colour in ((1, 110, PLUM), (3.5, 150, PLUM), (8, 190, TEAL), (13, 220, CREAM), (15.5, 240, CREAM)):
        _person(draw, x_at(age + 0.5), 480, height, colour)
    draw.line([x_at(0), axis_y, x_at(18), axis_y], fill=PLUM, width=8)
    for age in range(0, years + 1):
        marked = age in (0, 5, 12, 17)
        reach = 22 if marked else 12
        draw.line([x_at(age), axis_y - reach, x_at(age), axis_y + reach], fill=PLUM, width=5)
        if marked:
            _centred_text(draw, (x_at(age), axis_y + 60), str(age), 44, PLUM)
    return image


# Rough outline of Bulgaria (longitude, latitude), enough for a map-like illustration.
BULGARIA_OUTLINE = [
    (22.68, 44.21),
    (23.0, 43.85),
    (24.0, 43.72),
    (25.0, 43.65),
    (25.6, 43.65),
    (26.1, 43.98),
    (27.0, 44.12),
    (27.9, 43.99),
    (28.58, 43.74),
    (28.0, 43.2),
    (27.6, 42.55),
    (28.0, 42.0),
    (27.0, 42.0),
    (26.3, 41.75),
    (25.5, 41.3),
    (24.5, 41.55),
    (23.6, 41.4),
    (22.95, 41.35),
    (22.9, 41.9),
    (22.4, 42.3),
    (22.5, 42.9),
    (22.9, 43.2),
    (22.5, 43.5),
    (22.36, 44.0),
]
# The Danube forms most of the northern border: the outline's first eight points.
DANUBE_POINTS = 8
TOWNS = {
    # longitude, latitude; which project: "children" (Pazardzhik, Plovdiv, Lom), "pernik", "mir" (Sofia)
    "lom": ((23.24, 43.82), "children"),
    "sofia": ((23.32, 42.70), "mir"),
    "pernik": ((23.04, 42.61), "pernik"),
    "pazardzhik": ((24.33, 42.19), "children"),
    "plovdiv": ((24.75, 42.15), "children"),
}
TOWN_COLOURS = {"children": TERRACOTTA, "pernik": SAFFRON, "mir": PLUM}


def _project(lon, lat):
    # Equirectangular, squeezed by the latitude's cosine, fitted to the canvas.
    scale_y = 220
    scale_x = scale_y * math.cos(math.radians(42.7))
    return 95 + (lon - 22.36) * scale_x, 54 + (44.21 - lat) * scale_y


def draw_towns_map():
    image, draw = _canvas(SAND)
    outline = [_project(lon, lat) for lon, lat in BULGARIA_OUTLINE]
    draw.polygon(outline, fill=CREAM, outline=PLUM, width=4)
    draw.line(outline[: DANUBE_POINTS + 1], fill=RIVER, width=12, joint="curve")
    for (lon, lat), project in TOWNS.values():
        x, y = _project(lon, lat)
        colour = TOWN_COLOURS[project]
        draw.ellipse([x - 19, y - 19, x + 19, y + 19], outline=colour, width=5)
        draw.ellipse([x - 10, y - 10, x + 10, y + 10], fill=colour)
    return image


def draw_programmes():
    image, draw = _canvas()
    specs = [
        ("0-3", SAFFRON, PLUM, 120),
        ("4-6", ROSE, PLUM, 135),
        ("12-15", TERRACOTTA, CREAM, 150),
        ("", TEAL, CREAM, 165),
    ]
    for index, (label, fill, text_colour, radius) in enumerate(specs):
        x = 170 + index * 287
        y = 375
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=fill)
        if label:
            _centred_text(draw, (x, y), label, 64, text_colour)
        else:
            # The whole community: a ring of small figures.
            for n in range(6):
                angle = math.tau * n / 6
                _person(draw, x + math.cos(angle) * 80, y + math.sin(angle) * 80 + 30, 70, CREAM)
    return image


def draw_early_years():
    image, draw = _canvas()
    draw.ellipse([160, 150, 640, 630], fill=SAFFRON)
    _person(draw, 330, 560, 340, PLUM)
    _person(draw, 480, 560, 150, TERRACOTTA)
    _centred_text(draw, (880, 375), "0-3", 180, TERRACOTTA)
    return image


def draw_preschool():
    image, draw = _canvas()
    blocks = [(140, 470, SAFFRON), (250, 470, TEAL), (195, 370, ROSE), (860, 470, TERRACOTTA), (970, 470, SAFFRON)]
    for x, y, colour in blocks:
        draw.rounded_rectangle([x, y, x + 100, y + 100], radius=14, fill=colour)
    for x, colour in ((450, PLUM), (560, TERRACOTTA), (680, TEAL)):
        _person(draw, x, 570, 230, colour)
    _centred_text(draw, (600, 170), "4-6", 150, TERRACOTTA)
    return image


def draw_adolescents():
    image, draw = _canvas()
    draw.rounded_rectangle([80, 560, 1120, 600], radius=20, fill=SAND)
    for x, colour, height in ((300, PLUM, 380), (420, TERRACOTTA, 400), (540, TEAL, 370)):
        _person(draw, x, 580, height, colour)
    _centred_text(draw, (860, 330), "12-15", 150, TERRACOTTA)
    return image


def draw_community():
    image, draw = _canvas()
    centre = (600, 390)
    draw.ellipse([centre[0] - 110, centre[1] - 110, centre[0] + 110, centre[1] + 110], fill=SAFFRON)
    colours = [PLUM, TERRACOTTA, TEAL, ROSE]
    for n in range(12):
        angle = math.tau * n / 12
        x = centre[0] + math.cos(angle) * 270
        y = centre[1] + math.sin(angle) * 230 + 60
        _person(draw, x, y, 120 if n % 3 else 80, colours[n % len(colours)])
    return image


def _house(draw, x, y, size, colour, roof):
    draw.rectangle([x, y, x + size, y + size * 0.8], fill=colour)
    draw.polygon([(x - size * 0.12, y), (x + size / 2, y - size * 0.55), (x + size * 1.12, y)], fill=roof)


def draw_centre():
    image, draw = _canvas(SAND)
    centre_x, centre_y = 600, 400
    houses = [(150, 150), (360, 120), (840, 130), (1000, 200), (130, 470), (330, 560), (850, 560), (1010, 460)]
    for hx, hy in houses:
        draw.line([hx + 45, hy + 60, centre_x, centre_y], fill=CREAM, width=14)
    for hx, hy in houses:
        _house(draw, hx, hy, 90, ROSE, PLUM)
    _house(draw, centre_x - 110, centre_y - 60, 220, TERRACOTTA, PLUM)
    draw.rectangle([centre_x - 30, centre_y + 60, centre_x + 30, centre_y + 116], fill=SAFFRON)
    return image


# key: (title, drawing function)
SEED_IMAGES = {
    "life-periods": ("МИР: двата ключови периода от живота (0–5 и 12–17 години)", draw_life_periods),
    "towns": ("Карта: градовете на проектите", draw_towns_map),
    "programmes": ("Четирите програми на МИР", draw_programmes),
    "early-years": ("Програма: ранно детско развитие (0–3 години)", draw_early_years),
    "preschool": ("Програма: деца 4–6 години", draw_preschool),
    "adolescents": ("Програма: юноши 12–15 години", draw_adolescents),
    "community": ("Програма: работа с общността", draw_community),
    "centre": ("Център в квартала", draw_centre),
}


def png_bytes(drawing):
    buffer = io.BytesIO()
    drawing.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def ensure_seed_images(report, records=None):
    """Return {key: wagtail Image}, creating the missing ones in the "Seed content" collection.
    With the seed's ``records`` (home.seed.loader.SeedRecords), an image is found again after an
    editor renamed or moved it, and one an editor deleted is not made again (nor returned)."""
    from django.core.files.images import ImageFile
    from wagtail.images import get_image_model
    from wagtail.models import Collection

    Image = get_image_model()
    collection = Collection.objects.filter(name=COLLECTION_NAME, depth=2).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=COLLECTION_NAME)
        report("created", f"collection {COLLECTION_NAME!r}")

    images = {}
    for key, (title, draw) in SEED_IMAGES.items():
        record_key = f"image:{key}"
        recorded = records.object_id(record_key) if records else None
        existing = Image.objects.filter(pk=recorded).first() if recorded else None
        existing = existing or Image.objects.filter(collection=collection, title=title).order_by("pk").first()
        if existing is not None:
            images[key] = existing
            if records:
                records.record(record_key, existing.pk)
            report("already present", f"image {key}")
            continue
        if records and records.deleted(record_key):
            report("left out", f"image {key} (deleted by an editor)")
            continue
        content = png_bytes(draw())
        seed_image = Image(title=title, collection=collection)
        seed_image.file = ImageFile(io.BytesIO(content), name=f"seed-{key}.png")
        seed_image.save()
        # Size and hash (duplicate detection in the admin) through Wagtail's public getters,
        # which compute and store what is missing.
        seed_image.get_file_size()
        seed_image.get_file_hash()
        images[key] = seed_image
        if records:
            records.record(record_key, seed_image.pk)
        report("created", f"image {key}")
    return images
