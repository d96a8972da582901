"""The dashboard on the production database: the same tests of figures, CSV and bundle
upload against a ``clinicapp-server serve`` on a real PostgreSQL (started by the tests)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.server.dashboard_fixtures import Served, serving
from tests.server.test_dashboard import (  # the same stories, collected here on PostgreSQL
    client,  # noqa: F401
    test_an_uploaded_bundle_is_checked_then_imported_and_a_bad_one_changes_nothing,  # noqa: F401
    test_csv_of_a_table_equals_the_report_and_no_cell_runs_as_a_formula,  # noqa: F401
    test_division_figures_equal_the_report_code_with_small_counts_withheld,  # noqa: F401
    test_group_and_division_figures_follow_the_selection,  # noqa: F401
)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, pg_database: str) -> Iterator[Served]:
    with serving(tmp_path_factory.mktemp("dash-pg") / "server", pg_database) as running:
        assert running.store.dialect == "postgresql"
        yield running
