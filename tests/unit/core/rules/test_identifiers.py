"""The warning before a reflection that may identify a patient: what it catches, why,
and the everyday clinical writing it leaves alone."""

from __future__ import annotations

import pytest

from clinicapp.core.rules.identifiers import IdentifierWarning, check, scan


def found(text: str) -> list[tuple[str, str]]:
    return [(f.text, f.reason) for f in scan({"what": text})]


@pytest.mark.parametrize(("text", "words", "reason"), [
    ("Her PHN 9123 456 789 was on the requisition.", "9123 456 789", "health number"),
    ("Health card 9876543210 expired.", "9876543210", "health number"),
    ("DOB 1956-03-14, never screened.", "1956-03-14", "full date"),
    ("Born 14/03/1956 in Trail.", "14/03/1956", "full date"),
    ("Seen on March 14, 1956 by the locum.", "March 14, 1956", "full date"),
    ("Née le 3 mars 1950? No: born 3 Mar 1950.", "3 Mar 1950", "full date"),
    ("Mrs. Smith asked about tapering.", "Mrs. Smith", "a title and a name"),
    ("Mr Jones came back twice.", "Mr Jones", "a title and a name"),
    ("Mme Saint-Pierre a rappelé.", "Mme Saint-Pierre", "a title and a name"),
    ("She lives at 42 Baker Street.", "42 Baker Street", "street address"),
    ("Moved to 7 Columbia Ave. last year.", "7 Columbia Ave.", "street address"),
    ("Elle habite au 1200, rue Saint-Denis.", "1200, rue Saint-Denis", "street address"),
    ("Postal code V1L 4K3 is remote.", "V1L 4K3", "postal code"),
    ("Call her at 250-555-1234.", "250-555-1234", "phone number"),
    ("Call her at (250) 555-1234.", "(250) 555-1234", "phone number"),
    ("Patient John Doe missed his visit.", "Patient John Doe", "patient's full name"),
    ("Our patient named Mary Lee was anxious.", "patient named Mary Lee", "patient's full name"),
])
def test_text_that_may_identify_a_patient_is_reported_with_its_words_and_reason(
        text, words, reason):
    findings = found(text)
    assert findings, f"nothing found in {text!r}"
    assert findings[0][0].rstrip(".") == words.rstrip(".")  # "St." keeps its dot
    assert reason in findings[0][1]


@pytest.mark.parametrize("text", [
    "Reviewed 12 charts; A1C under 7 in 8 of 12.",
    "BP 140/90 at 12:30, then 0.5 mg bid for 3 months.",
    "We have 2 protocols in place and 3 reminders in the EMR.",
    "Discussed 3 cases with dr Lee and 2 with the MOA.",
    "The 2024-25 credit year ends in June; 2024/2025 budget approved.",
    "EMR version 1.2 works with the new templates.",
    "A patient asked about tapering; we agreed on a plan.",
    "Dr. Patel led the session on end-of-life care.",
])
def test_ordinary_clinical_writing_is_not_flagged(text):
    assert found(text) == []


def test_every_finding_names_its_field_and_each_span_is_reported_once():
    findings = scan({"what": "Mrs. Smith, 42 Baker Street", "so_what": "",
                     "now_what": "Call 250-555-1234"})
    assert [(f.field, f.text) for f in findings] == [
        ("what", "42 Baker Street"), ("what", "Mrs. Smith"), ("now_what", "250-555-1234")]


def test_check_raises_a_warning_that_says_why():
    with pytest.raises(IdentifierWarning) as warning:
        check({"what": "fine", "barriers": "Mrs. Smith could not come"})
    assert warning.value.field == "barriers"
    message = str(warning.value)
    assert "may identify a patient" in message
    assert "Mrs. Smith" in message and "a title and a name" in message
    check({"what": "Nothing personal here."})  # no warning
