"""`pairbot teams-organiser`: the first organiser of a Teams tenant is set from the CLI."""

from __future__ import annotations

import argparse

import pytest
from sqlalchemy import select

from bot.cli import teams_cmd
from bot.cli.errors import UserError
from bot.store.models import Programme, Workspace


def _cli(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="pairbot")
    teams_cmd.register(parser.add_subparsers())
    args = parser.parse_args(list(argv))
    return int(args.func(args))


def test_add_and_remove_an_organiser(database_url, monkeypatch, tmp_path, capsys, engine):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("CONNECTIONS__SERVICE_CONNECTION__SETTINGS__TENANTID", "tenant-1")
    assert _cli("teams-organiser", "aad-ann") == 0
    assert capsys.readouterr().out.strip() == (
        "Paired learning: organisers are now aad-ann.")
    assert _cli("teams-organiser", "aad-bob", "--tenant", "tenant-1") == 0
    assert _cli("teams-organiser", "aad-ann", "--remove") == 0
    with engine.connect() as conn:
        row = conn.execute(select(Programme.organisers, Workspace.platform).join(
            Workspace, Workspace.id == Programme.workspace_id)).one()
    assert tuple(row) == (["aad-bob"], "teams")
    with pytest.raises(UserError, match="no programme called 'Other'"):
        _cli("teams-organiser", "aad-cy", "--programme", "Other")
