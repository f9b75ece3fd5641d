"""A `pairbot serve`-like app on loopback for browser tests, and Playwright helpers
(Debian's Chromium, axe-core, screenshots under test-artifacts/)."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from typing import Any

import uvicorn

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
# WCAG 2.0-2.2 A and AA rules, and axe's best practices, as axe-core tags them.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


class LiveServer:
    """uvicorn serving an ASGI app on 127.0.0.1 from a thread, as `pairbot serve` does."""

    def __init__(self, app: Any, port: int) -> None:
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self._server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                                     log_level="warning", lifespan="off"))
        self._thread = threading.Thread(target=self._server.run, daemon=True, name="console")

    def __enter__(self) -> LiveServer:
        self._thread.start()
        deadline = time.monotonic() + 20
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the console server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)


def check_page(page: Any, name: str) -> list[dict[str, Any]]:
    """Screenshot the page and run axe-core on it; the serious and critical violations."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
                           AXE_TAGS)
    bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    (ARTIFACTS / f"{name}.axe.json").write_text(json.dumps(result["violations"], indent=1))
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [n["target"] for n in v["nodes"]][:5]} for v in bad]
