# ruff: noqa: E501
"""Errors from core in the interface's language.

Core raises a ``ValidationError`` with a stable code and parameters (``core/messages.py``
holds the English templates). Here each code has its template again, under the
"Errors" context, so ``pyside6-lupdate`` collects it and the French catalogue words it;
``error_text(exc)`` fills the translated template with the error's parameters.
``tests/unit/ui/test_error_text.py`` checks that every core code is here, with the same
placeholders, and has a French wording.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QCoreApplication

from clinicapp.core.errors import (
    ClinicAppError,
    NotFoundError,
    StorageFullError,
    ValidationError,
)
from clinicapp.core.messages import render


def templates() -> dict[str, str]:
    """Every core error code with its template in the interface language."""
    return {
        "required": QCoreApplication.translate(
            "Errors", 'is required'),
        "empty": QCoreApplication.translate(
            "Errors", 'must not be empty'),
        "too_long": QCoreApplication.translate(
            "Errors", 'must be at most {limit} characters'),
        "too_short": QCoreApplication.translate(
            "Errors", 'must be at least {limit} characters'),
        "out_of_range": QCoreApplication.translate(
            "Errors", 'must be between {low:g} and {high:g}'),
        "below_minimum": QCoreApplication.translate(
            "Errors", 'must be at least {minimum:g}'),
        "above_maximum": QCoreApplication.translate(
            "Errors", 'must be at most {maximum:g}'),
        "not_whole_number": QCoreApplication.translate(
            "Errors", 'must be a whole number from {low} to {high}'),
        "not_one_of": QCoreApplication.translate(
            "Errors", 'must be one of: {allowed}'),
        "wrong_type": QCoreApplication.translate(
            "Errors", 'must be a {type}'),
        "not_editable": QCoreApplication.translate(
            "Errors", 'is not a field that can be changed here'),
        "not_date": QCoreApplication.translate(
            "Errors", 'must be a date'),
        "not_datetime": QCoreApplication.translate(
            "Errors", 'must be a date and time'),
        "not_aware_datetime": QCoreApplication.translate(
            "Errors", 'must be a date and time with its time zone'),
        "not_date_text": QCoreApplication.translate(
            "Errors", "'{text}' is not a date; write it as YYYY-MM-DD"),
        "date_order": QCoreApplication.translate(
            "Errors", 'must not be before the {other}'),
        "period_order": QCoreApplication.translate(
            "Errors", 'must not be before the start ({first})'),
        "not_email": QCoreApplication.translate(
            "Errors", '“{value}” is not an email address'),
        "not_a_member": QCoreApplication.translate(
            "Errors", 'must be a member of ClinicApp (no such member)'),
        "no_such_member": QCoreApplication.translate(
            "Errors", 'no such member'),
        "no_such_session": QCoreApplication.translate(
            "Errors", 'no such session'),
        "unreadable_file": QCoreApplication.translate(
            "Errors", 'cannot read the file: {reason}'),
        "unknown_setting": QCoreApplication.translate(
            "Errors", "unknown setting '{name}'"),
        "objective_too_long": QCoreApplication.translate(
            "Errors", 'each objective must be at most {limit} characters'),
        "facilitator_unknown": QCoreApplication.translate(
            "Errors", 'a facilitator is not a member on record'),
        "move_not_planned": QCoreApplication.translate(
            "Errors", 'only a planned session can move to another group'),
        "start_not_planned": QCoreApplication.translate(
            "Errors", 'this session is {status}; only a planned session can start'),
        "complete_not_in_progress": QCoreApplication.translate(
            "Errors", 'this session is {status}; only a session in progress can be completed'),
        "cancel_not_planned": QCoreApplication.translate(
            "Errors", 'this session is {status}; only a planned session can be cancelled'),
        "delete_completed": QCoreApplication.translate(
            "Errors", 'a completed session holds credits and cannot be deleted'),
        "break_order": QCoreApplication.translate(
            "Errors", 'a break must end after it starts'),
        "break_not_started": QCoreApplication.translate(
            "Errors", 'breaks belong to a session that has started'),
        "break_overlap": QCoreApplication.translate(
            "Errors", 'this overlaps the break from {start} to {end}'),
        "end_before_start": QCoreApplication.translate(
            "Errors", 'the session must end after it started'),
        "session_cancelled": QCoreApplication.translate(
            "Errors", 'this session was cancelled'),
        "attendance_closed": QCoreApplication.translate(
            "Errors", 'this session is {status}; attendance can no longer be taken'),
        "already_checked_in": QCoreApplication.translate(
            "Errors", '{name} is already checked in'),
        "not_checked_in": QCoreApplication.translate(
            "Errors", 'this person is not checked in'),
        "left_before_arrival": QCoreApplication.translate(
            "Errors", 'cannot be before the arrival, {arrived}'),
        "minutes_before_completion": QCoreApplication.translate(
            "Errors", 'minutes are corrected once the session is completed'),
        "no_attendance": QCoreApplication.translate(
            "Errors", 'this person has no attendance at the session'),
        "not_in_group": QCoreApplication.translate(
            "Errors", 'this member is not in the group'),
        "csv_no_header": QCoreApplication.translate(
            "Errors", 'the first line must name the columns, with a “name” column (also: role, email, phone, licence, facilitator)'),
        "csv_empty": QCoreApplication.translate(
            "Errors", 'the file is empty'),
        "csv_too_many_rows": QCoreApplication.translate(
            "Errors", 'more than {limit} rows; split the file'),
        "roster_unknown_role": QCoreApplication.translate(
            "Errors", '“{role}” is not a role (use physician, MOA, nurse, allied health, administrator or other)'),
        "roster_same_person": QCoreApplication.translate(
            "Errors", 'the same person as line {line}'),
        "topic_title_taken": QCoreApplication.translate(
            "Errors", 'another topic is already called “{title}”'),
        "bias_undescribed": QCoreApplication.translate(
            "Errors", 'say what bias was perceived'),
        "evaluation_before_start": QCoreApplication.translate(
            "Errors", 'evaluations are taken once the session has started'),
        "already_evaluated": QCoreApplication.translate(
            "Errors", 'this person has already evaluated the session'),
        "evaluation_unsigned": QCoreApplication.translate(
            "Errors", 'choose your name, or untick the box to stay anonymous'),
        "reflection_empty": QCoreApplication.translate(
            "Errors", 'write at least one part of the reflection'),
        "reflection_not_attended": QCoreApplication.translate(
            "Errors", '{name} did not attend this session: check them in first'),
        "no_private_journal": QCoreApplication.translate(
            "Errors", '{name} has no private journal yet: set it up, or share the reflection with the group'),
        "journal_exists_change": QCoreApplication.translate(
            "Errors", 'is already set up for this member; change its passphrase instead'),
        "journal_exists": QCoreApplication.translate(
            "Errors", 'is already set up for this member'),
        "journal_passphrase_needed": QCoreApplication.translate(
            "Errors", 'is needed to open a journal'),
        "owner_not_in_group": QCoreApplication.translate(
            "Errors", "the owner must be a member of the plan's group"),
        "owner_is_supporter": QCoreApplication.translate(
            "Errors", 'the owner is already responsible; list others'),
        "pdsa_needs_aim": QCoreApplication.translate(
            "Errors", 'a PDSA cycle needs an aim or a change idea'),
        "support_for_whom": QCoreApplication.translate(
            "Errors", 'say who the support is for: a member or a clinic'),
        "request_closed": QCoreApplication.translate(
            "Errors", 'this request is already {status}; it cannot be {doing}'),
        "followup_in_future": QCoreApplication.translate(
            "Errors", 'a follow-up cannot be recorded in the future'),
        "followup_before_commitment": QCoreApplication.translate(
            "Errors", 'a follow-up cannot be recorded before the commitment was made ({made_on})'),
        "audit_action_format": QCoreApplication.translate(
            "Errors", "must be a short lower_case word such as 'export_csv'"),
        "identity_format": QCoreApplication.translate(
            "Errors", "must be one line starting '{prefix}:' as printed by 'clinicapp identity'"),
        "age_recipient_format": QCoreApplication.translate(
            "Errors", "the age recipient must start with 'age1'"),
        "identity_keys_damaged": QCoreApplication.translate(
            "Errors", 'the keys in this line are damaged'),
        "minisign_key_damaged": QCoreApplication.translate(
            "Errors", 'the minisign key in this line is damaged'),
        "peer_name_missing": QCoreApplication.translate(
            "Errors", "give the peer a name, e.g. 'office'"),
        "own_identity": QCoreApplication.translate(
            "Errors", "that is this workstation's own identity"),
        "peer_name_taken": QCoreApplication.translate(
            "Errors", "another peer is already called '{name}'"),
        "no_central_server": QCoreApplication.translate(
            "Errors", "no central server is trusted yet: name the peer to export for, or add the central server's identity first"),
        "conflict_closed": QCoreApplication.translate(
            "Errors", 'conflict {conflict} is already closed ({resolution})'),
        "conflict_settled_with": QCoreApplication.translate(
            "Errors", 'conflict {conflict} is settled with {choices}'),
        "no_groups": QCoreApplication.translate(
            "Errors", 'there are no groups; known divisions: {known}'),
        "unknown_division": QCoreApplication.translate(
            "Errors", "no group belongs to division '{division}'; known divisions: {known}"),
        "wrong_suffix": QCoreApplication.translate(
            "Errors", "must end in {suffixes} (got '{name}')"),
        "is_folder": QCoreApplication.translate(
            "Errors", '{path} is a folder; give a file name'),
        "is_folder_example": QCoreApplication.translate(
            "Errors", '{path} is a folder; give a file name such as {example}'),
        "no_folder": QCoreApplication.translate(
            "Errors", 'the folder {folder} does not exist'),
        "unknown_table": QCoreApplication.translate(
            "Errors", "unknown table '{table}'; choose one of: {known}"),
        "no_match": QCoreApplication.translate(
            "Errors", "no {what} matches '{text}'; give an id or a name"),
        "ambiguous": QCoreApplication.translate(
            "Errors", "'{text}' matches several: {names}; give the id"),
        "certificate_not_completed": QCoreApplication.translate(
            "Errors", "'{title}' is {status}; certificates are issued once it is completed"),
        "certificate_not_present": QCoreApplication.translate(
            "Errors", "did not attend '{title}'; certificates are for participants who were present"),
        "certificate_no_credits": QCoreApplication.translate(
            "Errors", "earned no credits at '{title}'; there is nothing to certify"),
        "certificate_nobody_present": QCoreApplication.translate(
            "Errors", "nobody was present at '{title}'; there is no certificate to print"),
        "staff_name_format": QCoreApplication.translate(
            "Errors", 'give a name of 1 to 100 printable characters'),
        "staff_name_taken": QCoreApplication.translate(
            "Errors", "'{name}' already exists"),
        "duration_format": QCoreApplication.translate(
            "Errors", 'give a duration like 30m, 12h, 7d or 2w'),
        "duration_range": QCoreApplication.translate(
            "Errors", 'must be between a second and a year'),
        "no_group_named": QCoreApplication.translate(
            "Errors", 'name at least one group'),
        "device_ambiguous": QCoreApplication.translate(
            "Errors", "'{key}' matches {count} devices: give the full replica id"),
        "no_such_report_table": QCoreApplication.translate(
            "Errors", "no table '{key}' in this report"),
        "demo_seed_used": QCoreApplication.translate(
            "Errors", 'demo data with seed {seed} is already in this database; use another --seed'),
        "unknown_time_zone": QCoreApplication.translate(
            "Errors", "'{name}' is not a time zone; use a name such as Africa/Kampala"),
        "no_group_here": QCoreApplication.translate(
            "Errors", "no group here is called '{name}'"),
        "group_name_ambiguous": QCoreApplication.translate(
            "Errors", "several groups are called '{name}': give its id"),
        "central_has_every_group": QCoreApplication.translate(
            "Errors", 'a central server may change every group: give --central or --groups, not both'),
        "merge_into_itself": QCoreApplication.translate(
            "Errors", 'a record cannot be merged into itself'),
        "merge_already_undone": QCoreApplication.translate(
            "Errors", 'this merge was already undone'),
        "file_exists": QCoreApplication.translate(
            "Errors", '{path} already exists: choose a new file name (an identity file is never overwritten)'),
    }


def _vocabulary(value: object) -> object:
    """An enum value given as a parameter ("in_progress") in the interface's words."""
    from clinicapp.core.models import AttendanceStatus, SessionStatus, SupportStatus
    from clinicapp.ui.widgets.labels import label

    if isinstance(value, StrEnum):
        return label(value, type(value))
    if isinstance(value, str):
        for enum_cls in (SessionStatus, SupportStatus, AttendanceStatus):
            try:
                member = enum_cls(value.replace(" ", "_"))
            except ValueError:
                continue
            return label(member, enum_cls)
    return value


def rule_text(exc: ValidationError) -> str:
    """The rule an error states, in the interface language (the English sentence when a
    code has no wording here, so nothing is ever lost)."""
    template = templates().get(exc.code)
    params = {name: _vocabulary(value) for name, value in exc.params.items()}
    if template is None:
        return render(exc.code, exc.params)
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):  # a translation with a bad placeholder
        return render(exc.code, exc.params)


def error_text(exc: BaseException) -> str:
    """One line for a person: a validation error's rule in the interface language."""
    if isinstance(exc, ValidationError):
        return rule_text(exc)
    if isinstance(exc, NotFoundError):
        return QCoreApplication.translate(
            "Errors", "This record no longer exists (it was deleted, perhaps on another "
                      "workstation).")
    if isinstance(exc, StorageFullError):
        return QCoreApplication.translate(
            "Errors", "The disk is full: this was not saved (nothing saved before it was "
                      "lost). Free some space on the drive that holds ClinicApp’s data "
                      "folder, then try again.")
    if isinstance(exc, ClinicAppError):
        return str(exc)
    return str(exc)
