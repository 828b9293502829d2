"""Both builders' warm builds: Material's with the examples and without them, Zensical's,
and Zensical's rebuild under `zensical serve` after one saved page.

    .venv/bin/python benchmarks/build_time.py [--repeat N] [--only material,zensical]

"Warm": one build first, untimed, so the OS file cache, Python's bytecode and the
builders' caches (.cache/livecompare/, Zensical's own) are warm; then N timed builds of
each kind, alternating, and the median of each. Without the examples (no hook, no
livecompare.extension) the shortcodes stay HTML comments, so the difference is what the
examples cost a build. Zensical builds and serves a copy of the site's sources in a
temporary folder (the rebuild edits a page); "rebuilt" is when the served page holds the
saved text (benchmarks/inner_loop.py's `make serve` measure). Prints figures and their
ratios; asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from inner_loop import _copy, _free_port, _serve, load, time_saves, timed

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
    """The wall time of one Material build, and its CPU time (user and system), which a
    busy machine disturbs less."""
    return timed([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d",
                  str(target)])


def median(values: list[float]) -> str:
    return (f"median {statistics.median(values):.2f} s (min {min(values):.2f}, max "
            f"{max(values):.2f}, {len(values)} runs)")


def material(repeat: int) -> dict[str, list[float]]:
    """CPU seconds of each warm Material build, with the examples and without them."""
    plain = ROOT / ".bench-no-hook.yml"  # beside mkdocs.yml: its relative paths must hold
    plain.write_text(without_hooks((ROOT / "mkdocs.yml").read_text()))
    times: dict[str, list[float]] = {"with the examples": [], "without them": []}
    cpu: dict[str, list[float]] = {"with the examples": [], "without them": []}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            configs = {"with the examples": ROOT / "mkdocs.yml", "without them": plain}
            for label, config in configs.items():
                build_seconds(config, Path(tmp) / label)  # warm-up
            for _ in range(repeat):
                for label, config in configs.items():
                    wall, seconds = build_seconds(config, Path(tmp) / label)
                    times[label].append(wall)
                    cpu[label].append(seconds)
    finally:
        plain.unlink()
    for what, figures in (("wall", times), ("CPU", cpu)):
        for label, values in figures.items():
            print(f"Material {what:4} {label:17} {median(values)}", flush=True)
    return cpu


def zensical(repeat: int) -> tuple[list[float], list[float], list[float]]:
    """CPU seconds of each warm `zensical build`; then, under `zensical serve`, the wall
    and CPU seconds from saving a page to the served page that shows it."""
    command = [sys.executable, "-m", "zensical"]
    with tempfile.TemporaryDirectory() as tmp:
        source = _copy(Path(tmp) / "site")
        timed([*command, "build"], cwd=source)  # warm-up: fills Zensical's cache
        builds = [timed([*command, "build"], cwd=source)[1] for _ in range(repeat)]
        print(f"Zensical CPU warm build         {median(builds)}", flush=True)
        port = _free_port()
        page, url = source / "docs/graphs.md", f"http://127.0.0.1:{port}/graphs/"
        process = _serve(source, [*command, "serve", "--dev-addr", f"127.0.0.1:{port}"])
        walls, cpu = time_saves(process, url, page, lambda token: f"\n{token}\n", repeat)
    print(f"Zensical wall save graphs.md -> served page {median(walls)}")
    print(f"Zensical CPU  save graphs.md -> served page {median(cpu)}", flush=True)
    return builds, walls, cpu


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", default="material,zensical")
    args = parser.parse_args()
    only = set(args.only.split(","))
    print(f"Warm builds ({load()} at the start; CPU time is user and system):", flush=True)
    if "material" in only:
        cpu = material(args.repeat)
        with_them, without = (statistics.median(cpu[k]) for k in cpu)
        print(f"Material: the examples add {with_them - without:.2f} s of CPU to a warm "
              f"build, a ratio of {with_them / without:.2f} (the goal: at most 1.2)")
    if "zensical" in only:
        builds, _, rebuild_cpu = zensical(args.repeat)
        zensical_build = statistics.median(builds)
        if "material" in only:
            print(f"Zensical's warm build against Material's with the examples: a ratio of "
                  f"{zensical_build / with_them:.2f} (CPU)")
        print(f"Zensical's rebuild after one saved page against its whole warm build: a "
              f"ratio of {statistics.median(rebuild_cpu) / zensical_build:.2f} (CPU)")
    print(f"({load()} at the end)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
