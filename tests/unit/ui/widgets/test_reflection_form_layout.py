"""The reflection round in an 800 × 640 window, in English and French: the form fits the
window it covers (in French it needed 1014 pixels and stuck out of an 800-pixel one),
every caption and choice shows whole, Tab follows the screen, and each Alt letter takes
the participant to its own field (in English Alt+H was both "The c&hange" and "S&hare
with the group", so it only moved between them)."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QMainWindow,
    QRadioButton,
    QWidget,
)

from clinicapp.core.models import Role
from clinicapp.core.services import attendance, groups, members, sessions
from clinicapp.core.sync import clock
from clinicapp.ui import i18n
from clinicapp.ui.dialogs.reflection_round import ReflectionRound
from tests.unit.ui.everyday import make_ctx, settle

NAME = "Geneviève Tremblay-Bouchard de la Vallée-du-Richelieu"


@pytest.fixture(params=["en", "fr"])
def round_(request, qtbot, db, paths):  # type: ignore[no-untyped-def]
    group = groups.create(db, "Riverside small group")
    member = members.create(db, NAME, Role.PHYSICIAN)
    members.add_to_group(db, group.id, member.id)
    session = sessions.plan(db, group.id, "Deprescribing", clock.utcnow())
    sessions.start(db, session.id)
    attendance.check_in(db, session.id, member.id)
    try:
        assert i18n.install(request.param) or request.param == "en"
        window = QMainWindow()
        qtbot.addWidget(window)
        window.resize(800, 640)
        window.show()
        dialog = ReflectionRound(make_ctx(db, paths, require_unlock=lambda: True), session,
                                 [(NAME, member.id)], window)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        dialog.begin_button.click()
        settle()
        yield dialog
        dialog._may_close = True
        dialog.reject()
        settle()
    finally:
        i18n.install("en")


def on_screen(dialog: QWidget, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(dialog, QPoint(0, 0)), widget.size())


def test_the_form_fits_an_800_pixel_window_with_every_caption_whole(round_):
    dialog = round_
    assert dialog.width() == 800  # the main window's size, not pushed wider
    assert dialog.minimumSizeHint().width() <= 800
    assert dialog.minimumSizeHint().height() <= 640
    inside = dialog.rect()
    for widget in (*dialog.form.findChildren(QLabel), *dialog.form.findChildren(QAbstractButton),
                   *dialog.form.findChildren(QGroupBox)):
        if not widget.isVisible():
            continue
        shown = on_screen(dialog, widget)
        assert inside.contains(shown), (widget.objectName(), shown)
        if isinstance(widget, QLabel) and widget.wordWrap():
            assert widget.height() >= widget.heightForWidth(widget.width()) - 1, widget.text()
        elif isinstance(widget, (QLabel, QAbstractButton)):
            assert widget.width() >= widget.sizeHint().width(), widget.text()  # not cut
    heading = dialog.form.heading
    assert NAME in heading.text() and heading.width() <= dialog.width()


def test_tab_goes_down_the_reflection_then_the_commitment_then_who_reads_them(round_):
    form = round_.form
    form.commitment.setChecked(True)
    fields = form.fields
    expected = [fields["what"], fields["so_what"], fields["now_what"], fields["barriers"],
                fields["supports_needed"], form.commitment, fields["change"],
                fields["stance"], fields["confidence"], fields["commitment_barriers"],
                fields["supports"], fields["target_date"].check, form.private]
    fields["what"].setFocus()
    seen = [QApplication.focusWidget()]
    for _ in expected[1:]:
        QApplication.focusWidget().focusNextChild()
        seen.append(QApplication.focusWidget())
    assert seen == expected


def test_each_alt_letter_reaches_its_own_field(qtbot, round_):
    dialog, form = round_, round_.form
    form.commitment.setChecked(True)  # its fields take the focus only when ticked
    settle()
    texts = [w.text() for w in (*dialog.findChildren(QLabel),
                                *dialog.findChildren(QAbstractButton)) if w.isVisible()]
    texts += [box.title() for box in dialog.findChildren(QGroupBox) if box.isVisible()]
    letters = Counter(found.group(1).lower() for text in texts
                      if (found := re.search(r"&(\w)", text.replace("&&", ""))))
    assert [letter for letter, times in letters.items() if times > 1] == []

    def press(text: str) -> None:
        letter = re.search(r"&(\w)", text).group(1).upper()  # type: ignore[union-attr]
        qtbot.keyClick(QApplication.focusWidget(), getattr(Qt.Key, f"Key_{letter}"),
                       Qt.KeyboardModifier.AltModifier)

    for caption in form.findChildren(QLabel):
        buddy = caption.buddy()
        if buddy is None or not caption.isVisible():
            continue
        form.heading.setFocus()
        press(caption.text())
        target = buddy.focusProxy() or buddy
        assert QApplication.focusWidget() is target, caption.text()
    for choice in form.findChildren(QRadioButton):
        form.heading.setFocus()
        press(choice.text())
        qtbot.waitUntil(choice.isChecked)  # Alt and its letter pick the choice
        assert QApplication.focusWidget() is choice, choice.text()
