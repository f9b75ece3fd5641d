"""`pairbot people import` as an organiser runs it: dry run, refusals, the import."""

from sqlalchemy import func, select

from bot.store.db import make_engine
from bot.store.models import Invitation, OutboxMessage
from tests.support.proc import run_cli

GOOD = ("Email Address,Full Name,Staff Group,Job Role,Location,Line Manager Email\n"
        "ann@trust.nhs.uk,Ann Lee,Medical and Dental,Foundation Year 1,QE,bo@trust.nhs.uk\n"
        "bo@trust.nhs.uk,Bo Sam,Nursing and Midwifery Registered,Sister,QE,\n")
BAD = ("email,name,staff_group,manager_email\n"
       "ann@trust.nhs.uk,Ann,Medical and Dental,zed@trust.nhs.uk\n"
       ",Nobody,Astrology,\n")


def test_dry_run_refusals_and_the_import(database_url, tmp_path):
    env = {"DATABASE_URL": database_url}
    made = run_cli("programme", "create", "Shadowing", "--workspace", "T42", "--platform",
                       "slack", env=env, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    (tmp_path / "good.csv").write_text(GOOD)
    (tmp_path / "bad.csv").write_text(BAD)
    (tmp_path / "book.xlsx").write_bytes(b"PK\x03\x04 not a csv")

    dry = run_cli("people", "import", "good.csv", "--programme", "Shadowing", "--dry-run",
                      env=env, cwd=tmp_path)
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.splitlines() == [
        "Shadowing: 2 rows read.", "To invite (2):",
        "  Row 2: ann@trust.nhs.uk (Doctor (junior), QE)",
        "  Row 3: bo@trust.nhs.uk (Nurse, QE)",
        "Note: Whether the platform can reach each person is checked as the invitations go "
        "out: the import page then lists anyone not reachable, with the reason.",
        "Dry run: nothing was changed."]

    refused = run_cli("people", "import", "bad.csv", "--programme", "Shadowing",
                          env=env, cwd=tmp_path)
    assert refused.returncode == 1
    assert refused.stdout.splitlines()[1:] == [
        "Problems (3):", "  Row 2: the manager 'zed@trust.nhs.uk' is not in the file",
        "  Row 3: no e-mail address",
        "  Row 3: the staff group 'Astrology' is not in the profession map",
        "Refused: 3 problems found; nothing was imported."]
    not_csv = run_cli("people", "import", "book.xlsx", "--programme", "Shadowing",
                          env=env, cwd=tmp_path)
    assert not_csv.returncode == 2 and "is not a CSV file" in not_csv.stdout
    missing = run_cli("people", "import", "nope.csv", "--programme", "Shadowing",
                          env=env, cwd=tmp_path)
    assert missing.returncode == 2
    assert missing.stderr.strip() == "pairbot: nope.csv: no such file"
    engine = make_engine(database_url)
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(Invitation)) == 0

    done = run_cli("people", "import", "good.csv", "--programme", "Shadowing",
                       env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Imported: 2 invited, 0 updated, 0 not invited again." in done.stdout
    again = run_cli("people", "import", "good.csv", "--programme", "Shadowing",
                        env=env, cwd=tmp_path)
    assert "Imported: 0 invited, 2 updated" in again.stdout
    with engine.connect() as conn:
        assert sorted(conn.execute(select(Invitation.email, Invitation.profession,
                                          Invitation.manager_email))) == [
            ("ann@trust.nhs.uk", "Doctor (junior)", "bo@trust.nhs.uk"),
            ("bo@trust.nhs.uk", "Nurse", None)]
        assert conn.scalar(select(func.count()).select_from(OutboxMessage).where(
            OutboxMessage.kind == "invitation", OutboxMessage.state == "pending")) == 2
    engine.dispose()
    assert "Traceback" not in refused.stderr + not_csv.stderr + missing.stderr


def test_status_lists_who_was_not_reachable_with_a_join_link(database_url, tmp_path):
    """`pairbot people status`: after a tick through a fake Slack that knows nobody in the
    file, both are not reachable, with the reason and the link to the bot to send them."""
    from tests.fakes.slack_api import FakeSlack
    from tests.support.proc import run_cli

    with FakeSlack() as fake:
        env = {"DATABASE_URL": database_url, "SLACK_BOT_TOKEN": FakeSlack.DEFAULT_TOKEN,
               "SLACK_SIGNING_SECRET": "s" * 32, "SLACK_API_URL": fake.url}
        assert run_cli("programme", "create", "Shadowing", "--workspace", "T42",
                       "--platform", "slack", env=env, cwd=tmp_path).returncode == 0
        empty = run_cli("people", "status", "--programme", "Shadowing", env=env, cwd=tmp_path)
        assert empty.stdout == "Shadowing: no staff list has been imported yet.\n"
        (tmp_path / "good.csv").write_text(GOOD)
        assert run_cli("people", "import", "good.csv", "--programme", "Shadowing", env=env,
                       cwd=tmp_path).returncode == 0
        assert run_cli("tick", env=env, cwd=tmp_path).returncode == 0
        shown = run_cli("people", "status", "--programme", "Shadowing", env=env, cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[0].endswith(": 2 invited, 0 accepted, 0 declined, 0 no answer, 0 lapsed, 2 "
                             "not reachable (0 sent, 0 waiting).")
    link = "https://slack.com/app_redirect?team=T42&channel=UBOT"
    assert lines[1:] == [
        "Not reachable:",
        f"  ann@trust.nhs.uk: no Slack account uses this e-mail address; join link: {link}",
        f"  bo@trust.nhs.uk: no Slack account uses this e-mail address; join link: {link}"]
    no_file = run_cli("people", "import", "--programme", "Shadowing", env=env, cwd=tmp_path)
    assert no_file.returncode == 2
    assert "people import: give the staff list, FILE.csv" in no_file.stderr


def test_people_manager_sets_and_clears_a_line_manager(database_url, tmp_path):
    """`pairbot people manager`: by e-mail address (their import's) or chat user id, audited
    as the command line; nobody is their own manager; one line for every refusal."""
    import datetime as dt

    from bot.core.profile import ProfileInput
    from bot.runtime import build_services
    from bot.services import enrolment, participants
    from bot.services.clock import FixedClock
    from bot.store import migrate
    from bot.store.models import AuditEntry, Participant, Programme
    from tests.support.proc import run_cli

    engine = make_engine(database_url)
    migrate.upgrade(engine)
    services = build_services(engine, FixedClock(dt.datetime(2026, 11, 1, tzinfo=dt.UTC)))
    for user, profession in (("U1", "Nurse"), ("U2", "Manager")):
        participants.save_profile(services, "slack", "T1", user, f"Person {user}", None,
                                  ProfileInput(profession))
    with services.unit_of_work() as session:
        pid = session.scalars(select(Programme.id)).one()
        ids = dict(session.execute(select(Participant.user_id, Participant.id)).all())
    enrolment.import_people(services, pid, b"email,name,profession\nbo@trust.nhs.uk,Bo,"
                                           b"Manager\n", actor="test")
    with services.unit_of_work() as session:
        invitation = session.scalars(select(Invitation)).one()
        invitation.status, invitation.participant_id = "accepted", ids["U2"]
    env = {"DATABASE_URL": database_url}

    def manager_of_u1() -> int | None:
        with services.unit_of_work() as session:
            return session.get_one(Participant, ids["U1"]).manager_id

    done = run_cli("people", "manager", "--programme", "Paired learning", "--person", "U1",
                   "--manager", "BO@trust.nhs.uk", env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ("Person U2 is now Person U1's line manager: the next rounds will "
                           "not put them in the same group.\n")
    assert manager_of_u1() == ids["U2"]
    with services.unit_of_work() as session:
        audited = session.scalars(select(AuditEntry).where(
            AuditEntry.action == "participant.manager")).one()
        assert audited.actor == "cli"

    itself = run_cli("people", "manager", "--programme", "Paired learning", "--person", "U1",
                     "--manager", "U1", env=env, cwd=tmp_path)
    assert itself.returncode == 1
    assert itself.stderr.strip() == ("pairbot: Person U1 cannot be their own line manager; "
                                     "choose someone else. Nothing was changed.")
    unknown = run_cli("people", "manager", "--programme", "Paired learning", "--person",
                      "zed@trust.nhs.uk", "--clear", env=env, cwd=tmp_path)
    assert unknown.returncode == 2
    assert unknown.stderr.strip() == (
        "pairbot: Nobody in this programme is known as 'zed@trust.nhs.uk': give the e-mail "
        "address their import used, or their chat user id.")
    both = run_cli("people", "manager", "--programme", "Paired learning", "--person", "U1",
                   "--manager", "U2", "--clear", env=env, cwd=tmp_path)
    assert both.returncode == 2 and "give --manager EMAIL_OR_ID or --clear" in both.stderr

    cleared = run_cli("people", "manager", "--programme", "Paired learning", "--person", "U1",
                      "--clear", env=env, cwd=tmp_path)
    assert cleared.returncode == 0, cleared.stderr
    assert cleared.stdout == "Person U1 has no line manager now.\n"
    assert manager_of_u1() is None
    engine.dispose()
