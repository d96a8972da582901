"""A row of controls that wraps: one line when there is room, the trailing filter at the
right edge; more lines when narrow, every control whole, none overlapping, none outside."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QPushButton, QVBoxLayout, QWidget

from clinicapp.ui.widgets.flow import FlowRow


def build(qtbot):  # type: ignore[no-untyped-def]
    host = QWidget()
    qtbot.addWidget(host)
    outer = QVBoxLayout(host)
    row = FlowRow()
    buttons = [QPushButton(text) for text in
               ("Nouvelle demande…", "Planifier…", "Marquer comme fait", "Annuler la demande")]
    for button in buttons:
        row.addWidget(button)
    trailing = QComboBox()
    trailing.addItem("Demandes ouvertes")
    row.add_trailing(trailing)
    outer.addLayout(row)
    outer.addStretch(1)
    return host, row, [*buttons, trailing]


def placed(host, widgets):  # type: ignore[no-untyped-def]
    host.layout().activate()
    return [w.geometry() for w in widgets]


def test_with_room_everything_is_on_one_line_and_the_filter_at_the_right(qtbot):
    host, row, widgets = build(qtbot)
    host.resize(row.sizeHint().width() + 200, 200)
    host.show()
    rects = placed(host, widgets)
    assert len({r.center().y() for r in rects}) == 1
    assert rects[-1].right() == row.geometry().right()  # kept to the right edge
    assert rects[-2].right() < rects[-1].left()


def test_when_narrow_it_wraps_and_every_control_stays_whole_and_inside(qtbot):
    host, row, widgets = build(qtbot)
    one_line = row.heightForWidth(row.sizeHint().width())
    width = row.sizeHint().width() // 2
    host.resize(width, 300)
    host.show()
    rects = placed(host, widgets)
    assert len({r.top() for r in rects}) >= 2
    for widget, rect in zip(widgets, rects, strict=True):
        assert rect.width() >= widget.sizeHint().width()  # not squeezed
        assert row.geometry().left() <= rect.left() and rect.right() <= row.geometry().right()
    for i, a in enumerate(rects):
        for b in rects[i + 1:]:
            assert not a.intersects(b)
    assert row.heightForWidth(row.geometry().width()) > one_line
    # The row never asks for more than its widest control, so a page can stay narrow.
    assert row.minimumSize().width() == max(w.minimumSizeHint().width() for w in widgets)


def test_a_hidden_control_leaves_no_gap(qtbot):
    host, row, widgets = build(qtbot)
    host.resize(row.sizeHint().width() + 200, 200)
    host.show()
    widgets[1].hide()
    rects = placed(host, widgets)
    assert rects[2].left() - rects[0].right() <= 2 * row._spacing() + 1
