"""Every word printed on a report can be translated: it is listed for pyside6-lupdate."""

from __future__ import annotations

import ast
from pathlib import Path

import clinicapp.core.reports as reports_package
from clinicapp.printing.words import REPORT_WORDS


def printed_words() -> set[str]:
    """The literal strings handed to ``t``/``_t``/``.tr`` in the report modules."""
    found: set[str] = set()
    for path in Path(reports_package.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not (isinstance(node, ast.Call) and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                continue
            func = node.func
            if (isinstance(func, ast.Name) and func.id in ("t", "_t")) or (
                    isinstance(func, ast.Attribute) and func.attr == "tr"):
                found.add(node.args[0].value)
    return found


def test_every_report_word_is_listed_for_translation():
    missing = printed_words() - set(REPORT_WORDS)
    assert not missing, f"add to printing/words.py: {sorted(missing)}"
