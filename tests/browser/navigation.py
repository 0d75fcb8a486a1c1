"""Ways a visitor finds the site's controls, shared by the browser tests. They rely on markup
and addresses, not on interface wording, so they hold in both languages."""


def html_language(page):
    return page.locator("html").get_attribute("lang")


def language_switcher_link(page, language):
    """The switcher's link to the other language: an anchor marked with the target's hreflang."""
    return page.locator(f'a[hreflang="{language}"]').first


def main_menu_link(page, path):
    return page.locator(f'header nav a[href="{path}"]').first


def project_filter_form(page):
    return page.locator('form:has(select[name="place"])').first


def header_search_form(page):
    return page.locator('header form:has(input[name="q"])').first


def submit_button(form):
    return form.locator('button[type="submit"], input[type="submit"], button:not([type])').first


def linked_paths(page, container="main"):
    """Every href inside the container, as written in the markup."""
    return set(
        page.locator(f"{container} a[href]").evaluate_all("links => links.map(link => link.getAttribute('href'))")
    )
