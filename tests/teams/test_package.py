"""The Teams app package: the manifest validates against Microsoft's schema; the icons are
real; `pairbot teams-package` fills in the app id, the developer's public pages (from
PAIRBOT_PUBLIC_URL or options) and asks for the group-chat scope only when it is used."""

from __future__ import annotations

import argparse
import json
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from bot.cli import teams_cmd
from bot.cli.errors import UserError
from bot.teams.package import SOURCE

SCHEMA = Path(__file__).parent / "schemas" / "MicrosoftTeams.v1.22.schema.json"
APP_ID = "6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f"


def _validator():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


def _errors(manifest):
    return [f"{list(e.path)}: {e.message}" for e in _validator().iter_errors(manifest)]


def test_the_manifest_validates_against_microsofts_schema():
    manifest = json.loads((SOURCE / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["$schema"].endswith("/v1.22/MicrosoftTeams.schema.json")
    assert manifest["manifestVersion"] == "1.22"
    assert _errors(manifest) == []
    broken = {**manifest, "accentColor": "green", "id": "not-a-guid"}
    assert len(_errors(broken)) == 2  # the validator really checks


def _png(path: Path) -> tuple[int, int, list[list[tuple[int, ...]]]]:
    """Width, height and RGBA rows of an 8-bit RGBA PNG without row filters (ours)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
    assert (depth, colour) == (8, 6), "8-bit RGBA"
    idat, offset = b"", 8
    while offset < len(data):
        (length,), kind = struct.unpack(">I", data[offset:offset + 4]), data[offset + 4:offset + 8]
        if kind == b"IDAT":
            idat += data[offset + 8:offset + 8 + length]
        offset += 12 + length
    raw, stride = zlib.decompress(idat), 1 + 4 * width
    rows = []
    for y in range(height):
        row = raw[y * stride:(y + 1) * stride]
        assert row[0] == 0
        rows.append([tuple(row[1 + 4 * x:5 + 4 * x]) for x in range(width)])
    return width, height, rows


def test_the_icons_are_the_sizes_teams_wants_and_the_outline_is_transparent():
    width, height, rows = _png(SOURCE / "color.png")
    assert (width, height) == (192, 192)
    assert {p[3] for row in rows for p in row} == {255}  # full colour, opaque
    assert len({p[:3] for row in rows for p in row}) > 10  # a picture, not a flat square
    width, height, rows = _png(SOURCE / "outline.png")
    assert (width, height) == (32, 32)
    pixels = [p for row in rows for p in row]
    assert rows[0][0][3] == 0 and rows[31][31][3] == 0  # transparent background
    assert all(p[:3] == (255, 255, 255) for p in pixels if p[3])  # white only
    assert sum(p[3] == 255 for p in pixels) > 150  # and a real shape


PUBLIC = "https://pairbot.trust.nhs.uk"
KEY = "package-test-secret-key-0123456789"


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # no stray .env
    for name in ("PAIRBOT_PUBLIC_URL", "PAIRBOT_TEAMS_GROUP_CHATS", "PAIRBOT_ADMIN_TOKEN",
                 "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PAIRBOT_SECRET_KEY", KEY)


def _cli(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="pairbot")
    teams_cmd.register(parser.add_subparsers())
    args = parser.parse_args(["teams-package", *argv])
    return int(args.func(args))


def _built(tmp_path: Path, *argv: str) -> dict:
    output = tmp_path / "pairbot.zip"
    assert _cli("--app-id", APP_ID, "--output", str(output), *argv) == 0
    with zipfile.ZipFile(output) as archive:
        return json.loads(archive.read("manifest.json"))


def test_teams_package_writes_the_zip_with_the_app_id(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PAIRBOT_PUBLIC_URL", PUBLIC)
    output = tmp_path / "out" / "pairbot.zip"
    assert _cli("--app-id", APP_ID, "--output", str(output)) == 0
    assert f"Wrote {output}" in capsys.readouterr().out
    with zipfile.ZipFile(output) as archive:
        assert sorted(archive.namelist()) == ["color.png", "manifest.json", "outline.png"]
        manifest = json.loads(archive.read("manifest.json"))
        assert archive.read("color.png") == (SOURCE / "color.png").read_bytes()
    assert manifest["id"] == APP_ID and manifest["bots"][0]["botId"] == APP_ID
    assert _errors(manifest) == []


def test_the_developer_pages_are_the_ones_pairbot_serve_publishes(tmp_path, monkeypatch):
    monkeypatch.setenv("PAIRBOT_PUBLIC_URL", PUBLIC + "/")
    manifest = _built(tmp_path)
    assert manifest["developer"] == {"name": "pairbot", "websiteUrl": f"{PUBLIC}/",
                                     "privacyUrl": f"{PUBLIC}/privacy",
                                     "termsOfUseUrl": f"{PUBLIC}/terms"}
    assert "example.org" not in json.dumps(manifest)
    assert _errors(manifest) == []


def test_options_win_over_the_public_url_and_work_without_it(tmp_path, monkeypatch):
    monkeypatch.setenv("PAIRBOT_PUBLIC_URL", PUBLIC)
    manifest = _built(tmp_path, "--privacy-url", "https://intranet.trust.nhs.uk/pairbot-privacy")
    assert manifest["developer"]["privacyUrl"] == "https://intranet.trust.nhs.uk/pairbot-privacy"
    assert manifest["developer"]["termsOfUseUrl"] == f"{PUBLIC}/terms"
    monkeypatch.delenv("PAIRBOT_PUBLIC_URL")
    manifest = _built(tmp_path, "--website-url", "https://trust.nhs.uk/pairbot",
                      "--privacy-url", "https://trust.nhs.uk/privacy",
                      "--terms-url", "https://trust.nhs.uk/terms")
    assert manifest["developer"]["websiteUrl"] == "https://trust.nhs.uk/pairbot"
    assert "example.org" not in json.dumps(manifest)
    assert _errors(manifest) == []


def test_without_a_public_url_or_options_it_says_what_to_set(tmp_path):
    with pytest.raises(UserError) as refused:
        _cli("--app-id", APP_ID, "--terms-url", "https://trust.nhs.uk/terms")
    assert str(refused.value) == ("set PAIRBOT_PUBLIC_URL (its /, /privacy and /terms pages go "
                                  "in the package), or give --website-url, --privacy-url")
    assert refused.value.exit_code == 2
    assert not (tmp_path / "pairbot-teams.zip").exists()
    with pytest.raises(UserError, match="the privacy URL must be an https:// URL") as refused:
        _cli("--app-id", APP_ID, "--website-url", "https://trust.nhs.uk",
             "--privacy-url", "http://trust.nhs.uk/privacy", "--terms-url", "https://t.nhs.uk")
    assert refused.value.exit_code == 2


def test_the_group_chat_scope_is_requested_only_with_group_chats(tmp_path, monkeypatch):
    monkeypatch.setenv("PAIRBOT_PUBLIC_URL", PUBLIC)
    off = _built(tmp_path)
    assert off["bots"][0]["scopes"] == ["personal"]
    assert off["permissions"] == ["identity", "messageTeamMembers"]
    monkeypatch.setenv("PAIRBOT_TEAMS_GROUP_CHATS", "true")
    on = _built(tmp_path)
    assert on["bots"][0]["scopes"] == ["personal", "groupChat"]
    assert {k: v for k, v in on.items() if k != "bots"} == {
        k: v for k, v in off.items() if k != "bots"}
    assert _errors(off) == [] and _errors(on) == []


def test_teams_package_refuses_a_bad_or_missing_app_id(tmp_path, monkeypatch):
    monkeypatch.setenv("PAIRBOT_PUBLIC_URL", PUBLIC)
    with pytest.raises(UserError, match="must be the bot's Microsoft Entra application"):
        _cli("--app-id", "pairbot")
    with pytest.raises(UserError, match="give --app-id"):
        _cli()
    monkeypatch.setenv("CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID", APP_ID)
    assert _cli("--output", str(tmp_path / "p.zip")) == 0
