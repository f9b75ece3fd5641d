"""The learning log, the CPD record (CSV and PDF, read back) and the certificate."""

from __future__ import annotations

import csv
import io

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from bot.core.evaluation import Stage
from bot.core.replies import Say
from bot.core.text import plain
from bot.services import checkins, evaluation, learning_log, participants, rounds
from bot.store.models import Activity, Match, MatchMember, Participant, Programme
from tests.services.conftest import join


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _pair(services, clock, months: int = 1) -> list[int]:
    """U1 (a nurse) is introduced `months` times, to a different profession each time;
    U1's match ids, oldest first."""
    for user, profession in (("U1", "Nurse"), ("U2", "Manager"), ("U3", "Pharmacist"),
                             ("U4", "Physiotherapist")):
        join(services, user, profession)
    with services.unit_of_work() as session:
        pid = session.scalars(select(Programme.id)).one()
    ids = []
    for period in ("2026-11", "2026-12", "2027-01")[:months]:
        rounds.run_round(services, pid, period=period)
        clock.advance(days=31)
        with services.unit_of_work() as session:
            ids.append(session.scalar(
                select(Match.id).join(MatchMember).join(
                    Participant, Participant.id == MatchMember.participant_id)
                .where(Participant.user_id == "U1").order_by(Match.id.desc())))
    return ids


def _partner(services, match: int) -> tuple[str, str]:
    with services.unit_of_work() as session:
        row = session.execute(select(Participant.display_name, Participant.profession).join(
            MatchMember, MatchMember.participant_id == Participant.id).where(
            MatchMember.match_id == match, Participant.user_id != "U1")).one()
        return str(row[0]), str(row[1])


def _count(services) -> int:
    with services.unit_of_work() as session:
        return session.scalar(select(func.count(Activity.id))) or 0


@pytest.mark.parametrize(("values", "message", "field"), [
    ({"kind": "conversation", "date": "2026-12-25", "minutes": "30"},
     "The date is in the future; log an activity once it has happened.", "date"),
    ({"kind": "conversation", "date": "2026-11-20", "minutes": "0"},
     "Give the time spent in minutes, from 1 to 1,999.", "minutes"),
    ({"kind": "conversation", "date": "2026-11-20", "minutes": "2000"},
     "Give the time spent in minutes, from 1 to 1,999.", "minutes"),
    ({"kind": "dancing", "date": "2026-11-20", "minutes": "20"},
     "Choose what you did: a conversation, shadowing, a project session, a teaching session "
     "or other.", "kind"),
    ({"kind": "other", "date": "20/11/2026", "minutes": "20"},
     "Give the date as YYYY-MM-DD, for example 2026-11-30.", "date"),
])
def test_a_bad_entry_is_one_sentence_and_the_form_is_kept(services, values, message,
                                                          field) -> None:
    join(services, "U1", "Nurse")
    refused = learning_log.record_activity(services, "slack", "T1", "U1",
                                           {**values, "learned": "A lot"})
    assert refused == learning_log.LogRefused(message, field, {**values, "learned": "A lot"})
    assert _count(services) == 0


def test_someone_who_has_not_joined_is_told_so(services) -> None:
    refused = learning_log.record_activity(services, "slack", "T1", "U9",
                                           {"kind": "other", "date": "2026-11-20",
                                            "minutes": "20"})
    assert isinstance(refused, learning_log.LogRefused)
    assert refused.message == "You haven't joined a programme yet, so there is no log to add to."


def test_three_activities_make_a_record_whose_hours_add_up_and_name_no_partner(
        services, clock) -> None:
    [match] = _pair(services, clock)
    partner, profession = _partner(services, match)
    form = learning_log.log_form(services, "slack", "T1", "U1", match_id=match)
    assert isinstance(form, learning_log.LogForm) and form.values["match"] == str(match)
    entries = [
        {"kind": "conversation", "date": "2026-11-30", "minutes": "45", "match": str(match),
         "learned": "How rotas are planned.", "differently": "Ask before booking."},
        {"kind": "shadowing", "date": "2026-11-30", "minutes": "120"},
        {"kind": "other", "date": "2026-11-29", "minutes": "15", "learned": "=SUM(A1)"},
    ]
    logged = [learning_log.record_activity(services, "slack", "T1", "U1", e) for e in entries]
    assert all(isinstance(r, learning_log.Logged) for r in logged)
    assert logged[-1].sentence() == ("Logged: other on 29 November 2026, 15 minutes. Your "
                                     "log now holds 3 hours.")
    record = learning_log.record_of(services, "slack", "T1", "U1")
    assert record is not None
    assert (record.minutes, record.participatory_minutes) == (180, 165)
    assert plain(record.summary()) == ("Learning log: 3 activities, 3 hours (2.75 hours "
                                       "participatory).")
    # `status` reads the same totals in its one statement.
    status = participants.status(services, "slack", "T1", "U1")
    assert isinstance(status, Say)
    assert ("Learning log: 3 activities, 3 hours (2.75 hours participatory)."
            in plain(status.message))
    rows = list(csv.DictReader(io.StringIO(learning_log.cpd_csv(record))))
    assert [r["date"] for r in rows] == ["2026-11-29", "2026-11-30", "2026-11-30"]
    assert sum(float(r["hours"]) for r in rows) == 3.0
    assert [r["participatory"] for r in rows] == ["no", "yes", "yes"]
    assert rows[1]["profession_met"] == profession
    assert rows[0]["what_i_learned"] == "'=SUM(A1)"
    text = learning_log.cpd_csv(record) + _pdf_text(learning_log.cpd_pdf(record))
    assert partner not in text
    pdf = _pdf_text(learning_log.cpd_pdf(record))
    assert "Continuing professional development record" in pdf
    assert "Name U1" in pdf and profession in pdf
    assert "How rotas are planned." in pdf and "What did you learn from it?" in pdf
    assert "0.25" in pdf and "2.75 participatory" in " ".join(pdf.split())


def test_the_certificate_needs_three_meetings_and_the_follow_up(services, clock) -> None:
    matches = _pair(services, clock, months=3)
    for match in matches[:2]:
        checkins.record_checkin(services, "slack", "T1", "U1", answer="met", source="button",
                                match_id=match)
    assert learning_log.certificate(services, "slack", "T1", "U1") == learning_log.NotYet(
        "The certificate comes after 3 meetings; you have 2 so far.")
    # The partner's answer counts for the whole group, as the met rate counts it.
    with services.unit_of_work() as session:
        partner = session.scalar(select(Participant.user_id).join(
            MatchMember, MatchMember.participant_id == Participant.id).where(
            MatchMember.match_id == matches[2], Participant.user_id != "U1"))
    checkins.record_checkin(services, "slack", "T1", partner, answer="met", source="button",
                            match_id=matches[2])
    assert learning_log.certificate(services, "slack", "T1", "U1") == learning_log.NotYet(
        "The certificate comes once you have answered the follow-up questions at the end of "
        "the term.")
    with services.unit_of_work() as session:
        person = session.scalars(select(Participant.id).where(Participant.user_id == "U1")).one()
    evaluation.record(services, person, Stage.FOLLOW_UP, {"role": "4"}, term=1)
    learning_log.record_activity(services, "slack", "T1", "U1",
                                 {"kind": "conversation", "date": clock.now().date().isoformat(),
                                  "minutes": "90"})
    cert = learning_log.certificate(services, "slack", "T1", "U1")
    assert isinstance(cert, learning_log.Certificate)
    assert (cert.name, cert.meetings, cert.minutes) == ("Name U1", 3, 90)
    text = _pdf_text(learning_log.certificate_pdf(cert))
    assert "Certificate of participation" in text and "Name U1" in text
    assert "1.5 hours" in text
    assert not any(_partner(services, m)[0] in text for m in matches)


def test_the_log_goes_when_the_person_leaves(services, clock) -> None:
    _pair(services, clock)
    learning_log.record_activity(services, "slack", "T1", "U1",
                                 {"kind": "other", "date": "2026-11-29", "minutes": "15",
                                  "learned": "private"})
    with services.unit_of_work() as session:
        session.delete(session.scalars(select(Participant).where(
            Participant.user_id == "U1")).one())
    assert _count(services) == 0
    with services.unit_of_work() as session:
        # The matches keep an anonymous placeholder for the leaver.
        assert session.scalar(select(func.count(MatchMember.id))) == 4


def test_my_data_holds_the_persons_log_and_evaluation_answers(services, clock) -> None:
    from bot.services import subject_access

    join(services, "U1", "Nurse")
    learning_log.record_activity(services, "slack", "T1", "U1",
                                 {"kind": "teaching", "date": "2026-11-29", "minutes": "40",
                                  "differently": "Explain the bleep rota first."})
    with services.unit_of_work() as session:
        pid = session.scalars(select(Participant.id)).one()
    evaluation.record(services, pid, Stage.BASELINE, {"role": "2"})
    [programme] = subject_access.my_data(services, "slack", "T1", "U1")["programmes"]
    [entry] = programme["learning_log"]
    assert (entry["kind"], entry["minutes"], entry["what_i_will_do_differently"]) == (
        "teaching", 40, "Explain the bleep rota first.")
    assert [(e["stage"], e["question"], e["score"]) for e in programme[
        "evaluation_answers"]] == [("baseline", "role", 2)]
