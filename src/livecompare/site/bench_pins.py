"""Benchmark figures measured with the pinned versions, or refused.

Every result under benchmarks/results/ (written by benchmarks/frameworks.py, drawn on the
Performance page) records the versions each framework ran with. A figure measured with
other versions than requirements/ pins is stale: `make check` and the build say so, naming
the file, until `make bench` measures again.
"""

from __future__ import annotations

import json

from ..pins import pinned_versions
from ..problems import At, Problem

RESULTS = "benchmarks/results"  # under the project root
# The name a result records for a package -> the name requirements/ pins it under.
PIN_NAMES = {"tensorflow": "tensorflow-cpu"}
FIX = ("run `make bench` to measure again with the pinned versions, then commit "
       f"{RESULTS}/ and docs/assets/bench/")


def _public(version: str) -> str:
    """A version without its local label: torch's `2.15.0+cpu` is the release 2.15.0."""
    return version.split("+", 1)[0]


def benchmark_problems(project) -> list[Problem]:
    """A result measured with other versions than the pins, or that records none."""
    pins = pinned_versions(project.root)
    folder = project.root / RESULTS
    if pins is None or not folder.is_dir():
        return []
    problems = []
    for path in sorted(folder.glob("*.json")):
        where = project.relative(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except ValueError as error:
            problems.append(Problem(At(where, getattr(error, 'lineno', 1)), "LC801",
                                    f"is not valid JSON: {error}", fix=FIX))
            continue
        suites = data.get("frameworks") if isinstance(data, dict) else None
        if not isinstance(suites, dict):
            continue  # not a framework benchmark
        stale = []
        for key, suite in suites.items():
            versions = suite.get("versions") if isinstance(suite, dict) else None
            if not isinstance(versions, dict) or not versions:
                problems.append(Problem(where, "LC801", f"its {key} figures record no versions",
                                        fix=FIX))
                continue
            for name, version in versions.items():
                pin = pins.get(PIN_NAMES.get(name, name))
                if pin is not None and _public(str(version)) != pin:
                    stale.append(f"{name} {version} (pinned: {pin})")
        if stale:
            problems.append(Problem(where, "LC801", "its figures were measured with other versions "
                                    f"than the pins: {', '.join(stale)}", fix=FIX))
    return problems
