"""A warm `mkdocs build` of the site, with the examples and without them.

    .venv/bin/python benchmarks/build_time.py [--repeat N]

"Warm": one build first, untimed, so the OS file cache and Python's bytecode are warm; then
N timed builds of each kind, alternating, and the median of each. Without the examples
(no hook, no livecompare.extension) the shortcodes stay HTML comments, so the difference
is what the examples cost a build. Prints figures and their ratio; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def without_hooks(config: str) -> str:
    """mkdocs.yml with its `hooks:` list and the examples' Markdown extension left out."""
    lines, skipping = [], False
    for line in config.splitlines():
        if line.strip() == "- livecompare.extension":
            continue
        if line.startswith("hooks:"):
            skipping = True
            continue
        if skipping and (line.startswith("  ") or not line.strip()):
            continue
        skipping = False
        lines.append(line)
    return "\n".join(lines) + "\n"


def build_seconds(config: Path, target: Path) -> tuple[float, float]:
    """The wall time of one build, and its CPU time (user and system), which a busy
    machine disturbs less."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d",
                    str(target)], cwd=ROOT, check=True, env=env, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    plain = ROOT / ".bench-no-hook.yml"  # beside mkdocs.yml: its relative paths must hold
    plain.write_text(without_hooks((ROOT / "mkdocs.yml").read_text()))
    times: dict[str, list[float]] = {"with the examples": [], "without them": []}
    cpu: dict[str, list[float]] = {"with the examples": [], "without them": []}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            configs = {"with the examples": ROOT / "mkdocs.yml", "without them": plain}
            for label, config in configs.items():
                build_seconds(config, Path(tmp) / label)  # warm-up
            for _ in range(args.repeat):
                for label, config in configs.items():
                    wall, seconds = build_seconds(config, Path(tmp) / label)
                    times[label].append(wall)
                    cpu[label].append(seconds)
    finally:
        plain.unlink()
    for what, figures in (("wall", times), ("CPU", cpu)):
        for label, values in figures.items():
            print(f"{what:4} {label:17} median {statistics.median(values):.2f} s "
                  f"(min {min(values):.2f}, max {max(values):.2f}, {args.repeat} builds)")
        with_them, without = (statistics.median(figures[k]) for k in figures)
        print(f"{what:4} the examples add {with_them - without:.2f} s to a warm build, a "
              f"ratio of {with_them / without:.2f} (the goal: at most 1.2)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
