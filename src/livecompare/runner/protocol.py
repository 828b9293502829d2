"""The messages between the engine (run.py) and a worker (worker.py, job.py): one JSON
line each, typed here once.

engine -> worker: a Job per line on the worker's stdin.
worker -> engine: Ready (or NotReady) once, then a Report per Job; the worker's
supervisor sends Ended when the worker itself ended.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields


@dataclass
class Job:
    path: str  # the snippet's absolute path
    timeout: float
    memory: float  # GB beyond what the worker holds
    folder: str  # the job's own folder: work/ and capture/ go there
    agree: list[str] = field(default_factory=list)  # `# compare-agree:` variables


@dataclass
class Ready:
    versions: dict[str, str]
    python: str


@dataclass
class NotReady:
    error: str  # why the framework could not be imported


@dataclass
class Report:
    """What one job did. The child writes the first fields; the worker adds the rest."""

    error: str | None = None  # a traceback, or why the run failed
    error_line: int | None = None
    fix: str | None = None  # advice, where the worker knows better than "fix the code"
    seconds: float = 0.0  # the snippet's own run time
    values: dict[str, dict] = field(default_factory=dict)  # name -> {"shape", "data"}
    figures: dict[str, str] = field(default_factory=dict)  # SVG file name -> its text
    sha256: str | None = None  # of the source bytes that ran
    timed_out: bool = False
    wall: float = 0.0
    stdout: str = ""
    stderr: str = ""


@dataclass
class Ended:
    status: int | None  # the worker's exit status, as a shell gives it; None if unknown


MESSAGES = {cls.__name__: cls for cls in (Job, Ready, NotReady, Report, Ended)}


def encode(message) -> str:
    return json.dumps({"kind": type(message).__name__, **asdict(message)}) + "\n"


def decode(line: str):
    data = json.loads(line)
    kind = MESSAGES[data.pop("kind")]
    known = {f.name for f in fields(kind)}
    return kind(**{k: v for k, v in data.items() if k in known})
