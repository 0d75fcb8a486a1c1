#!/usr/bin/env python3
"""Deliberate one-line bugs the suite must catch, re-run on demand.

Each mutant below is a bug that once survived the whole relevant test folder (issue 10), or one
that guards a promise made since. For each, this script copies the work tree to
/tmp/mutant-NAME/ (never touching the tree itself, where others may be running tests), applies
the bug there by exact text replacement, runs the tests that must catch it and prints "caught"
or "survived". First it runs all those tests on an unchanged copy: a test that fails on the
real code proves nothing about a mutant.

    .venv/bin/python scripts/mutants.py            # every mutant
    .venv/bin/python scripts/mutants.py NAME ...   # some of them (names: --list)
    .venv/bin/python scripts/mutants.py --keep     # leave the copies in /tmp to look at

Exit status: 0 when every mutant is caught; 1 when one survives or its tests could not run
(collection error, no test found); 2 when a mutant's original text is no longer in its file
(the code moved or changed: update the mutant here) or the tests fail on the real code.

The tests run with this checkout's virtualenv and the environment as given (SQLite and the
local-memory cache unless DATABASE_URL / REDIS_URL say otherwise)."""

import argparse
import difflib
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EVENT_ORDERS = "tests/donations/test_event_orders.py"
ACCESS = "tests/partners/test_access_promises.py"
PRIVATE = "tests/projects/test_private_projects.py"
ROLLOVER = "tests/projects/test_date_rollover.py"


@dataclass(frozen=True)
class Mutant:
    name: str
    path: str
    original: str  # must occur exactly once in the file
    mutated: str
    tests: tuple
    bug: str


MUTANTS = [
    Mutant(
        name="late-dispute-opening",
        bug="charge.dispute.created delivered after dispute.closed reopens the dispute",
        path="donations/fulfilment.py",
        original="    if donation.dispute_status in CLOSED_DISPUTE_STATUSES:\n",
        mutated="    if False:  # MUTANT\n",
        tests=(
            f"{EVENT_ORDERS}::test_dispute_closed_before_it_was_opened_stays_closed",
            f"{EVENT_ORDERS}::test_a_one_off_gift_ends_in_the_same_state_whatever_the_order_of_its_events",
        ),
    ),
    Mutant(
        name="refund-before-renewal",
        bug="a renewal's charge.refunded that overtakes its invoice.paid is matched to no gift and lost",
        path="donations/fulfilment.py",
        original="        donation = _renewal_for_payment_intent_from_stripe(payment_intent, event_id)\n",
        mutated="        donation = None  # MUTANT\n",
        tests=(
            f"{EVENT_ORDERS}::test_refund_overtaking_its_renewal_invoice_is_not_lost",
            f"{EVENT_ORDERS}::test_a_monthly_gift_has_one_paid_gift_per_invoice_whatever_the_event_ids_and_order",
        ),
    ),
    Mutant(
        name="dispute-before-payment",
        bug="mark_paid ignores _dispute_open: a dispute that arrived before the payment is lost",
        path="donations/fulfilment.py",
        original="    donation.status = Donation.PAID\n    if _dispute_open(donation):\n",
        mutated="    donation.status = Donation.PAID\n    if False:  # MUTANT\n",
        tests=(
            f"{EVENT_ORDERS}::test_dispute_opened_before_the_payment_leaves_the_gift_disputed",
            f"{EVENT_ORDERS}::test_dispute_lost_before_the_payment_event_keeps_the_gift_out_of_the_total",
            f"{EVENT_ORDERS}::test_a_one_off_gift_ends_in_the_same_state_whatever_the_order_of_its_events",
        ),
    ),
    Mutant(
        name="late-refund-lowers-total",
        bug="a late, older charge.refunded lowers the refunded total",
        path="donations/fulfilment.py",
        original=(
            "    donation.amount_refunded = min(donation.amount, "
            'max(donation.amount_refunded, charge.get("amount_refunded") or 0))\n'
        ),
        mutated='    donation.amount_refunded = min(donation.amount, charge.get("amount_refunded") or 0)  # MUTANT\n',
        tests=(
            f"{EVENT_ORDERS}::test_older_refund_arriving_late_never_lowers_the_refunded_total",
            f"{EVENT_ORDERS}::test_a_one_off_gift_ends_in_the_same_state_whatever_the_order_of_its_events",
        ),
    ),
    Mutant(
        name="renewal-redelivered-new-id",
        bug="invoice.paid does not look for the gift that already has this invoice: a renewal "
        "re-delivered under a new event id is created again (refused by the unique invoice id: "
        "a 500 that Stripe retries for days)",
        path="donations/fulfilment.py",
        original='    already = _locked(Donation.objects.filter(stripe_invoice_id=invoice["id"]))\n',
        mutated="    already = None  # MUTANT\n",
        tests=(
            f"{EVENT_ORDERS}::test_renewal_invoice_redelivered_under_a_new_event_id_stays_one_gift",
            f"{EVENT_ORDERS}::test_a_monthly_gift_has_one_paid_gift_per_invoice_whatever_the_event_ids_and_order",
        ),
    ),
    Mutant(
        name="renewal-second-gift",
        bug="a renewal is stored without its invoice id: re-delivered under a new event id, it "
        "becomes a second gift",
        path="donations/fulfilment.py",
        original='        stripe_invoice_id=invoice["id"],\n        stripe_payment_intent_id=payment_intent,\n',
        mutated="        stripe_invoice_id=None,  # MUTANT\n        stripe_payment_intent_id=payment_intent,\n",
        tests=(
            f"{EVENT_ORDERS}::test_renewal_invoice_redelivered_under_a_new_event_id_stays_one_gift",
            f"{EVENT_ORDERS}::test_a_monthly_gift_has_one_paid_gift_per_invoice_whatever_the_event_ids_and_order",
        ),
    ),
    Mutant(
        name="staff-without-admin-access",
        bug="is_staff_reader without the admin-access check: document permissions alone make staff",
        path="partners/access.py",
        original='    if not user.has_perm("wagtailadmin.access_admin"):\n',
        mutated="    if False:  # MUTANT\n",
        tests=(
            f"{ACCESS}::test_document_permissions_without_admin_access_do_not_make_staff",
            f"{ACCESS}::test_document_permissions_without_admin_access_open_no_private_collection",
            f"{ACCESS}::test_partner_with_document_permissions_but_no_admin_access_sees_only_their_own",
        ),
    ),
    Mutant(
        name="partners-pass-password",
        bug="partners pass a collection's password restriction (the README says: staff only)",
        path="partners/access.py",
        original="    return False  # PASSWORD: not offered to partners\n",
        mutated="    return True  # MUTANT\n",
        tests=(
            f"{ACCESS}::test_partner_cannot_download_from_a_password_protected_collection",
            f"{ACCESS}::test_material_shared_with_all_partners_behind_a_password_stays_closed",
            f"{ACCESS}::test_a_password_on_a_parent_collection_closes_its_children_to_partners",
            f"{ACCESS}::test_partner_dashboard_does_not_list_documents_behind_a_password",
        ),
    ),
    Mutant(
        name="index-lists-private-projects",
        bug="filtered_projects without public_only: restricted projects on the public index",
        path="projects/listing.py",
        original=(
            "    queryset = public_projects(index_page)"
            ".annotate(computed_status=project_status.status_expression())\n"
        ),
        mutated=(
            "    from projects.models import ProjectPage; queryset = ProjectPage.objects.child_of(index_page).live()"
            ".annotate(computed_status=project_status.status_expression())  # MUTANT\n"
        ),
        tests=(
            f"{PRIVATE}::test_restricted_project_is_not_on_the_project_index",
            f"{PRIVATE}::test_restricted_project_is_not_found_through_the_filters",
        ),
    ),
    Mutant(
        name="filter-choices-leak",
        bug="the filter choices come from every child page: drafts' and restricted projects' places",
        path="projects/listing.py",
        original='        shown = public_projects(index_page).values("pk")\n',
        mutated="        shown = index_page.get_children()  # MUTANT\n",
        tests=(
            f"{PRIVATE}::test_restricted_projects_give_no_filter_choices",
            f"{PRIVATE}::test_unpublished_projects_give_no_filter_choices",
            f"{PRIVATE}::test_a_choice_of_a_restricted_project_in_the_address_is_ignored",
        ),
    ),
    Mutant(
        name="generation-without-the-day",
        bug="the generation leaves out today's date: statuses and years stay as they were at midnight",
        path="core/page_cache.py",
        original="        generation = None if counter is None else (counter, today().isoformat())\n",
        mutated='        generation = None if counter is None else (counter, "")  # MUTANT\n',
        tests=(ROLLOVER,),
    ),
]


def check_originals(mutants):
    """Every mutant's original text, exactly once in its file; else say which and stop."""
    moved = []
    for mutant in mutants:
        source = (REPO / mutant.path).read_text(encoding="utf-8")
        count = source.count(mutant.original)
        if count != 1:
            moved.append(f"{mutant.name}: {mutant.path} has the original text {count} times, not once:\n"
                         f"    {mutant.original!r}")
    if moved:
        print("MUTANTS OUT OF DATE (the code moved or changed; update scripts/mutants.py):", file=sys.stderr)
        for line in moved:
            print("  " + line, file=sys.stderr)
        sys.exit(2)


def copy_tree(name):
    target = Path("/tmp") / f"mutant-{name}"
    subprocess.run(
        ["rsync", "-a", "--delete", "--exclude", ".venv", "--exclude", ".git", "--exclude", "__pycache__",
         "--exclude", "db.sqlite3", f"{REPO}/", f"{target}/"],
        check=True,
    )
    return target


def pytest_command():
    pytest = REPO / ".venv" / "bin" / "pytest"
    return [str(pytest)] if pytest.exists() else [sys.executable, "-m", "pytest"]


def run_tests(tree, tests):
    """(pytest's exit code, the names of the tests that failed)."""
    result = subprocess.run(
        [*pytest_command(), *tests, "-q", "-p", "no:cacheprovider", "-rf", "--no-header", "--tb=no"],
        cwd=tree, capture_output=True, text=True,
    )
    lines = result.stdout.splitlines()
    failed = [line.removeprefix("FAILED ").split(" - ")[0] for line in lines if line.startswith("FAILED ")]
    return result.returncode, failed, result.stdout[-3000:] + result.stderr[-2000:]


def apply(tree, mutant):
    """Apply the mutant in the copy; returns the diff."""
    path = tree / mutant.path
    source = path.read_text(encoding="utf-8")
    if source.count(mutant.original) != 1:  # the copy is the tree as checked a moment ago
        raise SystemExit(f"{mutant.name}: the original text vanished from {mutant.path} while copying")
    mutated = source.replace(mutant.original, mutant.mutated)
    path.write_text(mutated, encoding="utf-8")
    diff = difflib.unified_diff(source.splitlines(keepends=True), mutated.splitlines(keepends=True),
                                f"a/{mutant.path}", f"b/{mutant.path}", n=1)
    return "".join(diff)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="mutants to run (default: all)")
    parser.add_argument("--list", action="store_true", help="list the mutants and exit")
    parser.add_argument("--keep", action="store_true", help="keep the copies in /tmp")
    options = parser.parse_args()

    if options.list:
        for mutant in MUTANTS:
            print(f"{mutant.name:32} {mutant.path}: {mutant.bug}")
        return 0
    unknown = set(options.names) - {mutant.name for mutant in MUTANTS}
    if unknown:
        parser.error(f"no such mutant: {', '.join(sorted(unknown))} (see --list)")
    mutants = [mutant for mutant in MUTANTS if not options.names or mutant.name in options.names]
    check_originals(mutants)

    baseline = copy_tree("baseline")
    tests = sorted({test for mutant in mutants for test in mutant.tests})
    code, failed, output = run_tests(baseline, tests)
    if not options.keep:
        shutil.rmtree(baseline, ignore_errors=True)
    if code != 0:
        print(output)
        print(f"The tests do not pass on the real code (pytest exit {code}): {failed}", file=sys.stderr)
        return 2
    print(f"baseline: {len(tests)} test targets pass on the real code")

    outcomes = {}
    for mutant in mutants:
        tree = copy_tree(mutant.name)
        try:
            diff = apply(tree, mutant)
            code, failed, output = run_tests(tree, mutant.tests)
        finally:
            if not options.keep:
                shutil.rmtree(tree, ignore_errors=True)
        if code == 1 and failed:
            outcome = "caught"
        elif code == 0:
            outcome = "SURVIVED"
        else:
            outcome = f"ERROR (pytest exit {code})"
            print(output)
        outcomes[mutant.name] = outcome
        print(f"{mutant.name:32} {outcome}")
        print(f"    bug:  {mutant.bug}")
        print("    " + diff.rstrip().replace("\n", "\n    "))
        for name in failed:
            print(f"    failed: {name}")
    survivors = [name for name, outcome in outcomes.items() if outcome != "caught"]
    print(f"\n{len(outcomes) - len(survivors)} caught, {len(survivors)} not caught" +
          (f": {', '.join(survivors)}" if survivors else ""))
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main())
