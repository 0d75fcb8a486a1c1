"""The deployment tests run over HTTP against the production-topology stage, and only there
(scripts/topology/run.sh); anywhere else they are reported as skipped with the reason."""

import pytest

from tests.deployment import stage as stage_module


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "without_stage: a deployment test that checks the shipped files themselves and needs no stage"
    )


def pytest_collection_modifyitems(config, items):
    if stage_module.available():
        return
    skip = pytest.mark.skip(reason=stage_module.SKIP_REASON)
    for item in items:
        if "tests/deployment/" in item.nodeid and not item.get_closest_marker("without_stage"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def stage():
    return stage_module.Stage()


@pytest.fixture(autouse=True)
def services_restored(request):
    """Whatever a test did to Redis or PostgreSQL (and however it ended), the next test finds
    both running."""
    yield
    if stage_module.available() and not request.node.get_closest_marker("without_stage"):
        current = request.getfixturevalue("stage")
        current.ensure_redis()
        current.ensure_pg()


@pytest.fixture
def visitor(stage):
    return stage.client()
