"""Reading an import file: columns, the profession map, every problem per row."""

from __future__ import annotations

import pytest

from bot.core.hygiene import csv_cell
from bot.core.profile import DEFAULT_PROFESSIONS
from bot.core.roster import DEFAULT_PROFESSION_MAP, MapError, parse_profession_map, read_roster

PROFESSIONS = DEFAULT_PROFESSIONS


def read(text: str | bytes, professions=PROFESSIONS, mapping=None):
    data = text.encode() if isinstance(text, str) else text
    return read_roster(data, professions=professions, profession_map=mapping)


def test_an_esr_export_is_read_with_its_own_headings_and_the_default_map():
    roster = read(
        "Employee Number,Full Name,E-mail,Staff Group,Job Role,Site,Team,Line Manager Email\n"
        "1,Ann Lee,Ann.Lee@Trust.nhs.uk,Medical and Dental,Foundation Year 1,QE,Ward 1,"
        "bo@trust.nhs.uk\n"
        "2,Bo Sam,bo@trust.nhs.uk,nursing and midwifery registered,Sister,QE,Ward 1,\n")
    assert roster.ok, roster.problems
    ann, bo = roster.people
    assert (ann.email, ann.name, ann.profession, ann.site, ann.team, ann.manager_email) == (
        "ann.lee@trust.nhs.uk", "Ann Lee", "Doctor (junior)", "QE", "Ward 1", "bo@trust.nhs.uk")
    assert bo.profession == "Nurse" and bo.row == 3


def test_a_job_role_in_the_map_wins_over_the_staff_group_and_a_profession_cell_over_both():
    mapping = DEFAULT_PROFESSION_MAP + ";Physiotherapist=Allied health professional"
    roster = read("email,staff_group,job_role,profession\n"
                  "a@x.org,Medical and Dental,Physiotherapist,\n"
                  "b@x.org,Medical and Dental,,nurse\n"
                  "c@x.org,Medical and Dental,Consultant,\n", mapping=mapping)
    assert [p.profession for p in roster.people] == [
        "Allied health professional", "Nurse", "Doctor (consultant)"]


def test_every_problem_of_every_row_is_listed_at_once_with_its_row_number():
    roster = read("email,name,staff_group,manager_email\n"
                  "ann@x.org,Ann,Medical and Dental,\n"
                  ",Nobody,Students,zed@x.org\n"
                  "ANN@x.org,Ann again,Medical and Dental,\n"
                  "not-an-address,Cy,Astrology,\n"
                  "dee@x.org,Dee,,\n")
    assert not roster.ok
    assert [str(p) for p in roster.problems] == [
        "Row 3: no e-mail address",
        "Row 3: the staff group 'Students' maps to 'Student', which is not one of the "
        "programme's professions",
        "Row 3: the manager 'zed@x.org' is not in the file",
        "Row 4: the same e-mail address as row 2 (a duplicate row)",
        "Row 5: 'not-an-address' is not an e-mail address",
        "Row 5: the staff group 'Astrology' is not in the profession map",
        "Row 6: no profession, staff group or job role",
    ]


def test_a_file_that_is_not_csv_or_has_no_email_column_is_one_sentence():
    assert [str(p) for p in read(b"PK\x03\x04\x14\x00binary").problems] == [
        "The file is not a CSV file (it looks like an Excel workbook or other zip file): "
        "save it as 'CSV UTF-8' and try again."]
    assert [str(p) for p in read("name,profession\nAnn,Doctor\n").problems] == [
        "The file has no email column: the first row must name the columns, one of them "
        "'email'."]
    assert [str(p) for p in read(b"").problems] == ["The file is empty."]
    assert "UTF-16" in str(read("email\nann@x.org\n".encode("utf-16")).problems[0])


def test_a_latin1_cell_is_named_and_a_file_mixing_encodings_is_refused():
    latin = "email,name,profession\nzoe@x.org,Zoë,Nurse\n".encode("cp1252")
    assert [str(p) for p in read(latin).problems] == [
        "Row 2: the 'name' cell is not UTF-8 text"]
    mixed = ("email,name,profession\nsian@x.org,Siân,Nurse\n".encode()
             + "zoe@x.org,Zoë,Nurse\n".encode("cp1252"))
    problems = [str(p) for p in read(mixed).problems]
    assert problems[0].startswith("The file mixes encodings: some rows are UTF-8 and rows 3 ")
    assert "Row 3: the 'name' cell is not UTF-8 text" in problems


def test_formula_cells_are_kept_as_text_and_never_written_back_as_formulas():
    roster = read("email,name,profession,team\nann@x.org,\"=HYPERLINK(\"\"http://evil\"\")\",Nurse,"
                  "@SUM(A1)\n")
    assert roster.ok and roster.formula_rows == (2,)
    (ann,) = roster.people
    assert ann.name == '=HYPERLINK("http://evil")'
    assert csv_cell(ann.name).startswith("'=") and csv_cell(ann.team) == "'@SUM(A1)"


def test_a_utf8_file_with_a_byte_order_mark_and_blank_lines_reads_cleanly():
    roster = read("\ufeffEMAIL,Name,Profession\r\nsian@x.org,Siân,Nurse\r\n\r\n,,\r\n")
    assert roster.ok and [p.name for p in roster.people] == ["Siân"] and roster.rows == 1


def test_the_profession_map_is_checked():
    assert parse_profession_map("Medical and Dental = Doctor ; Students=Student")[
        "medical and dental"] == "Doctor"
    with pytest.raises(MapError, match="'Students' in the profession map"):
        parse_profession_map("Students")
