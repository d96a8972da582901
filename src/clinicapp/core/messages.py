"""The one catalogue of what core's errors say, in English.

Core raises errors with a stable *code* and *parameters*
(``ValidationError("title", "too_long", limit=200)``); the English sentence is built here
from the code's template, so ``str(exc)`` stays a readable line for the CLI and the log.

How a front end words an error in another language: look up ``exc.code`` in its own
table of translated templates (same ``{name}`` placeholders) and fill it with
``exc.params``; fall back to ``str(exc)`` when a code is missing. ``messages()`` lists
every code with its English template, so a front end's test can check that each code has
a translation and that the translation uses the same placeholders.

Codes are identifiers: once released, a code keeps its meaning (the wording may change).
Parameters are plain values (numbers, names, dates written as text, enum values such as
``"in_progress"``), never sentences, so a translation can place them where its grammar
wants them.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

_MESSAGES: Final[dict[str, str]] = {
    # --- any field ------------------------------------------------------------------
    "required": "is required",
    "empty": "must not be empty",
    "too_long": "must be at most {limit} characters",
    "too_short": "must be at least {limit} characters",
    "out_of_range": "must be between {low:g} and {high:g}",
    "below_minimum": "must be at least {minimum:g}",
    "above_maximum": "must be at most {maximum:g}",
    "not_whole_number": "must be a whole number from {low} to {high}",
    "not_one_of": "must be one of: {allowed}",
    "wrong_type": "must be a {type}",
    "not_editable": "is not a field that can be changed here",
    "not_date": "must be a date",
    "not_datetime": "must be a date and time",
    "not_aware_datetime": "must be a date and time with its time zone",
    "not_date_text": "'{text}' is not a date; write it as YYYY-MM-DD",
    "date_order": "must not be before the {other}",
    "period_order": "must not be before the start ({first})",
    "not_email": "“{value}” is not an email address",
    "not_a_member": "must be a member of ClinicApp (no such member)",
    "no_such_member": "no such member",
    "no_such_session": "no such session",
    "unreadable_file": "cannot read the file: {reason}",
    # --- settings -------------------------------------------------------------------
    "unknown_setting": "unknown setting '{name}'",
    "unknown_time_zone": "'{name}' is not a time zone; use a name such as Africa/Kampala",
    # --- sessions and attendance ----------------------------------------------------
    "objective_too_long": "each objective must be at most {limit} characters",
    "facilitator_unknown": "a facilitator is not a member on record",
    "move_not_planned": "only a planned session can move to another group",
    "start_not_planned": "this session is {status}; only a planned session can start",
    "complete_not_in_progress": "this session is {status}; only a session in progress can "
                                "be completed",
    "cancel_not_planned": "this session is {status}; only a planned session can be "
                          "cancelled",
    "delete_completed": "a completed session holds credits and cannot be deleted",
    "break_order": "a break must end after it starts",
    "break_not_started": "breaks belong to a session that has started",
    "break_overlap": "this overlaps the break from {start} to {end}",
    "end_before_start": "the session must end after it started",
    "session_cancelled": "this session was cancelled",
    "attendance_closed": "this session is {status}; attendance can no longer be taken",
    "already_checked_in": "{name} is already checked in",
    "not_checked_in": "this person is not checked in",
    "left_before_arrival": "cannot be before the arrival, {arrived}",
    "minutes_before_completion": "minutes are corrected once the session is completed",
    "no_attendance": "this person has no attendance at the session",
    # --- members and groups ---------------------------------------------------------
    "not_in_group": "this member is not in the group",
    "csv_no_header": "the first line must name the columns, with a “name” column "
                     "(also: role, email, phone, licence, facilitator)",
    "csv_empty": "the file is empty",
    "csv_too_many_rows": "more than {limit} rows; split the file",
    "roster_unknown_role": "“{role}” is not a role (use physician, MOA, nurse, allied "
                           "health, administrator or other)",
    "roster_same_person": "the same person as line {line}",
    "topic_title_taken": "another topic is already called “{title}”",
    # --- evaluations, reflections, journals -----------------------------------------
    "bias_undescribed": "say what bias was perceived",
    "evaluation_before_start": "evaluations are taken once the session has started",
    "already_evaluated": "this person has already evaluated the session",
    "evaluation_unsigned": "choose your name, or untick the box to stay anonymous",
    "reflection_empty": "write at least one part of the reflection",
    "reflection_not_attended": "{name} did not attend this session: check them in first",
    "no_private_journal": "{name} has no private journal yet: set it up, or share the "
                          "reflection with the group",
    "journal_exists_change": "is already set up for this member; change its passphrase "
                             "instead",
    "journal_exists": "is already set up for this member",
    "journal_passphrase_needed": "is needed to open a journal",
    # --- action plans, support, commitments -----------------------------------------
    "owner_not_in_group": "the owner must be a member of the plan's group",
    "owner_is_supporter": "the owner is already responsible; list others",
    "pdsa_needs_aim": "a PDSA cycle needs an aim or a change idea",
    "support_for_whom": "say who the support is for: a member or a clinic",
    "request_closed": "this request is already {status}; it cannot be {doing}",
    "followup_in_future": "a follow-up cannot be recorded in the future",
    "followup_before_commitment": "a follow-up cannot be recorded before the commitment was "
                                  "made ({made_on})",
    # --- audit ----------------------------------------------------------------------
    "audit_action_format": "must be a short lower_case word such as 'export_csv'",
    # --- identities, peers, sync ----------------------------------------------------
    "identity_format": "must be one line starting '{prefix}:' as printed by "
                       "'clinicapp identity'",
    "age_recipient_format": "the age recipient must start with 'age1'",
    "identity_keys_damaged": "the keys in this line are damaged",
    "minisign_key_damaged": "the minisign key in this line is damaged",
    "peer_name_missing": "give the peer a name, e.g. 'office'",
    "own_identity": "that is this workstation's own identity",
    "peer_name_taken": "another peer is already called '{name}'",
    "no_central_server": "no central server is trusted yet: name the peer to export for, "
                         "or add the central server's identity first",
    "no_group_here": "no group here is called '{name}'",
    "group_name_ambiguous": "several groups are called '{name}': give its id",
    "central_has_every_group": "a central server may change every group: give --central "
                               "or --groups, not both",
    "conflict_closed": "conflict {conflict} is already closed ({resolution})",
    "conflict_settled_with": "conflict {conflict} is settled with {choices}",
    # --- reports and exports --------------------------------------------------------
    "no_groups": "there are no groups; known divisions: {known}",
    "unknown_division": "no group belongs to division '{division}'; known divisions: {known}",
    "wrong_suffix": "must end in {suffixes} (got '{name}')",
    "is_folder": "{path} is a folder; give a file name",
    "is_folder_example": "{path} is a folder; give a file name such as {example}",
    "no_folder": "the folder {folder} does not exist",
    "unknown_table": "unknown table '{table}'; choose one of: {known}",
    "no_match": "no {what} matches '{text}'; give an id or a name",
    "ambiguous": "'{text}' matches several: {names}; give the id",
    "certificate_not_completed": "'{title}' is {status}; certificates are issued once it "
                                 "is completed",
    "certificate_not_present": "did not attend '{title}'; certificates are for participants "
                               "who were present",
    "certificate_no_credits": "earned no credits at '{title}'; there is nothing to certify",
    "certificate_nobody_present": "nobody was present at '{title}'; there is no "
                                  "certificate to print",
    # --- the central server --------------------------------------------------------
    "staff_name_format": "give a name of 1 to 100 printable characters",
    "staff_name_taken": "'{name}' already exists",
    "duration_format": "give a duration like 30m, 12h, 7d or 2w",
    "duration_range": "must be between a second and a year",
    "no_group_named": "name at least one group",
    "device_ambiguous": "'{key}' matches {count} devices: give the full replica id",
    "no_such_report_table": "no table '{key}' in this report",
    # --- duplicates and the age identity -----------------------------------------------
    "merge_into_itself": "a record cannot be merged into itself",
    "merge_already_undone": "this merge was already undone",
    "file_exists": "{path} already exists: choose a new file name (an identity file is "
                   "never overwritten)",
    # --- demo data ------------------------------------------------------------------
    "demo_seed_used": "demo data with seed {seed} is already in this database; use "
                      "another --seed",
}

MESSAGES: Final[Mapping[str, str]] = MappingProxyType(_MESSAGES)


def messages() -> Mapping[str, str]:
    """Every error code with its English template (read-only)."""
    return MESSAGES


def placeholders(template: str) -> frozenset[str]:
    """The parameter names a template uses (``{limit}`` -> ``limit``)."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name)


def render(code: str, params: Mapping[str, object]) -> str:
    """The English sentence for ``code`` with ``params`` filled in.

    An unknown code or a missing parameter is a programming error and raises KeyError,
    so a test of the raise finds it (tests/unit/core/test_messages.py checks every raise
    in the tree statically as well).
    """
    return MESSAGES[code].format(**params)
