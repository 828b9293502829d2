"""`make preview`: every snippet against the newest pre-releases that install together.

It picks, by the same metadata rule as the weekly upgrade (scripts/upgrade_pins.py, with
pre-releases allowed), the newest torch, torchvision, tensorflow-cpu and keras at or above
the pins that allow each other; a package with no newer pre-release stays at its pin.
It installs them, with every other pin of requirements/frameworks.txt, into an
environment of its own (.venv-preview, rebuilt only when that set changes), and runs
`python -m livecompare preview` there, which writes snippets/preview.json. The approved
outputs, the manifest and .venv are never touched.

    python scripts/preview.py            # choose, install, run, write snippets/preview.json
    python scripts/preview.py --choose   # print what it would preview, change nothing

When no pre-release is newer than the pins, it writes a preview with nothing previewed,
and the What changed page's "Coming next" says nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import upgrade_pins  # noqa: E402  (the metadata rule, shared)

ROOT = upgrade_pins.ROOT
VENV = ROOT / ".venv-preview"
STAMP = VENV / ".preview-requirements.txt"  # what the environment was installed from


def choose() -> dict[str, str]:
    """name -> version for every framework: a pre-release where a newer one fits."""
    pins = upgrade_pins.pins(upgrade_pins.PINS.read_text(encoding="utf-8"))
    candidates = {name: upgrade_pins.newer(upgrade_pins.available(name), pins[name],
                                           prereleases=True)
                  for name in upgrade_pins.FRAMEWORKS}
    chosen = upgrade_pins.newest_together(candidates, upgrade_pins.requires_dist)
    if chosen is None:
        raise SystemExit("error: no pre-releases at or above the pins allow each other")
    return chosen


def install(requirements: str) -> None:
    """The preview environment, from these requirements (kept when it has them already)."""
    if STAMP.exists() and STAMP.read_text(encoding="utf-8") == requirements:
        return
    if VENV.exists():
        shutil.rmtree(VENV)
    subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    wanted = VENV / "requirements.txt"
    wanted.write_text(requirements, encoding="utf-8")
    env = {**os.environ, **upgrade_pins.PIP_ENV}
    pip = [str(VENV / "bin/python"), "-m", "pip", "install", "--quiet"]
    subprocess.run(pip + ["-r", str(wanted)], check=True, env=env)
    # tf-keras, without its dependencies, as the main install does (requirements/no-deps.txt)
    subprocess.run(pip + ["--no-deps", "-r", str(ROOT / "requirements/no-deps.txt")],
                   check=True, env=env)
    STAMP.write_text(requirements, encoding="utf-8")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--choose", action="store_true", help="print the choice only")
    args = parser.parse_args(argv)
    text = upgrade_pins.PINS.read_text(encoding="utf-8")
    pins = upgrade_pins.pins(text)
    chosen = choose()
    previewed = {name: version for name, version in chosen.items() if version != pins[name]}
    print("\n".join(f"{name} {pins[name]} -> {version}" for name, version in previewed.items())
          or "No pre-release is newer than the pins.")
    if args.choose:
        return 0
    if not previewed:
        path = ROOT / "snippets/preview.json"
        path.write_text(json.dumps({"format": 1, "date": dt.date.today().isoformat(),
                                    "previewed": {}, "pins": {}, "installed": {},
                                    "snippets": 0, "differs": [], "breaks": []},
                                   indent=2) + "\n", encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}: nothing to preview")
        return 0
    install(upgrade_pins.with_pins(text, chosen))
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([str(VENV / "bin/python"), "-m", "livecompare", "--root", str(ROOT),
                           "preview", "--previewed", json.dumps(previewed)], env=env).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
