"""The right of access is complete (issue 25): every personal column that
docs/data-protection.md lists, and that holds something about the person, is in their
`my-data` file."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from typing import Any

from sqlalchemy import select

from bot.services import agreements, participants
from bot.services.audit_log import audit
from bot.store.models import (
    Activity,
    Base,
    ConsoleSession,
    EvaluationAnswer,
    Invitation,
    Match,
    MatchMember,
    Participant,
    PeopleImport,
    Programme,
)
from tests.trust.test_data_protection_doc import DOC
from tests.trust.test_subject_access import _month

PERSONAL = re.compile(r"^\| `([a-z_]+)\.([a-z_]+)` \| (P|p)\b", re.MULTILINE)


def _personal_columns() -> set[str]:
    section = DOC.read_text().split("## Inventory", 1)[1]
    return {f"{table}.{column}" for table, column, _ in PERSONAL.findall(section)}


def _text(value: Any) -> str:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def appears(value: Any, export: str) -> bool:
    """The value, written as the export writes it, is in the export."""
    if isinstance(value, list):
        return all(appears(v, export) for v in value)
    return json.dumps(_text(value) if not isinstance(value, int | bool) else value,
                      ensure_ascii=False) in export or _text(value) in export


def _key(name: str) -> Callable[[Any, str], bool]:
    """The export has this key, with something in it (JSON columns and scrubbed copies)."""
    return lambda value, export: f'"{name}":' in export


# How each personal column shows in the export. "the rows" columns are the links between
# rows (ids): the export shows them as nesting, not as numbers.
SHOWN: dict[str, Any] = {
    "participants.id": "the rows", "participants.programme_id": "the rows",
    "participants.user_id": appears, "participants.display_name": appears,
    "participants.profession": appears, "participants.learn": appears,
    "participants.intro": appears, "participants.side": appears,
    "participants.status": appears, "participants.paused_until": appears,
    "participants.unresponsive_count": _key("unresponsive_count"),
    "participants.unpaired_last_round": _key("unpaired_last_round"),
    "participants.skip_period": appears, "participants.joined_at": appears,
    "participants.updated_at": appears,
    # When and where they meet, their line manager and their private do-not-pair list.
    "participants.windows": lambda value, export: all(
        f'"{w}"' in export for w in value.split(";")),
    "participants.away": appears, "participants.site": appears, "participants.team": appears,
    "participants.manager_id": lambda value, export: '"line_manager": {' in export,
    "participants.avoid": lambda value, export: '"do_not_pair_with": [{' in export,
    "participants.language": _key("language"),
    # The latest round with a place of theirs: a link to a round, which the export shows
    # as that round's group under their matches.
    "participants.last_round_id": "the rows",
    "participants.platform_language": _key("platform_language"),
    "programmes.organisers": _key("organiser_of"),
    "programmes.viewers": _key("viewer_of"),
    "matches.reasons": _key("reasons"), "matches.conversation_id": "the rows",
    "match_members.participant_id": "the rows",
    "evaluation_answers.participant_id": "the rows",
    "evaluation_answers.stage": appears, "evaluation_answers.term": _key("term"),
    "evaluation_answers.domain": appears, "evaluation_answers.score": _key("score"),
    "evaluation_answers.answered_at": appears,
    "outbox.idempotency_key": "the rows", "outbox.recipient_id": "the rows",
    "outbox.payload": _key("content"), "outbox.ref_channel": "the rows",
    "checkin_answers.participant_id": "the rows", "checkin_answers.answer": appears,
    "checkin_answers.answered_at": appears, "checkin_answers.reason": appears,
    "feedback.participant_id": "the rows", "feedback.learned_score": _key("learned_score"),
    "feedback.learned_text": appears, "feedback.share_anonymously": _key("share_anonymously"),
    "feedback.created_at": appears,
    "audit_log.actor": _key("organiser_actions"), "audit_log.details": _key("actions_about_you"),
    "conversation_refs.user_id": appears, "conversation_refs.reference": _key("reference"),
    "console_sessions.who": lambda value, export: f'"name": "{value["name"]}"' in export
    and '"console_sessions": [{' in export,
    "console_sessions.created_at": appears,
    "slack_installations.user_id": "the installer: held with the workspace's install, "
                                   "not about their taking part",
    # The agreement at the start of a group (`agreement` under each match).
    "agreements.match_id": "the rows", "agreements.participant_id": "the rows",
    "agreements.learn": appears, "agreements.offer": appears, "agreements.how_often": appears,
    "agreements.confidential": appears, "agreements.revision": _key("times_answered"),
    "agreements.created_at": appears, "agreements.updated_at": appears,
    # The learning log (`learning_log` in the export).
    "activities.participant_id": "the rows", "activities.match_id": "the rows",
    "activities.kind": appears, "activities.on_date": appears, "activities.minutes": appears,
    "activities.learned": appears, "activities.differently": appears,
    "activities.created_at": appears,
    # What an organiser's import said about them (`imported_by_an_organiser`).
    "invitations.participant_id": "the rows", "invitations.email": appears,
    "invitations.name": appears, "invitations.profession": appears,
    "invitations.site": appears, "invitations.team": appears,
    "invitations.manager_email": appears,
    "invitations.email_hash": "a one-way hash that lets a re-import recognise a decline; "
                              "the export holds the address itself",
    "people_imports.actor": "the organiser who ran an import: an organiser's action, "
                            "exported with their organiser_actions",
}


def _rows_about(session, table: str, user: str, ids: list[int]) -> list[dict[str, Any]]:
    """The person's rows of a table, as dictionaries."""
    t = Base.metadata.tables[table]
    rows = [dict(r._mapping) for r in session.execute(select(t))]
    my_matches = set(session.scalars(select(MatchMember.match_id).where(
        MatchMember.participant_id.in_(ids))))
    about = {
        "participants": lambda r: r["user_id"] == user,
        "programmes": lambda r: user in (r["organisers"] or []) or user in (r["viewers"] or []),
        "matches": lambda r: r["id"] in my_matches,
        "match_members": lambda r: r["participant_id"] in ids,
        "evaluation_answers": lambda r: r["participant_id"] in ids,
        "outbox": lambda r: r["recipient_id"] in ids or r["match_id"] in my_matches,
        "checkin_answers": lambda r: r["participant_id"] in ids,
        "feedback": lambda r: r["participant_id"] in ids,
        "audit_log": lambda r: r["actor"].endswith(user) or (r["details"] or {}).get(
            "participant") in {f"P{i}" for i in ids},
        "conversation_refs": lambda r: r["user_id"] == user,
        "console_sessions": lambda r: (r["who"] or {}).get("user_id") == user,
        "slack_installations": lambda r: r["user_id"] == user,
        "activities": lambda r: r["participant_id"] in ids,
        "agreements": lambda r: r["participant_id"] in ids,
        "invitations": lambda r: r["participant_id"] in ids,
        "people_imports": lambda r: r["actor"].endswith(user),
    }[table]
    return [r for r in rows if about(r)]


def test_every_personal_column_with_data_is_in_my_data(services, clock):
    _month(services)
    with services.unit_of_work() as session:
        match_id = session.scalar(select(Match.id))
    agreed = agreements.record(services, "slack", "T1", "U1", match_id, {
        "learn": "How a manager plans beds", "offer": "A night on ward 7",
        "how_often": "fortnightly", "confidential": "Names of patients"})
    assert isinstance(agreed, agreements.Agreed)
    now = services.now()
    with services.unit_of_work() as session:
        me = session.scalars(select(Participant).where(Participant.user_id == "U1")).one()
        programme = session.get_one(Programme, me.programme_id)
        programme.organisers = ["U1"]
        others = []
        for user in ("UMGR", "UAVOID"):
            other = Participant(programme_id=programme.id, user_id=user, display_name=user,
                                profession="Manager", joined_at=now, updated_at=now)
            session.add(other)
            session.flush()
            others.append(other.id)
        me.windows, me.away = "weekday-evening;weekend-morning", "2027-01-04..2027-01-15"
        me.site, me.team, me.manager_id, me.avoid = "Queen Elizabeth", "Ward 7", others[0], [
            others[1]]
        programme.viewers = ["U1"]
        for stage, score in (("baseline", 2), ("follow_up", 4)):
            session.add(EvaluationAnswer(participant_id=me.id, programme_id=programme.id,
                                         stage=stage, term=1, domain="roles", score=score,
                                         answered_at=now))
        # What they did in the console, and what an organiser did about them.
        audit(session, programme.workspace_id, programme.id, "console:slack:U1",
                    "programme.pause", {}, now)
        audit(session, programme.workspace_id, programme.id, "console:token",
                    "participant.pause", {"participant": f"P{me.id}"}, now)
        # A logged activity, and what an import said about them before they accepted.
        session.add(Activity(participant_id=me.id, programme_id=programme.id, kind="shadowing",
                             on_date=now.date(), minutes=95, learned="How a rota is built",
                             differently="Ask about nights first", created_at=now))
        batch = PeopleImport(programme_id=programme.id, actor="console:token",
                             file_hash="f" * 64, rows=1, created_at=now)
        session.add(batch)
        session.flush()
        session.add(Invitation(programme_id=programme.id, import_id=batch.id,
                               email_hash="e" * 64, status="accepted", participant_id=me.id,
                               email="u1@trust.nhs.uk", name="Name U1 (ESR)",
                               profession="Nurse", site="Queen Elizabeth", team="Ward 7",
                               manager_email="sister@trust.nhs.uk", invited_at=now,
                               expires_at=now + dt.timedelta(days=14), answered_at=now))
        session.add(ConsoleSession(id_hash="0" * 64, who={
            "kind": "slack", "name": "Name U1", "platform": "slack", "workspace": "T1",
            "user_id": "U1", "platform_admin": False}, pending={}, created_at=now,
            checked_at=now, expires_at=now + dt.timedelta(hours=8)))
        ids = [me.id]
    export = json.dumps(participants.my_data(services, "slack", "T1", "U1"),
                        ensure_ascii=False)

    personal = _personal_columns()
    assert sorted(personal - set(SHOWN)) == [], "a personal column with no place in my-data"
    missing, checked = [], set()
    with services.unit_of_work() as session:
        for column in sorted(personal):
            table, name = column.split(".")
            how = SHOWN[column]
            if isinstance(how, str):
                continue
            for row in _rows_about(session, table, "U1", ids):
                value = row[name]
                if value in (None, "", [], {}):
                    continue
                checked.add(column)
                if not how(value, export):
                    missing.append(f"{column} = {value!r}")
    assert missing == []
    # The person had data in these, so each was really looked for.
    assert {"evaluation_answers.score", "evaluation_answers.domain", "audit_log.actor",
            "audit_log.details", "participants.intro", "feedback.learned_text",
            "checkin_answers.answer", "console_sessions.who", "agreements.learn",
            "agreements.confidential", "participants.windows",
            "participants.away", "participants.site", "participants.manager_id",
            "participants.avoid"} <= checked
    data = json.loads(export)
    [membership] = data["programmes"]
    assert [(e["stage"], e["score"]) for e in membership["evaluation_answers"]] == [
        ("baseline", 2), ("follow_up", 4)]
    assert [a["action"] for a in data["organiser_actions"]] == ["programme.pause"]
    assert [a["action"] for a in data["actions_about_you"]] == ["participant.pause"]
