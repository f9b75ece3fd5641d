"""Run `pairbot` as a real process, the way a user or an operator would."""

from __future__ import annotations

import atexit
import io
import logging
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Mapping
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from tests.support.forked import Forker

REPO = Path(__file__).resolve().parents[2]
PAIRBOT = [sys.executable, "-m", "bot.cli.main"]
CONTRACT_VARIABLES = (
    "DATABASE_URL", "PORT", "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_CLIENT_ID",
    "SLACK_CLIENT_SECRET", "SLACK_APP_TOKEN", "SLACK_API_URL", "PAIRBOT_ADMIN_TOKEN",
)


def clean_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment without any pairbot setting, plus `extra`."""
    return clean_env_from(os.environ, extra)


def clean_env_from(base: Mapping[str, str], extra: Mapping[str, str] | None) -> dict[str, str]:
    env = {
        k: v for k, v in base.items()
        if k not in (*CONTRACT_VARIABLES, "HOST")
        and not k.startswith(("PAIRBOT_", "CONNECTIONS__"))
    }
    env.update(extra or {})
    return env


def run_pairbot(
    *args: str, env: Mapping[str, str] | None = None, cwd: Path | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run one pairbot command to completion."""
    return subprocess.run(
        [*PAIRBOT, *args], env=clean_env(env), cwd=cwd, capture_output=True, text=True,
        timeout=timeout,
    )


def run_cli(
    *args: str, env: Mapping[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run one pairbot command inside this process, as `run_pairbot` runs it in a new one:
    the same clean environment and directory, its output and exit code captured. For the
    tests of what a command does (a fresh process only adds its start-up, ~2 s of CPU);
    the process itself is tested by run_pairbot's users."""
    from bot.cli.main import main

    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    root, loggers = logging.getLogger(), ("bot", "alembic")
    saved_root = (list(root.handlers), root.level)
    saved_levels = {name: logging.getLogger(name).level for name in loggers}
    out, err = io.StringIO(), io.StringIO()
    os.environ.clear()
    os.environ.update(clean_env_from(saved_env, env))
    try:
        if cwd is not None:
            os.chdir(cwd)
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse: --help, usage errors
                code = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
        root.handlers[:] = saved_root[0]
        root.setLevel(saved_root[1])
        for name, level in saved_levels.items():
            logging.getLogger(name).setLevel(level)
    return subprocess.CompletedProcess([*PAIRBOT, *args], code, out.getvalue(), err.getvalue())


_forker: Forker | None = None


def forker() -> Forker:
    """This test process's Forker for `pairbot serve`, started at the first use."""
    global _forker
    if _forker is None:
        logs = Path(tempfile.mkdtemp(prefix="pairbot-forker-"))
        _forker = Forker(clean_env(), logs, cwd=REPO)
        atexit.register(shutil.rmtree, logs, ignore_errors=True)
        atexit.register(_forker.close)  # first (atexit runs the last registered first)
    return _forker


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_http(url: str, timeout: float = 30) -> None:
    """Wait until `url` answers at all (any status)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


class Server:
    """`pairbot serve` in a subprocess."""

    def __init__(self, *args: str, env: Mapping[str, str] | None = None, cwd: Path | None = None,
                 host: str | None = "127.0.0.1"):
        self.port = free_port()
        full_env = clean_env(env)
        full_env.setdefault("PORT", str(self.port))
        self.port = int(full_env["PORT"])
        self.log_path = Path(cwd or REPO) / f"serve-{self.port}.log"
        self._log = open(self.log_path, "w")  # noqa: SIM115 - closed in stop()
        # A process of its own, forked from one that imported pairbot once per test
        # worker (tests/support/forked.py): the same `pairbot serve`, without ~2 s of
        # imports at each start.
        self.proc = forker().run("serve", *(["--host", host] if host else []), *args,
                                 env=full_env, cwd=cwd, output=self.log_path)
        self.url = f"http://127.0.0.1:{self.port}"

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"pairbot serve exited early:\n{self.output()}")
            try:
                wait_http(self.url + "/healthz", timeout=1)
                return
            except OSError:
                continue
        raise TimeoutError(f"pairbot serve did not start:\n{self.output()}")

    def output(self) -> str:
        self._log.flush()
        return self.log_path.read_text()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log.close()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
