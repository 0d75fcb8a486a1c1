from tests.home.fixtures import module_site_tree, shared_tree  # noqa: F401 - fixtures
