"""`make live`: serve the site, and re-run a snippet the moment it is saved.

Each framework's worker starts once and stays warm (run.Workers), so a saved snippet
costs only its own run time: no import of torch or TensorFlow. The new output is approved
as `make outputs` approves it (outputs.py), and `mkdocs serve` (which watches snippets/)
reloads the page.
"""

from __future__ import annotations

import errno
import functools
import os
import signal
import socket
import subprocess
import sys
import time
import traceback
from pathlib import Path

from ..frameworks import runtime_keys
from ..problems import for_terminal
from ..project import Project
from ..runner.run import Workers, run_snippets
from .outputs import SelectionError, approve

POLL_SECONDS = 0.3


def _snapshot(project: Project) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in project.snippets_dir.glob("*/*.py")}


def _say(line: str) -> None:
    print(line, file=sys.stderr)


class Watcher:
    """Notices saved snippets and writes their outputs; `step()` does one round."""

    def __init__(self, project: Project, workers: Workers):
        self.project, self.workers = project, workers
        self.seen = _snapshot(project)

    def changed(self) -> list[Path]:
        now = _snapshot(self.project)
        changed = sorted(p for p, mtime in now.items() if self.seen.get(p) != mtime)
        self.seen = now
        return changed

    def step(self) -> list[str]:
        """Re-run what was saved since the last step; returns the snippet keys it ran."""
        ran = []
        # A contributor edits pages while snippets run: Landlock guards the files here.
        runner = functools.partial(run_snippets, workers=self.workers, watch_files=False)
        for path in self.changed():
            key = f"{path.parent.name}/{path.stem}"
            _say(f"\nsaved: {self.project.relative(path)}; running it")
            started = time.perf_counter()
            try:
                outcome = approve(self.project, [key], runner=runner, say=_say)
            except SelectionError as error:  # a half-written pair: say why, keep watching
                _say(str(error))
                continue
            except Exception:  # noqa: BLE001 - a fault of the engine: show it, keep serving
                _say(for_terminal(traceback.format_exc()))
                continue
            out, err, _ = outcome.report()
            _say("\n".join(filter(None, [out, err])))
            _say(f"done in {time.perf_counter() - started:.1f} s; the page reloads")
            ran.append(key)
        return ran


class AddressError(ValueError):
    """The address cannot be served: said with the address and how to pick another."""


def _host_port(address: str) -> tuple[str, int]:
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise AddressError(f"error: the address {address!r} is not HOST:PORT; pick one "
                           "such as `make live ADDRESS=127.0.0.1:8001`")
    return host.strip("[]"), int(port)


def _bind_error(host: str, port: int) -> OSError | None:
    """Why `mkdocs serve` could not listen there (its server reuses addresses too)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            return error
    return None


def check_address(address: str) -> tuple[str, int]:
    """(host, port), once it is known that `mkdocs serve` can listen there; else raises
    AddressError, which names the address and one that is free."""
    host, port = _host_port(address)
    error = _bind_error(host, port)
    if error is None:
        return host, port
    free = next((p for p in range(port + 1, min(port + 50, 65536))
                 if _bind_error(host, p) is None), port + 1)
    why = ("is in use (another `make serve` or `make live`?)"
           if error.errno == errno.EADDRINUSE else f"cannot be served: {error.strerror}")
    raise AddressError(f"error: {address} {why}; nothing was started. Pick another "
                       f"address: make live ADDRESS={_join(host, free)}")


def _join(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _answers(host: str, port: int) -> bool:
    host = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(host, host)
    try:
        socket.create_connection((host, port), timeout=1).close()
    except OSError:
        return False
    return True


# `mkdocs serve`, killed by the kernel the moment the process that started it dies, even
# by SIGKILL: it never outlives `make live` to hold the port.
SERVE = """
import runpy, sys
from livecompare.runner.processes import die_with_parent
die_with_parent(int(sys.argv.pop(1)))
sys.argv[0] = "mkdocs"
runpy.run_module("mkdocs", run_name="__main__", alter_sys=True)
"""
STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)  # `kill`, make's own SIGTERM, a closed terminal


def _stop(serve: subprocess.Popen) -> None:
    serve.terminate()
    try:
        serve.wait(timeout=10)
    except subprocess.TimeoutExpired:
        serve.kill()
        serve.wait()


def main(project: Project, address: str) -> int:
    """Serve until Ctrl-C, SIGTERM or SIGHUP, then stop `mkdocs serve` and the workers.
    Returns 0 on Ctrl-C, 128 + the signal on SIGTERM or SIGHUP, 1 when serving failed."""
    try:
        host, port = check_address(address)
    except AddressError as error:
        print(error, file=sys.stderr)
        return 1
    received: list[int] = []

    def stop(signum, frame):  # as Ctrl-C would: deferred while outputs are being written
        received.append(signum)
        handler = signal.getsignal(signal.SIGINT)
        (handler if callable(handler) else signal.default_int_handler)(signal.SIGINT, frame)

    previous = {signum: signal.signal(signum, stop) for signum in STOP_SIGNALS}
    workers, serve = Workers(), None
    try:
        _say("starting a worker for each framework (once)...")
        workers.warm_up(runtime_keys(project.frameworks))
        serve = subprocess.Popen([sys.executable, "-c", SERVE, str(os.getpid()), "serve",
                                  "--dev-addr", address], cwd=project.root)
        watcher = Watcher(project, workers)
        while serve.poll() is None and not _answers(host, port):
            time.sleep(POLL_SECONDS)
        if serve.poll() is None:
            _say(f"serving at http://{address}/ ; save a snippet to re-run it (Ctrl-C stops)")
        while serve.poll() is None:
            watcher.step()
            time.sleep(POLL_SECONDS)
        print(f"error: mkdocs serve stopped (exit status {serve.returncode}); its messages "
              f"are above. If {address} is taken, pick another address: make live "
              f"ADDRESS={_join(host, port + 1)}", file=sys.stderr)
        return serve.returncode or 1
    except KeyboardInterrupt:
        return 128 + received[0] if received else 0
    finally:
        for signum, handler in previous.items():  # a second signal stops it outright;
            signal.signal(signum, handler)  # mkdocs serve and the workers die with it
        if serve is not None:
            _stop(serve)
        workers.close()
