"""Trusting a workstation from the Sync page: its rights are the groups ticked in the
dialog, so its changes to those groups arrive and its changes to others are refused."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from clinicapp.core.errors import ClinicAppError
from clinicapp.core.services import groups
from clinicapp.core.sync import api
from clinicapp.ui.context import AppContext
from clinicapp.ui.dialogs.trust_peer import TrustPeerDialog
from clinicapp.ui.ops import DataEvents
from tests.unit.core.sync.helpers import name_of, send


def tick(dialog: TrustPeerDialog, name: str) -> None:
    for row in range(dialog.groups.count()):
        item = dialog.groups.item(row)
        if item.text() == name:
            item.setCheckState(Qt.CheckState.Checked)


def test_a_workstation_trusted_for_one_group_may_change_that_group_and_no_other(
        qtbot, make_db, tmp_path):
    clinic, hillside = make_db("clinic"), make_db("hillside")
    hub_a = groups.create(clinic, "Hub A")
    hub_b = groups.create(clinic, "Hub B")
    api.add_trusted(hillside, api.public_identity(clinic), name_of(clinic), central=True)

    ctx = AppContext(db=clinic, paths=clinic.paths, events=DataEvents())  # type: ignore[arg-type]
    dialog = TrustPeerDialog(ctx)
    qtbot.addWidget(dialog)
    assert sorted(dialog.groups.item(r).text() for r in range(dialog.groups.count())) == [
        "Hub A", "Hub B"]
    dialog.central.setChecked(True)
    assert not dialog.groups.isEnabled()  # the program office may change every group
    dialog.central.setChecked(False)
    assert dialog.groups.isEnabled()
    dialog.line.setText(api.public_identity(hillside).line())
    dialog.name.setText(name_of(hillside))
    tick(dialog, "Hub A")
    dialog.ok_button.click()
    assert dialog.result() == TrustPeerDialog.DialogCode.Accepted

    send(clinic, hillside, tmp_path)  # hillside now holds both groups
    groups.update(hillside, hub_a.id, name="Hub A (north)")
    send(hillside, clinic, tmp_path)
    assert groups.get(clinic, hub_a.id).name == "Hub A (north)"

    groups.update(hillside, hub_b.id, name="Taken over")
    with pytest.raises(ClinicAppError, match="outside the groups it was trusted for"):
        send(hillside, clinic, tmp_path)
    assert groups.get(clinic, hub_b.id).name == "Hub B"
