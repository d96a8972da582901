"""A dialog shrunk as small as it goes still shows every line of its explanations, in
English and in French (they lost their first and last lines, and the crash dialog's
buttons covered its details, because the window's minimum height ignored how tall the
wrapped text grows at the narrowest width)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from clinicapp.core.models import Role
from clinicapp.core.services import commitments, groups, members, sessions
from clinicapp.core.sync import clock
from clinicapp.paths import resolve
from clinicapp.ui import i18n
from clinicapp.ui.dialogs.commitment_followup import FollowUpDialog
from clinicapp.ui.dialogs.crash import CrashDialog
from clinicapp.ui.dialogs.first_run import FirstRunDialog
from clinicapp.ui.dialogs.identifier_warning import IdentifierWarningDialog
from clinicapp.ui.dialogs.journal import JournalDialog, SetUpJournalDialog
from clinicapp.ui.dialogs.passphrase import NewRecoveryKeyDialog
from clinicapp.ui.ops import wait_for_ops
from tests.unit.ui.everyday import make_ctx


@pytest.fixture(params=["en", "fr"])
def language(request) -> Iterator[str]:  # type: ignore[no-untyped-def]
    assert i18n.install(request.param) or request.param == "en"
    yield request.param
    i18n.install("en")


def _crash() -> QWidget:
    try:
        {}["missing"]
    except KeyError as exc:
        return CrashDialog(exc)
    raise AssertionError


def _follow_up(db, ctx) -> QWidget:  # type: ignore[no-untyped-def]
    group = groups.create(db, "Riverside small group")
    member = members.create(db, "Geneviève Tremblay-Bouchard", Role.PHYSICIAN)
    members.add_to_group(db, group.id, member.id)
    session = sessions.plan(db, group.id, "Deprescribing in the elderly", clock.utcnow())
    commitment = commitments.create(
        db, member.id, session.id, "Close every message thread with an owner and a due "
        "date, and review the unassigned ones at the Monday huddle",
        target_date=date(2025, 6, 1))
    return FollowUpDialog(ctx, commitment, member_name=member.full_name, private=False)


BUILDERS: dict[str, Callable[..., QWidget]] = {
    "journal": lambda db, ctx, member_id, _tmp: JournalDialog(ctx, member_id),
    "set up journal": lambda db, ctx, member_id, _tmp: SetUpJournalDialog(ctx, member_id),
    "first run": lambda db, ctx, member_id, tmp: FirstRunDialog(resolve(tmp / "fresh")),
    "recovery key": lambda db, ctx, member_id, _tmp: NewRecoveryKeyDialog(
        "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567"),
    "identifier warning": lambda db, ctx, member_id, _tmp: IdentifierWarningDialog(
        [{"field": "what", "text": "Mme Gagnon", "reason": "a name"}], {"what": "What?"}),
    "crash": lambda db, ctx, member_id, _tmp: _crash(),
    "follow-up": lambda db, ctx, member_id, _tmp: _follow_up(db, ctx),
}


def cut_labels(dialog: QWidget) -> list[str]:
    """The wrapped texts shown shorter than their lines need."""
    return [label.text()[:40] for label in dialog.findChildren(QLabel)
            if label.isVisible() and label.wordWrap() and label.text()
            and label.height() < label.heightForWidth(label.width())]


def overlapping(dialog: QWidget) -> list[str]:
    """Buttons drawn over the widget above them."""
    found = []
    for button in dialog.findChildren(QAbstractButton):
        if not button.isVisible():
            continue
        top = button.mapTo(dialog, button.rect().topLeft()).y()
        for other in dialog.findChildren(QWidget):
            if other.isVisible() and other.isWindow() is False and other.inherits(
                    "QPlainTextEdit"):
                bottom = other.mapTo(dialog, other.rect().bottomLeft()).y()
                left = other.mapTo(dialog, other.rect().topLeft()).y()
                if left < top < bottom:
                    found.append(button.text())
    return found


@pytest.mark.parametrize("name", list(BUILDERS))
def test_the_smallest_dialog_shows_every_line(qtbot, db, paths, tmp_path, language, name):
    member = members.create(db, "Aaliyah Okafor", Role.PHYSICIAN)
    ctx = make_ctx(db, paths)
    dialog = BUILDERS[name](db, ctx, member.id, tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    assert wait_for_ops()
    dialog.resize(1, 1)  # as small as the person can drag it
    qtbot.wait(50)
    assert dialog.width() < 700
    assert cut_labels(dialog) == []
    assert overlapping(dialog) == []
    if hasattr(dialog, "_may_close"):
        dialog._may_close = True
