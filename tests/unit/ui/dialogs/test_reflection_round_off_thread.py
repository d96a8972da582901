"""The reflection round's draft, saved while the participant types, is written on a worker;
the next participant's turn waits for that save and then keeps the last words too."""

from __future__ import annotations

import threading

from clinicapp.core.services import reflections
from tests.unit.ui.dialogs.test_reflection_round import moving_clock, round_

__all__ = ["moving_clock", "round_"]  # fixtures


def test_the_draft_is_saved_on_a_worker_and_the_next_turn_keeps_the_last_words(
        qtbot, round_, db):
    dialog, session, people = round_
    threads: list[int] = []
    db.on_commit(lambda _tables: threads.append(threading.get_ident()))
    dialog.people.setCurrentRow(0)
    dialog.begin_button.click()
    form = dialog.form
    form.shared.setChecked(True)  # no journal yet: a shared reflection can be saved
    form.fields["what"].setFocus()
    qtbot.keyClicks(form.fields["what"], "Tapering works")
    dialog._save_draft_soon()  # what the autosave timer does
    qtbot.keyClicks(form.fields["what"], " with a pharmacy plan")  # typed meanwhile
    dialog.next_button.click()
    stored = reflections.list_for_session(db, session.id)
    assert [(r.member_id, r.what) for r in stored] == [
        (people[0][1], "Tapering works with a pharmacy plan")]
    assert threads and threading.get_ident() != threads[0]  # the draft: off the UI thread
    assert form.fields["what"].toPlainText() == ""  # the next person starts blank
