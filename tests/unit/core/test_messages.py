"""Every error code core raises has one English template, and every raise in the tree uses
a known code with exactly the parameters its template needs — checked statically, so a raise
that no test happens to reach is covered too."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from clinicapp.core import messages
from clinicapp.core.errors import ValidationError

SRC = Path(__file__).resolve().parents[3] / "src" / "clinicapp"


def validation_raises() -> list[tuple[str, ast.Call]]:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                    and node.func.id == "ValidationError":
                found.append((f"{path.relative_to(SRC)}:{node.lineno}", node))
    return found


def test_every_validation_error_in_the_tree_names_a_known_code_and_its_parameters() -> None:
    raises = validation_raises()
    assert len(raises) > 80  # the walk really sees the tree
    problems = []
    for where, call in raises:
        if len(call.args) != 2 or not isinstance(call.args[1], ast.Constant) \
                or not isinstance(call.args[1].value, str):
            problems.append(f"{where}: the code must be a literal string")
            continue
        code = call.args[1].value
        if code not in messages.messages():
            problems.append(f"{where}: unknown code {code!r}")
            continue
        given = {k.arg for k in call.keywords}
        if given & {"field", "code"}:
            problems.append(f"{where}: 'field' and 'code' cannot be parameters")
        wanted = messages.placeholders(messages.messages()[code])
        if given != wanted:
            problems.append(f"{where}: {code} needs {sorted(wanted)}, given {sorted(given)}")
    assert problems == []


def test_every_code_in_the_catalogue_is_raised_somewhere() -> None:
    used = {call.args[1].value for _, call in validation_raises()
            if len(call.args) == 2 and isinstance(call.args[1], ast.Constant)}
    spare = set(messages.messages()) - used
    assert spare == set()


def test_an_error_carries_code_params_and_the_english_sentence() -> None:
    err = ValidationError("title", "too_long", limit=200)
    assert (err.field, err.code, dict(err.params)) == ("title", "too_long", {"limit": 200})
    assert err.rule == "must be at most 200 characters"
    assert str(err) == "title: must be at most 200 characters"


def test_numbers_are_written_without_trailing_zeros() -> None:
    assert ValidationError("x", "out_of_range", low=0.0, high=3.0).rule == \
        "must be between 0 and 3"


def test_an_unknown_code_or_missing_parameter_is_a_programming_error() -> None:
    with pytest.raises(KeyError):
        ValidationError("title", "no_such_code")
    with pytest.raises(KeyError):
        ValidationError("title", "too_long")


def test_the_catalogue_cannot_be_changed_from_outside() -> None:
    with pytest.raises(TypeError):
        messages.messages()["required"] = "whatever"  # type: ignore[index]
