"""Draw the dated timeline of PyTorch and TensorFlow as a hand-made SVG.

    python scripts/timeline.py           write docs/assets/timeline.svg and, for phones,
                                         docs/assets/timeline-phone.svg
    python scripts/timeline.py --check   exit 1 if a committed SVG, or the table of
                                         events on docs/origins.md, is out of date
    python scripts/timeline.py --table   print the Markdown table of the events

The events below are the only source of truth: each has a date (ISO 8601, to the day or,
where no source gives the day, to the month), the project, a short label and a source.
Standard library only, so that it runs without the frameworks installed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import textwrap
from html import escape
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
SVG_PATH = ROOT / "docs" / "assets" / "timeline.svg"
PHONE_SVG_PATH = ROOT / "docs" / "assets" / "timeline-phone.svg"
PAGE_PATH = ROOT / "docs" / "origins.md"

# (ISO date, project, label, source); the project is PyTorch, TensorFlow, Keras or both.
EVENTS: list[tuple[str, str, str, str]] = [
    ("2015-11-09", "TensorFlow", "Google open-sources TensorFlow",
     "https://research.googleblog.com/2015/11/"
     "tensorflow-googles-latest-machine_9.html"),
    ("2017-01-19", "PyTorch", "PyTorch's first public release (0.1)",
     "https://pytorch.org/blog/a-year-in/"),
    ("2017-02-11", "TensorFlow", "TensorFlow 1.0: graphs run in Sessions",
     "https://github.com/tensorflow/tensorflow/releases/tag/v1.0.0"),
    ("2018-12-07", "PyTorch", "PyTorch 1.0: TorchScript, C++ frontend",
     "https://github.com/pytorch/pytorch/releases/tag/v1.0.0"),
    ("2019-09-30", "TensorFlow", "TensorFlow 2.0: eager by default",
     "https://blog.tensorflow.org/2019/09/tensorflow-20-is-now-available.html"),
    ("2022-09-12", "PyTorch", "PyTorch Foundation (Linux Foundation)",
     "https://pytorch.org/blog/PyTorchfoundation/"),
    ("2023-03-15", "PyTorch", "PyTorch 2.0: torch.compile",
     "https://pytorch.org/blog/pytorch-2.0-release/"),
    ("2023-11-27", "Keras", "Keras 3: runs on JAX, TensorFlow, PyTorch",
     "https://github.com/keras-team/keras/releases/tag/v3.0.0"),
    ("2024-03-07", "TensorFlow", "TensorFlow 2.16: tf.keras is Keras 3",
     "https://github.com/tensorflow/tensorflow/releases/tag/v2.16.1"),
    ("2024-09-04", "TensorFlow", "TensorFlow Lite renamed LiteRT",
     "https://developers.googleblog.com/en/tensorflow-lite-is-now-litert/"),
    ("2025-02-28", "PyTorch", "TorchServe: no more fixes",
     "https://github.com/pytorch/serve/commits/master/README.md"),
    ("2025-05-07", "PyTorch", "The foundation hosts vLLM, DeepSpeed",
     "https://pytorch.org/blog/press-release-pytorch-foundation-expands-welcomes-"
     "projects-vllm-deepspeed/"),
    ("2025-08-07", "PyTorch", "TorchServe archived",
     "https://github.com/pytorch/serve"),
    ("2025-10", "PyTorch", "ExecuTorch 1.0 replaces PyTorch Mobile",
     "https://github.com/pytorch/executorch/releases/tag/v1.0.0"),
    ("2025-12-01", "both", "Transformers v5 drops TensorFlow and JAX",
     "https://huggingface.co/blog/transformers-v5"),
    ("2026-01-21", "PyTorch", "PyTorch 2.10: TorchScript calls warn",
     "https://github.com/pytorch/pytorch/releases/tag/v2.10.0"),
    ("2026-03-06", "TensorFlow", "TensorFlow 2.21: TensorBoard dropped",
     "https://github.com/tensorflow/tensorflow/releases/tag/v2.21.0"),
    ("2026-03", "PyTorch", "torchaudio 2.11, its last feature release",
     "https://docs.pytorch.org/audio/2.11.0/installation.html"),
]

PROJECTS = {"PyTorch", "TensorFlow", "Keras", "both"}
# Marker colours; the text stays dark on the picture's own light background.
COLOURS = {"PyTorch": "#c2410c", "TensorFlow": "#1d4ed8", "Keras": "#0f766e",
           "both": "#6d28d9"}
INK, MUTED, PAPER, RULE, GRID = "#1f2328", "#57606a", "#ffffff", "#d0d7de", "#eaeef2"

WIDTH = 820
AXIS_X = WIDTH // 2
TOP = 92  # the y of the first year's tick
PER_YEAR = 80  # pixels for one year on the axis
GAP = 34  # from the axis to a label
LINE = 17  # line height of a label
WRAP = 52  # characters per label line, the date included
FONT = "Helvetica, Arial, sans-serif"


def parse_date(text: str) -> tuple[dt.date, bool]:
    """The date and whether it is exact to the day ("2023-11" stands for mid-month)."""
    if len(text) == 7:
        year, month = map(int, text.split("-"))
        return dt.date(year, month, 15), False
    return dt.date.fromisoformat(text), True


def problems() -> list[str]:
    """What is wrong with the data, if anything."""
    found = []
    previous = None
    for date, project, label, url in EVENTS:
        try:
            when, _ = parse_date(date)
        except ValueError:
            found.append(f"{label!r}: {date!r} is not YYYY-MM-DD or YYYY-MM")
            continue
        if project not in PROJECTS:
            found.append(f"{label!r}: project {project!r} is not in {sorted(PROJECTS)}")
        if not url.startswith("https://"):
            found.append(f"{label!r}: the source {url!r} is not an https:// address")
        if previous and when < previous:
            found.append(f"{label!r}: the events are not in date order")
        previous = when
    return found


def _y(when: dt.date, first_year: int) -> float:
    start = dt.date(first_year, 1, 1)
    return TOP + (when - start).days / 365.25 * PER_YEAR


def _side(project: str) -> str:
    return "left" if project == "PyTorch" else "right"


def _marker(project: str, x: float, y: float) -> str:
    paint = f'fill="{COLOURS[project]}" stroke="{PAPER}" stroke-width="2"'
    if project == "Keras":  # a diamond sets Keras apart from TensorFlow on its side
        points = f"{x},{y - 7:.1f} {x + 7},{y:.1f} {x},{y + 7:.1f} {x - 7},{y:.1f}"
        return f'<polygon points="{points}" {paint}/>'
    if project == "both":
        return f'<rect x="{x - 6}" y="{y - 6:.1f}" width="12" height="12" {paint}/>'
    return f'<circle cx="{x}" cy="{y:.1f}" r="6" {paint}/>'


def _frame(name: str, width: int, height: int, radius: int, lead: str) -> list[str]:
    """Each picture's opening: the <svg> with its title and description (every event, for a
    screen reader), and its paper."""
    summary = "; ".join(f"{date}, {who}: {label}" for date, who, label, _ in EVENTS)
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{name}-title {name}-desc" '
        f'font-family="{FONT}" font-size="14" fill="{INK}">',
        f'<title id="{name}-title">PyTorch and TensorFlow, a dated timeline '
        f'{EVENTS[0][0][:4]} to {EVENTS[-1][0][:4]}</title>',
        f'<desc id="{name}-desc">{lead}{escape(summary)}.</desc>',
        f'<rect x="1" y="1" width="{width - 2}" height="{height - 2}" rx="{radius}" '
        f'fill="{PAPER}" stroke="{RULE}"/>',
    ]


def render() -> str:
    """The whole SVG, as text; the same data always gives the same bytes."""
    dates = [parse_date(d)[0] for d, *_ in EVENTS]
    first_year, last_year = dates[0].year, dates[-1].year + 1
    axis_end = _y(dt.date(last_year, 1, 1), first_year)

    body: list[str] = []
    bottom = {"left": 0.0, "right": 0.0}  # where the last label on each side ended
    for (date, project, label, _), when in zip(EVENTS, dates, strict=True):
        side = _side(project)
        y = _y(when, first_year)
        # The date opens the first line, so that a busy year still fits its labels.
        lines = textwrap.wrap(f"{date} {label}", WRAP)
        # Push a label down when it would overlap the one above it on the same side.
        top = max(y - LINE * 0.7, bottom[side] + 5)
        bottom[side] = top + LINE * len(lines)
        sign = -1 if side == "left" else 1
        text_x = AXIS_X + sign * GAP
        anchor = "end" if side == "left" else "start"
        first_baseline = top + LINE * 0.75
        body.append(f'<g class="event {project.lower()}">')
        mark_x = AXIS_X + sign * 8  # each project's markers on its own side of the axis
        body.append(f'<line x1="{mark_x + sign * 7}" y1="{y:.1f}" '
                    f'x2="{text_x - sign * 4}" y2="{first_baseline - 4:.1f}" '
                    f'stroke="{COLOURS[project]}" stroke-width="1.5"/>')
        body.append(_marker(project, mark_x, y))
        body.append(f'<text x="{text_x}" y="{first_baseline:.1f}" '
                    f'text-anchor="{anchor}">')
        for i, line in enumerate(lines):
            text = escape(line)
            if i == 0:  # the date in bold, in the project's colour (dark enough to read)
                text = (f'<tspan font-weight="bold" fill="{COLOURS[project]}">{date}</tspan>'
                        f"{escape(line[len(date):])}")
            body.append(f'<tspan x="{text_x}" dy="{0 if i == 0 else LINE}">{text}</tspan>')
        body.append("</text>")
        body.append("</g>")

    height = round(max(axis_end, *bottom.values()) + 36)
    ticks: list[str] = []  # a faint rule and the year at the left edge, each 1 January
    for year in range(first_year, last_year + 1):
        y = _y(dt.date(year, 1, 1), first_year)
        ticks.append(f'<line x1="16" y1="{y:.1f}" x2="{WIDTH - 16}" y2="{y:.1f}" '
                     f'stroke="{GRID}"/>')
        ticks.append(f'<text x="18" y="{y + 15:.1f}" font-size="12" '
                     f'fill="{MUTED}">{year}</text>')

    head = [
        *_frame("timeline", WIDTH, height, 16, "PyTorch events on the left; TensorFlow, "
                "Keras and events that concern both on the right. "),
        f'<text x="{AXIS_X - GAP}" y="44" text-anchor="end" font-size="18" '
        f'font-weight="bold" fill="{COLOURS["PyTorch"]}">PyTorch</text>',
        f'<text x="{AXIS_X + GAP}" y="44" font-size="18" font-weight="bold" '
        f'fill="{COLOURS["TensorFlow"]}">TensorFlow <tspan fill="{COLOURS["Keras"]}">'
        f'&#183; Keras</tspan> <tspan fill="{COLOURS["both"]}">&#183; both</tspan></text>',
        f'<line x1="{AXIS_X}" y1="{TOP - 24}" x2="{AXIS_X}" y2="{axis_end + 12:.1f}" '
        f'stroke="{RULE}" stroke-width="3"/>',
    ]
    return "\n".join(head + ticks + body + ["</svg>"]) + "\n"


# The phone's picture: one column, each event's date over its label, in the order of the
# table. Drawn 360 units wide, shown at the phone's width: its text stays about 14 px.
PHONE_WIDTH, PHONE_AXIS, PHONE_WRAP = 360, 24, 38


def render_phone() -> str:
    """The events as one column for a phone (the two-sided picture's labels would be
    about 5 px there); the same data always gives the same bytes."""
    body, y = [], 70.0
    for date, project, label, _ in EVENTS:
        lines = textwrap.wrap(label, PHONE_WRAP)
        body.append(f'<g class="event {project.lower()}">')
        body.append(_marker(project, PHONE_AXIS, y - 5))
        body.append(f'<text x="{PHONE_AXIS + 20}" y="{y:.1f}"><tspan font-weight="bold" '
                    f'fill="{COLOURS[project]}">{date}</tspan> '
                    f'<tspan fill="{MUTED}">{escape(project)}</tspan>')
        for line in lines:
            body.append(f'<tspan x="{PHONE_AXIS + 20}" dy="{LINE + 1}">{escape(line)}</tspan>')
        body.append("</text>")
        body.append("</g>")
        y += (LINE + 1) * (len(lines) + 1) + 12
    height = round(y)
    head = [
        *_frame("timeline-phone", PHONE_WIDTH, height, 12, ""),
        f'<line x1="{PHONE_AXIS}" y1="40" x2="{PHONE_AXIS}" y2="{height - 24}" '
        f'stroke="{RULE}" stroke-width="3"/>',
        f'<text x="{PHONE_AXIS + 20}" y="34" font-size="15" font-weight="bold">'
        f'<tspan fill="{COLOURS["PyTorch"]}">PyTorch</tspan> &#183; '
        f'<tspan fill="{COLOURS["TensorFlow"]}">TensorFlow</tspan> &#183; '
        f'<tspan fill="{COLOURS["Keras"]}">Keras</tspan> &#183; '
        f'<tspan fill="{COLOURS["both"]}">both</tspan></text>',
    ]
    return "\n".join(head + body + ["</svg>"]) + "\n"


def table() -> str:
    """The events as the Markdown table shown under the picture on docs/origins.md."""
    rows = ["| Date | Project | Event | Source |", "| --- | --- | --- | --- |"]
    for date, project, label, url in EVENTS:
        source = f"[{urlparse(url).netloc}]({url})"
        rows.append(f"| {date} | {project} | {label} | {source} |")
    return "\n".join(rows) + "\n"


def _indented(text: str) -> str:
    return textwrap.indent(text, "    ")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--check", action="store_true",
                      help="exit 1 if the SVG or the table on the page is out of date")
    what.add_argument("--table", action="store_true", help="print the Markdown table")
    args = parser.parse_args(argv)

    if errors := problems():
        print("timeline.py: the events are wrong:\n  " + "\n  ".join(errors),
              file=sys.stderr)
        return 1
    if args.table:
        print(table(), end="")
        return 0
    pictures = {SVG_PATH: render(), PHONE_SVG_PATH: render_phone()}
    if not args.check:
        for path, svg in pictures.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(svg, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)} ({len(EVENTS)} events)")
        return 0

    failed = []
    for path, svg in pictures.items():
        if not path.exists():
            failed.append(f"{path.relative_to(ROOT)} is missing.")
        elif path.read_text(encoding="utf-8") != svg:
            failed.append(f"{path.relative_to(ROOT)} differs from what the events in "
                          "scripts/timeline.py draw.")
    page = PAGE_PATH.read_text(encoding="utf-8") if PAGE_PATH.exists() else ""
    if _indented(table()) not in page:
        failed.append(f"The table of events on {PAGE_PATH.relative_to(ROOT)} does not "
                      "match the events (`python scripts/timeline.py --table` prints "
                      "it; on the page it is indented four spaces, in the ??? block).")
    if failed:
        print("timeline.py --check: " + " ".join(failed)
              + "\nRun `python scripts/timeline.py` and commit the result.",
              file=sys.stderr)
        return 1
    print("The timeline's pictures and its table are up to date.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
