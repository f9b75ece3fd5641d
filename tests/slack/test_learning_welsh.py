"""The CPD record and certificate are written in the reader's language: a Welsh reader's
PDF, sent by `/pair-me cpd` through the fake Slack and read back with pypdf, has the Welsh
headings and the NMC prompts in Welsh."""

from __future__ import annotations

import io

from pypdf import PdfReader
from sqlalchemy import select

from bot.store.models import Participant
from tests.slack.test_commands import joined


def _pdf(slack, name: str) -> str:
    files = {f["name"]: f for f in slack.fake.uploaded_files(slack.fake.conversation_id("U1"))}
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(
        files[name]["content"])).pages)


def test_a_welsh_readers_cpd_pdf_has_the_welsh_headings(slack):
    joined(slack)
    with slack.services.unit_of_work() as session:
        session.scalars(select(Participant)).one().language = "cy"
    slack.command("log")
    slack.submit(slack.opened_view(), kind="shadowing", date="2026-11-28", minutes="90",
                 learned="Sut mae rhestrau theatr yn cael eu cynllunio.")
    slack.command("cpd")
    slack.wait()
    pdf = _pdf(slack, "pairbot-cpd-record.pdf")
    for welsh in ("Cofnod datblygiad proffesiynol parhaus", "Cofnod DPP", "Myfyrdodau",
                  "Dull", "Oriau", "Cyfranogol", "Cyfanswm", "Tudalen 1 o 1",
                  "Sut mae rhestrau theatr yn cael eu cynllunio."):
        assert welsh in pdf, welsh
    for english in ("Continuing professional development record", "Reflections",
                    "Participatory", "Page 1 of 1", "What did you learn from it?"):
        assert english not in pdf, english


def test_an_english_readers_cpd_pdf_is_unchanged(slack):
    joined(slack)
    slack.command("log")
    slack.submit(slack.opened_view(), kind="teaching", date="2026-11-28", minutes="30")
    slack.command("cpd")
    slack.wait()
    pdf = _pdf(slack, "pairbot-cpd-record.pdf")
    assert "Continuing professional development record" in pdf and "Page 1 of 1" in pdf
    assert "Cofnod" not in pdf


def test_a_welsh_certificate_reads_in_welsh():
    import datetime as dt

    from bot.services import learning_log

    cert = learning_log.Certificate("Ada Lovelace", "Dysgu mewn parau", "Bwrdd Iechyd",
                                    dt.date(2026, 9, 1), dt.date(2026, 12, 1), 3, 150,
                                    "Sam Jones", dt.date(2026, 12, 6), "cy")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(
        learning_log.certificate_pdf(cert))).pages)
    for welsh in ("Tystysgrif cyfranogiad", "Tystir drwy hyn fod", "Dyddiadau",
                  "2026-09-01 i 2026-12-01", "Cyfarfodydd", "Amser a gofnodwyd",
                  "Cyhoeddwyd ar 2026-12-06"):
        assert welsh in text, welsh
    assert "Certificate of participation" not in text
