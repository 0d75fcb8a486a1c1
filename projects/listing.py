"""The project index: filters from the query string, totals for the filter, pagination.

The number of queries is fixed: one for the page of projects (with the funding programme
joined), one each for their places and images, two for totals, one per filter vocabulary."""

from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.utils.http import urlencode

from core.visibility import public_only
from projects import status as project_status

PROJECTS_PER_PAGE = 12


class CountedPaginator(Paginator):
    """A paginator told its total: the listing's aggregate already counted the projects, so the
    paginator does not run a second COUNT. (``count`` is Paginator's documented attribute.)"""

    def __init__(self, object_list, per_page, *, count, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.known_count = count

    @property
    def count(self):
        return self.known_count


def parse_filters(params, places, programmes, years):
    """Keep only values that exist; anything else (a typo, an attack) is ignored, not a 500."""
    place_slugs = {place.slug for place in places}
    programme_slugs = {programme.slug for programme in programmes}
    filters = {
        "status": params.get("status", ""),
        "place": params.get("place", ""),
        "programme": params.get("programme", ""),
        "year": params.get("year", ""),
    }
    if filters["status"] not in project_status.STATUS_LABELS:
        filters["status"] = ""
    if filters["place"] not in place_slugs:
        filters["place"] = ""
    if filters["programme"] not in programme_slugs:
        filters["programme"] = ""
    if not (filters["year"].isdigit() and int(filters["year"]) in years):
        filters["year"] = ""
    return filters


def public_projects(index_page):
    """The index's projects a visitor may see: live, and under no view restriction (their own or
    an ancestor's). Everything the index shows -- cards, totals, filter choices -- comes from these."""
    # The models come from the index page itself, so this module needs no import of projects.models
    # (which imports it): no cycle.
    return public_only(index_page.project_model().objects.child_of(index_page).live())


def filtered_projects(index_page, filters):
    queryset = public_projects(index_page).annotate(computed_status=project_status.status_expression())
    if filters.get("status"):
        queryset = queryset.filter(computed_status=filters["status"])
    if filters.get("place"):
        queryset = queryset.filter(places__slug=filters["place"])
    if filters.get("programme"):
        queryset = queryset.filter(funding_programme__slug=filters["programme"])
    if filters.get("year"):
        queryset = queryset.filter(project_status.active_in_year_q(int(filters["year"])))
    return queryset


def available_years(index_page):
    dates = public_projects(index_page).values_list("start_date", "end_date")
    today_year = project_status.today().year
    years = set()
    for start, end in dates:
        if start:
            years.update(range(start.year, (end.year if end else today_year) + 1))
    return sorted(years, reverse=True)


def filter_vocabulary(index_page):
    """The places, funding programmes and years the index's public projects use: the choices of
    the filter form (a draft's or a restricted project's place would show that it exists). They
    change only when content changes or the day does, so they are kept per process and
    generation (core.page_cache.for_generation): a listing view costs no query for them."""
    from core.page_cache import for_generation
    Place, FundingProgramme = index_page.vocabulary_models()

    def build():
        shown = public_projects(index_page).values("pk")
        return {
            "places": list(Place.objects.filter(projects__in=shown).distinct().order_by("slug")),
            "programmes": list(FundingProgramme.objects.filter(projects__in=shown).distinct().order_by("slug")),
            "years": available_years(index_page),
        }

    return for_generation("project-filters", index_page.pk, build)


def project_listing(index_page, params):
    vocabulary = filter_vocabulary(index_page)
    places, programmes, years = vocabulary["places"], vocabulary["programmes"], vocabulary["years"]
    filters = parse_filters(params, places, programmes, years)

    queryset = filtered_projects(index_page, filters)
    # One query for both totals. No project can match twice (a place filter compares one unique
    # slug), so neither the count nor the grant sum can double up.
    totals = queryset.order_by().aggregate(count=Count("pk"), grant_total=Sum("grant_amount"))
    listing = (
        queryset.select_related("funding_programme", "listing_image")
        .prefetch_related("places", "listing_image__renditions")
        .order_by("-start_date", "title")
    )
    paginator = CountedPaginator(listing, PROJECTS_PER_PAGE, count=totals["count"])
    page_obj = paginator.get_page(params.get("page"))
    return {
        "page_obj": page_obj,
        "projects": page_obj.object_list,
        "filters": filters,
        "filter_query": urlencode({key: value for key, value in filters.items() if value}),
        "places": places,
        "programmes": programmes,
        "years": years,
        "statuses": project_status.STATUS_CHOICES,
        "project_count": totals["count"],
        "grant_total": totals["grant_total"] or 0,
    }
