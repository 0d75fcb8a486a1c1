"""Garbage values of the listing parameters are not stored in the page cache one by one: 200
such requests leave the stage's Redis with about as many keys as before."""


def garbage_requests(stage):
    about, projects = stage.facts["about"], stage.facts["project_index"]
    for number in range(100):
        yield f"{about}?page=x{number}"
        yield f"{projects}?place=zzz{number}"


def test_garbage_listing_values_do_not_grow_the_cache(stage, visitor):
    # What a first view of these pages stores once (the pages, facts derived from content).
    for path in list(garbage_requests(stage))[:4]:
        visitor.get(path)
    before = stage.redis_keys()

    statuses = {visitor.get(path).status for path in garbage_requests(stage)}
    after = stage.redis_keys()

    assert statuses <= {200, 301, 302, 404}, statuses
    assert after - before <= 5, f"{after - before} new keys"
