"""`pairbot` commands in real processes without paying the imports each time.

A process started with `python -m bot.cli.main` spends about 2 s of CPU importing the
runtime (SQLAlchemy, Alembic, SciPy, the web app) before it does anything; a test that
starts twenty-five of them pays a minute for it. `Forker` starts one Python process that
imports those modules once, single-threaded, before any database connection, and then
forks a child per command. Each child runs `bot.cli.main.main(args)` and exits through
`sys.exit`, as `python -m bot.cli.main` does: a real process, with its own pid, its own
connections and its own exit, that SIGKILL kills like any other. Nothing of the test
runs in it. What the interpreter reads when it starts (PYTHONHASHSEED and the other
PYTHON* variables, -X options) is the forker's, whatever the child's environment says:
a test of those starts a fresh process (`run_pairbot`).
"""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import IO

# The forking process: imports, then one JSON request a line on stdin, one answer a line
# on stdout. {"run": [args], "env": {...} or null, "cwd": path or null, "stdout": path or
# null (discarded), "stderr": path} forks a child and answers its pid; {"wait": pid}
# reaps it and answers its exit code (negative: the signal that killed it).
ZYGOTE = r"""
import json, os, sys, threading, time
import bot.cli.main, bot.cli.common, bot.cli.rounds_cmd, bot.cli.serve, bot.runtime
import bot.services.clock, bot.services.jobs, bot.slack.setup, alembic.command, uvicorn
import psycopg, sqlalchemy.dialects.postgresql.psycopg, sqlalchemy.dialects.sqlite
bot.cli.main.build_parser()  # the command modules it imports
assert threading.active_count() == 1, threading.enumerate()
answers = sys.stdout
print("ready", file=answers, flush=True)
for line in sys.stdin:
    request = json.loads(line)
    if "run" in request:
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
        err = os.open(request["stderr"], flags, 0o600)
        if request["stdout"] == request["stderr"]:  # one file, one offset
            out = os.dup(err)
        else:
            out = os.open(request["stdout"] or os.devnull, os.O_WRONLY)
        pid = os.fork()
        if pid == 0:
            # The child: no stdin, its own output files, environment and directory;
            # the requests and answers stay the parent's.
            null = os.open(os.devnull, os.O_RDONLY)
            os.dup2(null, 0)
            os.dup2(out, 1)
            os.dup2(err, 2)
            for fd in (null, out, err):
                os.close(fd)
            if request["env"] is not None:
                os.environ.clear()
                os.environ.update(request["env"])
                time.tzset()
            if request["cwd"] is not None:
                os.chdir(request["cwd"])
            sys.exit(bot.cli.main.main(request["run"]))
        os.close(err)
        os.close(out)
        print(pid, file=answers, flush=True)
    else:
        _, status = os.waitpid(request["wait"], 0)
        print(os.waitstatus_to_exitcode(status), file=answers, flush=True)
"""


class Forked:
    """One command forked by a Forker: what the tests use of subprocess.Popen."""

    def __init__(self, forker: Forker, pid: int, stderr: Path) -> None:
        self._forker = forker
        self.pid = pid
        self._stderr = stderr
        # A pidfd is readable once the process has ended; it names this process even
        # after the pid is reused, so a signal never reaches another one.
        self._fd = os.pidfd_open(pid)
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None and select.select([self._fd], [], [], 0)[0]:
            return self.wait()
        return self.returncode

    def send_signal(self, sig: int) -> None:
        if self.returncode is None:
            signal.pidfd_send_signal(self._fd, sig)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def wait(self, timeout: float | None = None) -> int:
        if self.returncode is None:
            if not select.select([self._fd], [], [], timeout)[0]:
                raise subprocess.TimeoutExpired(f"pairbot (pid {self.pid})", timeout or 0)
            self.returncode = self._forker._reap(self.pid)
            os.close(self._fd)
        return self.returncode

    def stderr(self) -> str:
        return self._stderr.read_text()


class Forker:
    """A process that has imported pairbot and forks `pairbot ARGS` children on request,
    all with the environment and working directory it was started with."""

    def __init__(self, env: Mapping[str, str], logs: Path, cwd: Path | None = None) -> None:
        self._logs = logs
        self._count = 0
        self._lock = threading.RLock()
        self._err = open(logs / "forker.err", "w")  # noqa: SIM115 - closed in close()
        self._proc = subprocess.Popen([sys.executable, "-c", ZYGOTE], env=dict(env), cwd=cwd,
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                      stderr=self._err, text=True)
        if self._answer() != "ready":
            raise RuntimeError("the forker did not start: " + (logs / "forker.err").read_text())

    def _answer(self) -> str:
        assert self._proc.stdout is not None
        line = self._proc.stdout.readline()
        if not line:
            raise RuntimeError("the forker ended: " + (self._logs / "forker.err").read_text())
        return line.strip()

    def _ask(self, request: dict[str, object]) -> str:
        stdin: IO[str] | None = self._proc.stdin
        assert stdin is not None
        with self._lock:
            stdin.write(json.dumps(request) + "\n")
            stdin.flush()
            return self._answer()

    def run(self, *args: str, env: Mapping[str, str] | None = None, cwd: Path | None = None,
            output: Path | None = None) -> Forked:
        """Start `pairbot ARGS` in a new process; at once, like subprocess.Popen. `env`
        replaces the environment and `cwd` the directory; `output` takes stdout and
        stderr both (else stdout is discarded and stderr kept in a file of its own)."""
        with self._lock:
            self._count += 1
            stderr = output or self._logs / f"forked-{os.getpid()}-{self._count}.err"
        request = {"run": list(args), "env": dict(env) if env is not None else None,
                   "cwd": str(cwd) if cwd is not None else None,
                   "stdout": str(output) if output else None, "stderr": str(stderr)}
        return Forked(self, int(self._ask(request)), stderr)

    def _reap(self, pid: int) -> int:
        return int(self._ask({"wait": pid}))

    def close(self) -> None:
        if self._proc.stdin is not None:
            self._proc.stdin.close()
        try:
            self._proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        if self._proc.stdout is not None:
            self._proc.stdout.close()
        self._err.close()

    def __enter__(self) -> Forker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
