"""The benchmark suite: ``python -m bench`` (or ``bash bench/run``).

Prints a table of medians and ratios against baselines measured in the same run, writes
it to bench/results/latest.md|json and a dated copy, and exits 0: a missed target is
reported, it does not fail the build.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench import app_rows, data, local_rows, packaged_rows, server_rows, sync_rows
from bench.harness import ERROR, SKIPPED, Row, machine_info, markdown, not_run, write_results

RESULTS = Path(__file__).resolve().parent / "results"
KEYS = ("first_window", "today_keyring", "cold_start", "sessions_page", "search", "export",
        "import", "import_sql", "import_authority", "import_scaling", "server_ingest", "memory",
        "encryption", "packaged_start")


@dataclass(frozen=True)
class Plan:
    """What one run measures, and on how much data."""

    mode: str
    runs: int
    stress: data.StressSize
    demo_years: int
    demo_groups: int
    bundle_changes: int
    scaling: tuple[int, int] | None  # (small, large) changes, None: skip the heavy row
    cache: Path
    only: frozenset[str]

    def wants(self, key: str) -> bool:
        return not self.only or key in self.only


def plan_from(args: argparse.Namespace) -> Plan:
    if args.tiny:  # the harness's own smoke test: seconds, not minutes
        return Plan("tiny", args.runs or 1, data.TINY, 1, 1, 2_000, (500, 2_000),
                    args.cache, frozenset(args.only or ()))
    if args.quick:
        return Plan("quick", args.runs or 3, data.QUICK, 1, 2, 20_000,
                    None if args.skip_heavy else (2_000, 20_000), args.cache,
                    frozenset(args.only or ()))
    return Plan("full", args.runs or 5, data.FULL, 5, 6, 100_000,
                None if args.skip_heavy else (10_000, 1_000_000), args.cache,
                frozenset(args.only or ()))


def _guarded(key: str, what: str, fn: Callable[[], list[Row]]) -> list[Row]:
    try:
        return fn()
    except Exception as exc:  # one broken row must not hide the others
        return [not_run(key, what, "", None, ERROR, f"{type(exc).__name__}: {exc}"[:200])]


def run(plan: Plan, log: Callable[[str], None] = print) -> list[Row]:
    log(f"ClinicApp benchmarks, {plan.mode} mode, medians of {plan.runs} runs")
    def demo() -> Path:
        return data.demo_db(plan.demo_years, plan.demo_groups, plan.cache, log)

    def stress() -> Path:
        return data.stress_db(plan.stress, plan.cache, log)

    steps: list[tuple[str, str, Callable[[], list[Row]]]] = [
        ("first_window", "first window", lambda: [app_rows.first_window_row(demo(),
                                                                            plan.runs)]),
        ("today_keyring", "Today page, keyring key",
         lambda: [app_rows.today_keyring_row(demo(), plan.runs)]),
        ("cold_start", "cold start", lambda: [app_rows.cold_start_row(demo(), plan.runs)]),
        ("sessions_page", "Sessions page", lambda: [local_rows.sessions_page_row(
            stress(), data.empty_db(plan.cache), plan.runs)]),
        ("search", "full-text search", lambda: [local_rows.search_row(stress(), plan.runs)]),
        ("export", "bundles", lambda: sync_rows.bundle_rows(plan.runs, plan.bundle_changes)),
        ("import_authority", "authority checks on import", lambda: [
            sync_rows.authority_row(plan.runs, plan.bundle_changes)]),
        ("import_scaling", "import scaling", lambda: [
            sync_rows.scaling_row(plan.runs, *plan.scaling) if plan.scaling else not_run(
                "import_scaling", "import cost per change at 1,000,000 changes",
                "same at 10,000 changes", 1.2, SKIPPED, "heavy: left out (--skip-heavy)")]),
        ("server_ingest", "central server (PostgreSQL)",
         lambda: server_rows.server_rows(plan.runs, plan.bundle_changes)),
        ("memory", "memory", lambda: [app_rows.memory_row(demo(), plan.runs)]),
        ("encryption", "cost of encryption",
         lambda: local_rows.encryption_rows(demo(), plan.runs)),
        ("packaged_start", "packaged build",
         lambda: [packaged_rows.packaged_start_row(demo(), plan.runs)]),
    ]
    rows: list[Row] = []
    for key, what, step in steps:
        if not (plan.wants(key) or (key == "export" and (plan.wants("import")
                                                     or plan.wants("import_sql")))):
            continue
        started = time.perf_counter()
        log(f"· {what} …")
        new = _guarded(key, what, step)
        for row in new:
            ratio = f"{row.ratio:.2f}×" if row.ratio is not None else "–"
            log(f"  {row.what}: {ratio} {row.status} {row.note}".rstrip())
        log(f"  ({time.perf_counter() - started:.0f} s)")
        rows.extend(new)
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, help="runs per side (default 5; --quick 3)")
    parser.add_argument("--quick", action="store_true",
                        help="smaller data (5,000 sessions, 1-year demo): a fast pass")
    parser.add_argument("--skip-heavy", action="store_true",
                        help="leave out import of 1,000,000 changes")
    parser.add_argument("--only", nargs="+", choices=KEYS, metavar="ROW",
                        help=f"only these rows: {', '.join(KEYS)}")
    parser.add_argument("--cache", type=Path, default=data.CACHE,
                        help="where built data sets are kept (default bench/.cache)")
    parser.add_argument("--out", type=Path, default=RESULTS,
                        help="where the result files go (default bench/results)")
    parser.add_argument("--tiny", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.runs is not None and args.runs < 1:
        parser.error("--runs: must be at least 1")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    plan = plan_from(args)
    machine = machine_info()
    rows = run(plan)
    print()
    print(markdown(rows, machine, plan.runs, plan.mode))
    for path in write_results(rows, machine, plan.runs, plan.mode, args.out):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
