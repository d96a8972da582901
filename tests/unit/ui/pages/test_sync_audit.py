"""Bundle exchanges are audited by core, the same whichever front end asked: an export,
an import and two refusals done on the Sync page and the same done with the CLI give the
same audit lines, and the Settings page's audit trail shows them."""

from __future__ import annotations

from clinicapp.core.services import audit, groups
from clinicapp.core.storage.db import Database
from clinicapp.core.sync import api
from clinicapp.paths import resolve
from clinicapp.ui.app import build_window
from clinicapp.ui.ops import wait_for_ops
from clinicapp.ui.pages.sync import SyncPage
from tests.unit.cli.runner import run
from tests.unit.ui.conftest import answer_next_dialog


def pair(make_db, prefix: str) -> tuple[Database, Database]:
    clinic, office = make_db(f"{prefix}-clinic"), make_db(f"{prefix}-office")
    api.add_trusted(clinic, api.public_identity(office), "office", central=True)
    api.add_trusted(office, api.public_identity(clinic), "clinic")
    groups.create(clinic, "Riverside small group")
    return clinic, office


def lines(db: Database) -> list[tuple[str, str, str]]:
    return [(e.action, e.actor, e.detail) for e in audit.list_entries(db).items
            if e.action in audit.BUNDLE_ACTIONS]


def test_sync_page_and_cli_exchanges_give_the_same_audit_lines(qtbot, make_db, tmp_path):
    ui_clinic, ui_office = pair(make_db, "ui")
    cli_clinic, cli_office = pair(make_db, "cli")
    # A stranger's bundle, readable by both offices (which do not trust it), and junk.
    stranger = make_db("stranger")
    api.add_trusted(stranger, api.public_identity(ui_office), "office ui", central=True)
    api.add_trusted(stranger, api.public_identity(cli_office), "office cli", central=True)
    groups.create(stranger, "Not ours")
    strange = tmp_path / "stranger.clinicbundle"
    api.export_bundle(stranger, strange)
    junk = tmp_path / "junk.clinicbundle"
    junk.write_bytes(b"not a bundle at all")

    for folder in ("ui", "cli"):
        (tmp_path / folder).mkdir()
    ui_bundle, cli_bundle = (tmp_path / f / "riverside.clinicbundle" for f in ("ui", "cli"))

    sender = build_window(ui_clinic, resolve(tmp_path / "ui-clinic"))
    qtbot.addWidget(sender)
    page = sender.show_page("sync")
    assert isinstance(page, SyncPage)
    page.export_bundle(ui_bundle)
    assert wait_for_ops(30_000) and ui_bundle.exists()
    receiver = build_window(ui_office, resolve(tmp_path / "ui-office"))
    qtbot.addWidget(receiver)
    inbox = receiver.show_page("sync")
    assert isinstance(inbox, SyncPage)
    answer_next_dialog(qtbot, "Yes")
    inbox.import_bundle(ui_bundle)
    assert wait_for_ops(30_000)
    qtbot.waitUntil(lambda: "Imported" in inbox.result.text(), timeout=10_000)
    inbox.import_many([strange])
    assert wait_for_ops(30_000)
    inbox.import_many([junk])
    assert wait_for_ops(30_000)
    qtbot.waitUntil(lambda: "Refused" in inbox.result.text(), timeout=10_000)

    assert run(tmp_path / "cli-clinic", "export-bundle", "--out", str(cli_bundle)).code == 0
    assert run(tmp_path / "cli-office", "import-bundle", str(cli_bundle)).code == 0
    assert run(tmp_path / "cli-office", "import-bundle", str(strange)).code != 0
    assert run(tmp_path / "cli-office", "import-bundle", str(junk)).code != 0

    assert lines(ui_clinic) == lines(cli_clinic)
    [(action, actor, detail)] = lines(ui_clinic)
    assert action == "export_bundle" and detail.startswith("to office: ")
    assert actor == audit.default_actor()
    office_lines = lines(ui_office)
    # The stranger's key and replica id are in the reason: the same bundle for both.
    assert office_lines == lines(cli_office)
    actions = [a for a, _who, _d in office_lines]
    assert actions == ["refused_bundle", "refused_bundle", "import_bundle"]  # newest first
    assert office_lines[2][2].startswith("from clinic: ")
    assert "signed by an unknown key" in office_lines[1][2]
    assert "stranger.clinicbundle" in office_lines[1][2]
    assert office_lines[0][2].startswith("refused (not_bundle): junk.clinicbundle")
    assert [e.action for e in audit.list_entries(ui_office, action="refused_bundle").items
            ] == ["refused_bundle", "refused_bundle"]
    assert audit.list_entries(ui_office, offset=1, limit=1).items[0].detail == (
        office_lines[1][2])

    # `clinicapp audit` lists them, with the --action filter.
    listed = run(tmp_path / "cli-office", "audit", "--action", "refused_bundle")
    assert listed.code == 0 and listed.out.count("refused_bundle") == 2
    assert "junk.clinicbundle" in listed.out and "import_bundle" not in listed.out

    # The Settings page's audit trail shows them, in words.
    settings = receiver.show_page("settings")
    assert wait_for_ops(30_000)
    model = settings.audit_model  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: model.rowCount() >= 3, timeout=10_000)
    shown = [(model.data(model.index(r, 2)), model.data(model.index(r, 3)))
             for r in range(model.rowCount())]
    assert ("Bundle refused", office_lines[0][2]) in shown
    assert ("Bundle imported", office_lines[2][2]) in shown


def test_a_refused_bundle_is_never_taken_for_an_imported_one(make_db, tmp_path):
    """Refused, then its sender trusted: the same bundle then imports (not 'replayed')."""
    clinic, office = make_db("clinic"), make_db("office")
    api.add_trusted(clinic, api.public_identity(office), "office", central=True)
    groups.create(clinic, "Riverside small group")
    path = tmp_path / "b.clinicbundle"
    api.export_bundle(clinic, path)
    try:
        api.import_bundle(office, path)
        raise AssertionError("a stranger's bundle was imported")
    except api.BundleError as exc:
        assert exc.kind == "unknown_signer"
    api.add_trusted(office, api.public_identity(clinic), "clinic")
    api.import_bundle(office, path)
    assert [e.action for e in audit.list_entries(office).items
            if e.action in audit.BUNDLE_ACTIONS] == ["import_bundle", "refused_bundle"]
    assert [g.name for g in groups.list_groups(office).items] == ["Riverside small group"]
