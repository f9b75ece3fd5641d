"""`pairbot people import` as an organiser runs it: dry run, refusals, the import."""

from sqlalchemy import func, select

from bot.store.db import make_engine
from bot.store.models import Invitation, OutboxMessage
from tests.support.proc import run_pairbot

GOOD = ("Email Address,Full Name,Staff Group,Job Role,Location,Line Manager Email\n"
        "ann@trust.nhs.uk,Ann Lee,Medical and Dental,Foundation Year 1,QE,bo@trust.nhs.uk\n"
        "bo@trust.nhs.uk,Bo Sam,Nursing and Midwifery Registered,Sister,QE,\n")
BAD = ("email,name,staff_group,manager_email\n"
       "ann@trust.nhs.uk,Ann,Medical and Dental,zed@trust.nhs.uk\n"
       ",Nobody,Astrology,\n")


def test_dry_run_refusals_and_the_import(database_url, tmp_path):
    env = {"DATABASE_URL": database_url}
    made = run_pairbot("programme", "create", "Shadowing", "--workspace", "T42", "--platform",
                       "slack", env=env, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    (tmp_path / "good.csv").write_text(GOOD)
    (tmp_path / "bad.csv").write_text(BAD)
    (tmp_path / "book.xlsx").write_bytes(b"PK\x03\x04 not a csv")

    dry = run_pairbot("people", "import", "good.csv", "--programme", "Shadowing", "--dry-run",
                      env=env, cwd=tmp_path)
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.splitlines() == [
        "Shadowing: 2 rows read.", "To invite (2):",
        "  Row 2: ann@trust.nhs.uk (Doctor (junior), QE)",
        "  Row 3: bo@trust.nhs.uk (Nurse, QE)",
        "Note: Whether the platform can reach each person is checked as the invitations go "
        "out: the import page then lists anyone not reachable, with the reason.",
        "Dry run: nothing was changed."]

    refused = run_pairbot("people", "import", "bad.csv", "--programme", "Shadowing",
                          env=env, cwd=tmp_path)
    assert refused.returncode == 1
    assert refused.stdout.splitlines()[1:] == [
        "Problems (3):", "  Row 2: the manager 'zed@trust.nhs.uk' is not in the file",
        "  Row 3: no e-mail address",
        "  Row 3: the staff group 'Astrology' is not in the profession map",
        "Refused: 3 problems found; nothing was imported."]
    not_csv = run_pairbot("people", "import", "book.xlsx", "--programme", "Shadowing",
                          env=env, cwd=tmp_path)
    assert not_csv.returncode == 2 and "is not a CSV file" in not_csv.stdout
    missing = run_pairbot("people", "import", "nope.csv", "--programme", "Shadowing",
                          env=env, cwd=tmp_path)
    assert missing.returncode == 2
    assert missing.stderr.strip() == "pairbot: nope.csv: no such file"
    engine = make_engine(database_url)
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(Invitation)) == 0

    done = run_pairbot("people", "import", "good.csv", "--programme", "Shadowing",
                       env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Imported: 2 invited, 0 updated, 0 not invited again." in done.stdout
    again = run_pairbot("people", "import", "good.csv", "--programme", "Shadowing",
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
