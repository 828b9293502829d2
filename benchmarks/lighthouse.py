"""Lighthouse scores of the built site, mobile profile: `make lighthouse` runs this.

    .venv/bin/python benchmarks/lighthouse.py [--site DIR] [--runs N] [PAGE ...]

Builds the site (or takes a built one), serves it on 127.0.0.1 compressed, as GitHub Pages
serves it, and runs Lighthouse, pinned in benchmarks/lighthouse/package.json, against
Debian's Chromium (CHROME_PATH) on each page (default: the home page, graphs, and the
heaviest pages: porting, rosetta, building and deployment), N times each, and prints the
median scores for performance, accessibility and best practices, with the total blocking
time and the largest contentful paint. Lighthouse simulates a slow phone, but its figures
still depend on the machine: run it on an idle one. The targets are 90 for performance and
97 for the other two; the script prints them beside the scores and asserts nothing.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOOL = ROOT / "benchmarks/lighthouse"
LIGHTHOUSE = TOOL / "node_modules/.bin/lighthouse"
CHROME = os.environ.get("CHROME_PATH", os.environ.get("CHROMIUM", "/usr/bin/chromium"))
PAGES = ["", "graphs/", "porting/", "rosetta/", "building/", "deployment/"]  # the heaviest
TARGETS = {"performance": 90, "accessibility": 97, "best-practices": 97}
TEXT = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --no-first-run "
                "--disable-background-networking --disable-component-update --disable-sync")


class _Gzipped(http.server.SimpleHTTPRequestHandler):
    """Serves text compressed, as GitHub Pages does: a slow phone's download time depends
    on it, and Lighthouse simulates one."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (path.suffix not in TEXT or not path.is_file()
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args):
        pass


def _build(target: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d",
                    str(target)], cwd=ROOT, env=env, check=True)


def _audit(url: str) -> dict:
    result = subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout",
         "--only-categories=" + ",".join(TARGETS), f"--chrome-flags={CHROME_FLAGS}"],
        capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROME})
    if result.returncode != 0:
        sys.exit(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    audits = report["audits"]
    return {**{key: round(report["categories"][key]["score"] * 100) for key in TARGETS},
            "TBT ms": round(audits["total-blocking-time"]["numericValue"]),
            "LCP s": round(audits["largest-contentful-paint"]["numericValue"] / 1000, 2)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one)")
    parser.add_argument("--runs", type=int, default=3, help="runs per page (median)")
    parser.add_argument("pages", nargs="*", default=PAGES, help="paths below the root")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit(f"no Lighthouse: run `npm ci --prefix {TOOL.relative_to(ROOT)}` first "
                 "(make lighthouse does)")
    if not Path(CHROME).exists():
        sys.exit(f"no Chromium at {CHROME}: apt-get install -y chromium, or set CHROME_PATH")
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or Path(tmp) / "site"
        if not args.site:
            _build(site)
        handler = functools.partial(_Gzipped, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        try:
            rows = []
            for page in args.pages:
                runs = [_audit(base + page) for _ in range(args.runs)]
                rows.append((page or "(home)", {k: statistics.median(r[k] for r in runs)
                                                for k in runs[0]}))
        finally:
            server.shutdown()
    columns = list(rows[0][1])
    print(f"Lighthouse {_version()}, mobile, median of {args.runs} run(s) per page, "
          f"Chromium at {CHROME}; {_cpus()}")
    print("| page | " + " | ".join(columns) + " |")
    print("| --- |" + " ---: |" * len(columns))
    for page, scores in rows:
        print(f"| {page} | " + " | ".join(f"{scores[c]:g}" for c in columns) + " |")
    below = [f"{page}: {key} {scores[key]:g} < {target}" for page, scores in rows
             for key, target in TARGETS.items() if scores[key] < target]
    print("targets: " + ", ".join(f"{k} >= {v}" for k, v in TARGETS.items()) + "; "
          + ("all met" if not below else "below: " + "; ".join(below)))
    return 0


def _cpus() -> str:
    """The cores this run could use: a process pinned to fewer than the machine has (as
    a sandbox may pin it) runs Chromium on those alone, and scores far lower."""
    usable, total = len(os.sched_getaffinity(0)), os.cpu_count()
    return (f"{usable} of the machine's {total} cores" if usable == total else
            f"only {usable} of the machine's {total} cores (pinned: scores are lower; "
            f"taskset -c 0-{total - 1} gives it all)")


def _version() -> str:
    package = TOOL / "node_modules/lighthouse/package.json"
    return json.loads(package.read_text())["version"]


if __name__ == "__main__":
    sys.exit(main())
