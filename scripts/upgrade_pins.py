"""Move the framework pins in requirements/frameworks.txt to the newest releases that go
together.

What goes together is read from each release's own metadata (its `Requires-Dist` lines),
never from version numbers: torchvision 0.29.0 asks for `torch==2.14.0`, while 0.29.1 and
later ask for `torch>=2.14`, so 0.29.2 installs beside torch 2.15.0. The search takes the
newest torch first, then the newest torchvision whose requirement on torch that torch meets,
then the newest tensorflow-cpu and the newest keras it accepts; a release whose
requirements no choice meets is passed over. pip then checks (`--dry-run`) that the whole
frameworks extra installs with the new pins.

    python scripts/upgrade_pins.py          # rewrite the pins, print what moved
    python scripts/upgrade_pins.py --check  # print what would move, change nothing

`newest_together` also serves the preview of the next release (scripts/preview.py), with
pre-releases allowed. Run by .github/workflows/upgrade-frameworks.yml; exits 1 when the
newest releases do not install together, naming pip's reason.
"""

from __future__ import annotations

import argparse
import email.parser
import io
import json
import os
import re
import ssl
import subprocess
import sys
import urllib.request
import zipfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

ROOT = Path(__file__).resolve().parent.parent
PINS = ROOT / "requirements/frameworks.txt"  # where every framework pin lives
# The order is the order of preference: the newest torch first, then what goes with it.
FRAMEWORKS = ("torch", "torchvision", "tensorflow-cpu", "keras")
INDEX = "https://pypi.org/simple"  # PEP 691 JSON; PIP_INDEX_URL overrides it
# pip's own rule for the machine's configuration does not apply: the project pins exactly
# (see the README, "Installing"), so a machine-wide constraint file is set aside.
PIP_ENV = {"PIP_CONSTRAINT": os.devnull}


# ------------------------------------------------------------- pure: what goes together


def requirement_on(requires: list[str], name: str) -> list[Requirement]:
    """The requirements among `requires` (Requires-Dist lines) on the package `name`, for
    a plain install: those behind an extra (`; extra == "..."`) do not count."""
    found = []
    for line in requires:
        try:
            requirement = Requirement(line)
        except InvalidRequirement:
            continue
        if canonicalize_name(requirement.name) != canonicalize_name(name):
            continue
        if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
            continue
        found.append(requirement)
    return found


def fits(chosen: dict[str, str], requires: Callable[[str, str], list[str]]) -> bool:
    """Whether every chosen release's Requires-Dist allows every other chosen release."""
    for name, version in chosen.items():
        for other, other_version in chosen.items():
            if other == name:
                continue
            for requirement in requirement_on(requires(name, version), other):
                if not requirement.specifier.contains(other_version, prereleases=True):
                    return False
    return True


def newest_together(candidates: dict[str, list[str]],
                    requires: Callable[[str, str], list[str]]) -> dict[str, str] | None:
    """The newest releases, one of each package, that all allow each other.

    `candidates`: name -> versions, newest first, in the order of preference (the first
    package gets its newest release that something goes with). `requires(name, version)`:
    that release's Requires-Dist lines. None when no combination fits."""
    names = list(candidates)

    def search(chosen: dict[str, str]) -> dict[str, str] | None:
        if len(chosen) == len(names):
            return chosen
        name = names[len(chosen)]
        for version in candidates[name]:
            trial = {**chosen, name: version}
            if fits(trial, requires) and (found := search(trial)):
                return found
        return None

    return search({})


def newer(versions: list[str], than: str, prereleases: bool = False) -> list[str]:
    """Versions at or above `than`, newest first: stable ones, or pre-releases too."""
    kept = []
    for text in versions:
        try:
            version = Version(text)
        except InvalidVersion:
            continue
        if version >= Version(than) and (prereleases or not (version.is_prerelease
                                                              or version.is_devrelease)):
            kept.append(text)
    return sorted(kept, key=Version, reverse=True)


def pins(text: str) -> dict[str, str]:
    return {name: match[1] for name in FRAMEWORKS
            if (match := re.search(rf"^{re.escape(name)}==([^\s#]+)", text, re.M))}


def with_pins(text: str, wanted: dict[str, str]) -> str:
    for name, version in wanted.items():
        text = re.sub(rf"^{re.escape(name)}==[^\s#]+", f"{name}=={version}", text, flags=re.M)
    return text


# ------------------------------------------------------------ the index: the metadata


def _context() -> ssl.SSLContext:
    """The certificates pip would use: PIP_CERT, SSL_CERT_FILE, else the system's."""
    cafile = os.environ.get("PIP_CERT") or os.environ.get("SSL_CERT_FILE")
    return ssl.create_default_context(cafile=cafile or None)


def _get(url: str, headers: dict[str, str] | None = None) -> bytes:
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=60, context=_context()) as response:
        return response.read()


@cache
def _files(name: str) -> dict[str, list[dict]]:
    """version -> the files of that release, from the index's JSON (PEP 691)."""
    index = os.environ.get("PIP_INDEX_URL", INDEX).rstrip("/")
    try:
        data = json.loads(_get(f"{index}/{canonicalize_name(name)}/",
                               {"Accept": "application/vnd.pypi.simple.v1+json"}))
    except (OSError, ValueError) as error:
        raise SystemExit(f"error: the index {index} did not list {name}: {error}") from None
    releases: dict[str, list[dict]] = {v: [] for v in data.get("versions", [])}
    for file in data.get("files", []):
        if file.get("yanked") or not file["filename"].endswith(".whl"):
            continue
        match = re.match(rf"{re.escape(canonicalize_name(name).replace('-', '_'))}-([^-]+)-",
                         file["filename"].lower())
        if match:
            releases.setdefault(match[1], []).append(file)
    return {version: files for version, files in releases.items() if files}


def available(name: str) -> list[str]:
    """The versions with a wheel on the index (pre-releases included), newest first."""
    return newer(list(_files(name)), "0", prereleases=True)


class _Ranges(io.RawIOBase):
    """A remote file read by HTTP ranges, so a wheel's METADATA is read without downloading
    the wheel (torch's is gigabytes): zipfile seeks to the end, then to the one member."""

    def __init__(self, url: str, size: int):
        self.url, self.size, self.position = url, size, 0

    def seekable(self) -> bool:
        return True

    def readable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.position

    def seek(self, offset: int, whence: int = 0) -> int:
        self.position = {0: 0, 1: self.position, 2: self.size}[whence] + offset
        return self.position

    def readinto(self, buffer) -> int:
        end = min(self.position + len(buffer), self.size) - 1
        if end < self.position:
            return 0
        data = _get(self.url, {"Range": f"bytes={self.position}-{end}"})
        buffer[:len(data)] = data
        self.position += len(data)
        return len(data)


def _wheel(files: list[dict]) -> dict:
    """The wheel this machine would install: Linux x86-64 or pure Python, CPython 3.11."""
    def rank(file: dict) -> int:
        name = file["filename"]
        return (("x86_64" in name and "linux" in name) * 4 + ("none-any" in name) * 4
                + ("cp311" in name or "py3" in name) * 2)
    return max(files, key=rank)


@cache
def requires_dist(name: str, version: str) -> list[str]:
    """The Requires-Dist lines of one release, read from its wheel's METADATA."""
    files = _files(name).get(version)
    if not files:
        raise SystemExit(f"error: the index has no wheel of {name} {version}")
    wheel = _wheel(files)
    try:
        if wheel.get("core-metadata") or wheel.get("data-dist-info-metadata"):
            text = _get(wheel["url"] + ".metadata").decode()  # PEP 658
        else:
            size = wheel.get("size") or int(urllib.request.urlopen(urllib.request.Request(
                wheel["url"], method="HEAD"), timeout=60, context=_context())
                .headers["Content-Length"])
            stream = io.BufferedReader(_Ranges(wheel["url"], size), buffer_size=1 << 16)
            with zipfile.ZipFile(stream) as archive:
                member = next(m for m in archive.namelist()
                              if re.fullmatch(r"[^/]+\.dist-info/METADATA", m))
                text = archive.read(member).decode()
    except (OSError, ValueError, StopIteration, zipfile.BadZipFile) as error:
        raise SystemExit(f"error: could not read the metadata of {wheel['filename']}: "
                         f"{error}") from None
    return email.parser.Parser().parsestr(text, headersonly=True).get_all("Requires-Dist",
                                                                           [])


# ------------------------------------------------------------------------ the command


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
    candidates = {name: newer(available(name), before[name]) for name in FRAMEWORKS}
    wanted = newest_together(candidates, requires_dist)
    if wanted is None:
        raise SystemExit("error: no releases at or above the pins allow each other "
                         "(their Requires-Dist metadata disagree)")
    moves = [f"{name} {before[name]} -> {version}" for name, version in wanted.items()
             if before[name] != version]
    print("\n".join(moves) if moves else "The pins are the newest releases already.")
    if args.check or not moves:
        return 0
    PINS.write_text(with_pins(text, wanted), encoding="utf-8")
    dry = subprocess.run([sys.executable, "-m", "pip", "install", "--dry-run", "--quiet",
                          "-e", f"{ROOT}[frameworks]"], capture_output=True, text=True,
                         env={**os.environ, **PIP_ENV})
    if dry.returncode != 0:
        PINS.write_text(text, encoding="utf-8")  # leave the pins as they were
        print(f"error: the newest releases do not install together; pins unchanged:\n"
              f"{dry.stderr.strip()}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
