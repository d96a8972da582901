"""The ``clinicapp`` command loads only the subcommand module a run uses."""

from __future__ import annotations

import argparse
import subprocess
import sys

from clinicapp import cli


def _registered_by(module_name: str) -> list[str]:
    parser = argparse.ArgumentParser()
    subparsers = parser.add_subparsers(dest="command")
    cli._register(module_name, subparsers)
    return list(subparsers.choices)


def test_the_command_table_names_every_subcommand_of_every_module():
    for module_name in set(cli.COMMANDS.values()):
        assert sorted(_registered_by(module_name)) == sorted(
            word for word, owner in cli.COMMANDS.items() if owner == module_name)


def test_the_command_word_skips_options_and_their_values():
    assert cli.command_word([]) is None
    assert cli.command_word(["--data-dir", "check", "--self-test"]) is None
    assert cli.command_word(["--data-dir=/x", "check", "--full"]) == "check"
    assert cli.command_word(["--passphrase-file", "f", "report", "credits"]) == "report"


def test_a_parser_for_one_command_still_parses_it_and_help_lists_them_all():
    args = cli.build_parser(["--data-dir", "d", "check"]).parse_args(
        ["--data-dir", "d", "check"])
    assert args.command == "check" and args.data_dir == "d"
    assert cli.build_parser([]).parse_args([]).command is None
    full = cli.build_parser(["--help"]).format_help()
    assert all(word in full for word in cli.COMMANDS)


def _loaded_after(argv: list[str]) -> set[str]:
    script = ("import sys\nfrom clinicapp.cli import build_parser\n"
              f"build_parser({argv!r})\n"
              "print(' '.join(m for m in sys.modules if m.startswith('clinicapp.cli.') "
              "or m.split('.')[0] in ('sqlalchemy', 'cryptography')))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60, check=True)
    return set(done.stdout.split())


def test_starting_the_desktop_app_loads_no_command_module_nor_the_database_layer():
    assert _loaded_after([]) == {"clinicapp.cli.common"}
    assert "clinicapp.cli.data" in _loaded_after(["check"])
    assert "clinicapp.cli.sync" not in _loaded_after(["check"])
