"""Abuse benchmark: unauthenticated requests against `pairbot serve` on loopback, and what
they cost the process.

Starts `pairbot serve` (SQLite in a temporary folder, Slack OAuth install on, anonymous
Teams on loopback, the console on with a metrics token), measures `/metrics` size, table row
counts and RSS, then sends a bounded burst of the requests issue 25 named: made-up HTTP
methods, `/slack/install` visits, Teams messages of 100,000 '<', Teams tokens without a key
id or with `alg: none`. A second thread times `/healthz` throughout. Prints before and after
beside the targets: no growth beyond a constant, `/healthz` p99 under 50 ms.

    .venv/bin/python bench/abuse.py [--requests 300]
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
METRICS_TOKEN = "bench-metrics-token-0123456789abcdef"
TARGET_P99_MS = 50.0


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _request(url: str, *, method: str = "GET", body: bytes | None = None,
             headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _rows(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name != 'alembic_version'")]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def _jwt(header: dict[str, str]) -> str:
    def part(value: dict[str, str]) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()
    return f"{part(header)}.{part({'aud': 'x'})}.c2ln"


class _Connector(BaseHTTPRequestHandler):
    """Plays the Bot Connector: every reply is accepted."""

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("content-length") or 0))
        body = b'{"id": "1"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_PUT = do_POST

    def do_GET(self) -> None:
        self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def _snapshot(url: str, pid: int, db: Path) -> dict[str, object]:
    _, metrics = _request(url + "/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"})
    return {"metrics_bytes": len(metrics), "rss_mb": round(_rss_mb(pid), 1), "rows": _rows(db)}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300,
                        help="requests of each kind (default 300)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "abuse.db"
        port = _port()
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("PAIRBOT_", "SLACK_", "CONNECTIONS__"))}
        env.update({"DATABASE_URL": f"sqlite:///{db}", "PORT": str(port),
                    "PAIRBOT_ADMIN_TOKEN": "bench-admin-token-0123456789abcdef",
                    "PAIRBOT_SECRET_KEY": "bench-secret-key-0123456789abcdef",
                    "PAIRBOT_METRICS_TOKEN": METRICS_TOKEN,
                    "PAIRBOT_PUBLIC_URL": f"http://127.0.0.1:{port}",
                    "SLACK_CLIENT_ID": "111.222", "SLACK_CLIENT_SECRET": "bench",
                    "SLACK_SIGNING_SECRET": "bench", "PAIRBOT_TEAMS_ALLOW_ANONYMOUS": "true"})
        log = open(Path(folder) / "serve.log", "w")  # noqa: SIM115 - closed below
        proc = subprocess.Popen([sys.executable, "-m", "bot.cli.main", "serve",
                                 "--no-scheduler"], cwd=ROOT, env=env, stdout=log,
                                stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        connector = ThreadingHTTPServer(("127.0.0.1", 0), _Connector)
        threading.Thread(target=connector.serve_forever, daemon=True).start()
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    _request(url + "/healthz")
                    break
                except OSError:
                    if time.monotonic() > deadline or proc.poll() is not None:
                        print((Path(folder) / "serve.log").read_text())
                        return 1
                    time.sleep(0.2)
            before = _snapshot(url, proc.pid, db)
            latencies: list[float] = []
            stop = threading.Event()

            def probe() -> None:
                while not stop.is_set():
                    started = time.perf_counter()
                    _request(url + "/healthz")
                    latencies.append((time.perf_counter() - started) * 1000)
                    time.sleep(0.02)

            prober = threading.Thread(target=probe, daemon=True)
            prober.start()
            started = time.monotonic()
            statuses: dict[str, dict[int, int]] = {}

            def count(kind: str, status: int) -> None:
                statuses.setdefault(kind, {}).setdefault(status, 0)
                statuses[kind][status] += 1

            activity = {"type": "message", "channelId": "msteams", "text": "<" * 100_000,
                        "serviceUrl": f"http://127.0.0.1:{connector.server_port}/",
                        "from": {"id": "29:x",
                                                                      "aadObjectId": "a"},
                        "conversation": {"id": "a:x", "conversationType": "personal",
                                         "tenantId": "t"}, "recipient": {"id": "28:bot"}}
            for i in range(args.requests):
                count("odd method", _request(url + "/healthz", method=f"M{i}")[0])
                count("install", _request(url + "/slack/install")[0])
                if i % 10 == 0:  # each is 100 kB; a tenth of the count keeps the run short
                    count("long markup (no token)", _request(
                        url + "/api/messages", method="POST",
                        body=json.dumps({**activity, "id": f"m{i}"}).encode(),
                        headers={"Content-Type": "application/json"})[0])
                token = _jwt({"alg": "RS256"} if i % 2 else {"alg": "none", "kid": "k"})
                count("malformed token", _request(
                    url + "/api/messages", method="POST", body=json.dumps(activity).encode(),
                    headers={"Content-Type": "application/json",
                             "Authorization": f"Bearer {token}"})[0])
            elapsed = time.monotonic() - started
            stop.set()
            prober.join()
            after = _snapshot(url, proc.pid, db)
        finally:
            connector.shutdown()
            proc.terminate()
            proc.wait(timeout=30)
            log.close()
    p99 = statistics.quantiles(latencies, n=100)[98] if len(latencies) >= 2 else float("nan")
    print(f"abuse run: {args.requests} of each kind in {elapsed:.1f} s")
    for kind, seen in statuses.items():
        print(f"  {kind:24} statuses {dict(sorted(seen.items()))}")
    print(f"/metrics bytes   {before['metrics_bytes']:>10} -> {after['metrics_bytes']}")
    print(f"RSS MB           {before['rss_mb']:>10} -> {after['rss_mb']}")
    grown = {t: (before['rows'].get(t, 0), n) for t, n in after['rows'].items()  # type: ignore[union-attr]
             if n != before['rows'].get(t, 0)}  # type: ignore[union-attr]
    print(f"tables that grew {grown or 'none'}")
    print(f"/healthz during the run: p50 {statistics.median(latencies):.1f} ms, "
          f"p99 {p99:.1f} ms over {len(latencies)} probes (target p99 < {TARGET_P99_MS:.0f} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
