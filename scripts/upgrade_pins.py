"""Move the framework pins in requirements/frameworks.txt to the newest releases that go
together.

torch and torchvision release in step: torchvision 0.(N+15) is the release for torch 2.N
(0.29 for 2.14). The newest torch whose torchvision series exists is chosen, with the
newest torchvision of that series; TensorFlow and Keras take their newest releases. pip
then checks (`--dry-run`) that the whole frameworks extra installs with the new pins.

    python scripts/upgrade_pins.py          # rewrite the pins, print what moved
    python scripts/upgrade_pins.py --check  # print what would move, change nothing

Run by .github/workflows/upgrade-frameworks.yml; exits 1 when the newest releases do not
install together, naming pip's reason.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PINS = ROOT / "requirements/frameworks.txt"  # where every framework pin lives
FRAMEWORKS = ("torch", "torchvision", "tensorflow-cpu", "keras")
TORCHVISION_OFFSET = 15  # torchvision 0.(N + 15) goes with torch 2.N
STABLE = re.compile(r"^\d+(\.\d+)*$")  # no rc, dev or post releases


def available(name: str) -> list[str]:
    """Stable versions on the index, newest first."""
    result = subprocess.run([sys.executable, "-m", "pip", "index", "versions", name],
                            capture_output=True, text=True)
    match = re.search(r"Available versions: (.*)", result.stdout)
    if result.returncode != 0 or not match:
        raise SystemExit(f"error: pip could not list the versions of {name}:\n"
                         f"{result.stderr.strip()}")
    versions = [v.strip() for v in match.group(1).split(",")]
    return sorted((v for v in versions if STABLE.match(v)), key=_key, reverse=True)


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def newest_pair(torch: list[str], torchvision: list[str]) -> tuple[str, str]:
    """The newest torch with a torchvision of its own, and that torchvision's newest."""
    for version in torch:
        major, minor = _key(version)[:2]
        series = f"0.{minor + TORCHVISION_OFFSET}."
        matches = [v for v in torchvision if v.startswith(series)]
        if major == 2 and matches:
            return version, matches[0]
    raise SystemExit("error: no torch release has a matching torchvision on the index")


def newest(torch: list[str], torchvision: list[str], tensorflow: list[str],
           keras: list[str]) -> dict[str, str]:
    pair = newest_pair(torch, torchvision)
    return {"torch": pair[0], "torchvision": pair[1], "tensorflow-cpu": tensorflow[0],
            "keras": keras[0]}


def pins(text: str) -> dict[str, str]:
    return {name: match[1] for name in FRAMEWORKS
            if (match := re.search(rf"^{re.escape(name)}==([^\s#]+)", text, re.M))}


def with_pins(text: str, wanted: dict[str, str]) -> str:
    for name, version in wanted.items():
        text = re.sub(rf"^{re.escape(name)}==[^\s#]+", f"{name}=={version}", text, flags=re.M)
    return text


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing")
    args = parser.parse_args(argv)
    text = PINS.read_text(encoding="utf-8")
    before = pins(text)
    missing = [name for name in FRAMEWORKS if name not in before]
    if missing:
        raise SystemExit(f"error: {PINS.relative_to(ROOT)} pins no {', '.join(missing)} "
                         "(write them as name==version)")
    wanted = newest(*(available(name) for name in FRAMEWORKS))
    moves = [f"{name} {before[name]} -> {version}" for name, version in wanted.items()
             if before[name] != version]
    print("\n".join(moves) if moves else "The pins are the newest releases already.")
    if args.check or not moves:
        return 0
    PINS.write_text(with_pins(text, wanted), encoding="utf-8")
    dry = subprocess.run([sys.executable, "-m", "pip", "install", "--dry-run", "--quiet",
                          "-e", f"{ROOT}[frameworks]"], capture_output=True, text=True)
    if dry.returncode != 0:
        PINS.write_text(text, encoding="utf-8")  # leave the pins as they were
        print(f"error: the newest releases do not install together; pins unchanged:\n"
              f"{dry.stderr.strip()}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
