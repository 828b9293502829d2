"""SVG charts drawn from benchmarks/results/cpu.json: plain SVG, no plotting library.

    .venv/bin/python benchmarks/charts.py [RESULTS_JSON] [CHART_DIR]

Each chart is a set of horizontal bar pairs, PyTorch above TensorFlow, with the median as
the bar, the spread (min to max of the repetitions) as a thin line, and the value printed.
Each pair has its own scale, so that every bar shows however far apart the rows are.
"""

from __future__ import annotations

import html
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COLOURS = {"torch": "#c2410c", "tf": "#1d4ed8"}  # distinct, and AA-contrast on white
LABELS = {"torch": "PyTorch", "tf": "TensorFlow"}

CHARTS = {
    # file name: (title, unit, [(case key, row label)], whether the rows share one scale)
    "matmul.svg": ("Matrix multiply, float32 (throughput)", "GFLOP/s",
                   [("matmul_128", "128 x 128"), ("matmul_512", "512 x 512"),
                    ("matmul_1024", "1024 x 1024"), ("matmul_2048", "2048 x 2048")], False),
    "models.svg": ("Model work (time per call)", "ms",
                   [("conv2d_forward", "conv2d forward, 16x32x64x64"),
                    ("mlp_train_step", "MLP training step, batch 128"),
                    ("cnn_inference_b1", "small CNN inference, batch 1"),
                    ("cnn_inference_b64", "small CNN inference, batch 64")], False),
    # One scale: the chart is there to show how much compiling saves.
    "compiled.svg": ("Eager against compiled (MLP, batch 256)", "ms",
                     [("mlp_forward_eager", "eager"), ("mlp_forward_compiled", "compiled")],
                     True),
}


# Drawn narrow, 400 units across, with text of 13 units or more: on a 390 px phone the
# chart is about 358 px wide, so no label is smaller than 11 CSS px. It is shown at 480
# px at most on a wider screen.
WIDTH, SHOWN_WIDTH, FONT = 400, 480, 13


def _figure(value: float) -> str:
    """Three significant digits, trailing zeros kept: 5.00, 0.276, 26.6, 576; from 1,000
    up, the whole number (1,480), never an exponent a reader must decode."""
    return f"{value:,.0f}" if value >= 999.5 else f"{value:#.3g}".rstrip(".")


def _plain(value: float) -> str:
    """As `_figure`, without the trailing zeros: 5, 0.276, 1,480."""
    return f"{value:,.0f}" if value >= 999.5 else f"{value:.3g}"


def _bars(title: str, unit: str, rows: list[tuple[str, dict[str, dict]]],
          better: str = "shorter", shared: bool = False) -> str:
    """rows: (label, {framework: {"median": x, "min": a, "max": b}}).

    Each row is a pair of bars, PyTorch above TensorFlow, on a scale of its own (the
    longer bar of the pair spans the width), so that a 0.3 ms result beside a 27 ms one
    is still seen, unless the rows are `shared` one scale, where comparing rows is the
    point; the values are printed at the end of each bar."""
    left, right, top, label_h, bar_h, gap = 12, 72, 78, 20, 16, 16
    row_h = label_h + 2 * (bar_h + 3) + gap
    height = top + row_h * len(rows) + 4
    scaled = len(rows) > 1 and not shared
    overall = max(v["max"] for _, values in rows for v in values.values()) or 1.0
    spread = any(v["min"] != v["max"] for _, values in rows for v in values.values())
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
           f'width="{SHOWN_WIDTH}" height="{round(height * SHOWN_WIDTH / WIDTH)}" role="img" '
           f'font-family="system-ui, sans-serif" font-size="{FONT}">',
           f"<title>{html.escape(title)}</title>",
           f"<desc>{html.escape(title)}, in {unit}: {better} is better. Median of the "
           "repetitions" + ("; the thin line spans the fastest to the slowest." if spread
                            else ".")
           + (" Each row has its own scale." if scaled else "") + "</desc>",
           f'<rect width="{WIDTH}" height="{height}" rx="6" fill="#ffffff"/>',
           f'<text x="{left}" y="22" font-size="15" font-weight="bold" fill="#111">'
           f"{html.escape(title)}</text>"]
    x_legend = left
    for key, label in LABELS.items():
        out.append(f'<rect x="{x_legend}" y="33" width="12" height="12" fill="{COLOURS[key]}"/>')
        out.append(f'<text x="{x_legend + 17}" y="44" fill="#111">{label}</text>')
        x_legend += 100
    if spread:  # (a chart of one measurement per bar has no line to explain)
        out.append(f'<line x1="{x_legend}" y1="39" x2="{x_legend + 14}" y2="39" '
                   'stroke="#111" stroke-width="1.5"/>')
        out.append(f'<text x="{x_legend + 19}" y="44" fill="#111">fastest to slowest</text>')
    # "better", not "faster": a chart of memory is not a race
    note = f"{unit}, {better} is better" + ("; each row on its own scale" if scaled else "")
    out.append(f'<text x="{left}" y="64" fill="#444">{html.escape(note)}</text>')
    for i, (label, values) in enumerate(rows):
        y = top + i * row_h
        peak = overall if not scaled else max(v["max"] for v in values.values()) or 1.0
        scale = (WIDTH - left - right) / peak
        out.append(f'<text x="{left}" y="{y + 14}" fill="#111">{html.escape(label)}</text>')
        for j, (key, v) in enumerate(values.items()):
            by = y + label_h + j * (bar_h + 3)
            w = max(2.0, v["median"] * scale)
            out.append(f'<rect x="{left}" y="{by}" width="{w:.1f}" height="{bar_h}" '
                       f'fill="{COLOURS[key]}"><title>{LABELS[key]}: {_figure(v["median"])} '
                       f"{unit}</title></rect>")
            lo, hi, mid = left + v["min"] * scale, left + v["max"] * scale, by + bar_h / 2
            out.append(f'<line x1="{lo:.1f}" y1="{mid}" x2="{hi:.1f}" y2="{mid}" '
                       'stroke="#111" stroke-width="1.5"/>')
            out.append(f'<text x="{max(w, hi - left) + left + 5:.1f}" y="{by + bar_h - 3}" '
                       f'fill="#111">{_figure(v["median"])}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _case(results: dict, framework: str, case: str, factor: float) -> dict:
    c = results["frameworks"][framework]["cases"][case]
    if "flop" in c:  # throughput: the fastest repetition gives the highest figure
        return {"median": c["flop"] / c["median_s"] / 1e9, "min": c["flop"] / c["max_s"] / 1e9,
                "max": c["flop"] / c["min_s"] / 1e9}
    return {"median": c["median_s"] * factor, "min": c["min_s"] * factor,
            "max": c["max_s"] * factor}


def draw_all(results: dict, folder: Path, table_path: Path | None = None) -> list[Path]:
    """The SVG charts into `folder`, and the Markdown table (default: beside them)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (title, unit, cases, shared) in CHARTS.items():
        available = results["frameworks"]["torch"]["cases"]
        rows = [(label, {fw: _case(results, fw, case, 1e3) for fw in LABELS})
                for case, label in cases if case in available]
        if not rows:  # a smoke run measures other sizes
            rows = [(case, {fw: _case(results, fw, case, 1e3) for fw in LABELS})
                    for case in available if case.startswith(cases[0][0].split("_")[0])]
        better = "longer" if unit == "GFLOP/s" else "shorter"
        written.append(_write(folder / name, _bars(title, unit, rows, better, shared)))
    fixed = [("import", "import time", "import_s", 1.0, "s"),
             ("compile", "first call, compiling included", "compile_first_call_s", 1.0, "s"),
             ("memory", "resident memory after the suite", "rss_end_mb", 1.0, "MB")]
    for stem, label, key, factor, unit in fixed:
        values = {fw: results["frameworks"][fw][key] * factor for fw in LABELS}
        rows = [(label, {fw: {"median": v, "min": v, "max": v} for fw, v in values.items()})]
        title = {"import": "Importing the framework", "compile": "Compiling: the first call",
                 "memory": "Memory"}[stem]
        written.append(_write(folder / f"{stem}.svg", _bars(title, unit, rows)))
    written.append(_write(table_path or folder / "table.md", table(results)))
    return written


CASE_LABELS = {**{f"matmul_{n}": f"matmul {n} x {n}" for n in (128, 512, 1024, 2048)},
               **{case: label for case, label in CHARTS["models.svg"][2]},
               "mlp_forward_eager": "MLP forward, batch 256, eager",
               "mlp_forward_compiled": "MLP forward, batch 256, compiled"}


def _ms(case: dict) -> str:
    return (f"{_plain(case['median_s'] * 1e3)} ms ({_plain(case['min_s'] * 1e3)} to "
            f"{_plain(case['max_s'] * 1e3)})")


def _count(n: int, noun: str) -> str:
    """'1 thread', '2 threads': the table's intro reads as a sentence."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def table(results: dict) -> str:
    """The figures behind the charts as a Markdown table, for the Performance page."""
    torch, tf = (results["frameworks"][fw] for fw in ("torch", "tf"))
    machine = results["machine"]
    versions = ", ".join(f"{k} {v}" for suite in (torch, tf) for k, v in suite["versions"].items())
    # The command that measured them (results["command"]) is for maintainers: the
    # Performance page links to "How this site is verified", which gives it.
    intro = [f"Measured on {results['date']}: {machine['cpu']}, "
             f"{machine['cores']} cores, {_count(results['threads'], 'intra-op thread')} "
             f"and 1 inter-op thread per framework, Python {machine['python']}, {versions}. "
             f"Each figure is the median of "
             f"{torch['cases'][next(iter(torch['cases']))]['repeats']} repetitions "
             "after warm-up calls; min and max are the fastest and slowest repetition.", ""]
    lines = intro + ["| Work | PyTorch: median (min to max) | TensorFlow: median (min to max) "
             "| TensorFlow / PyTorch |", "| --- | ---: | ---: | ---: |"]
    for case, t in torch["cases"].items():
        f = tf["cases"][case]
        lines.append(f"| {CASE_LABELS.get(case, case)} | {_ms(t)} | {_ms(f)} "
                     f"| {f['median_s'] / t['median_s']:.2f} |")
    for key, label, unit, factor in (("import_s", "import", "s", 1.0),
                                     ("compile_first_call_s", "first compiled call", "s", 1.0),
                                     ("rss_after_import_mb", "memory after import", "MB", 1.0),
                                     ("rss_end_mb", "memory after the suite", "MB", 1.0)):
        a, b = torch[key] * factor, tf[key] * factor
        lines.append(f"| {label} | {_plain(a)} {unit} | {_plain(b)} {unit} | {b / a:.2f} |")
    return "\n".join(lines + [""] + _gemm_rates(results) + _load(results)) + "\n"


def _gemm_rates(results: dict) -> list[str]:
    """Each matrix multiply's rate as a share of the best rate measured in the same run, on
    the same machine: a share that cannot exceed 100%, unlike one of an estimated peak
    (which the turbo clock made this machine beat)."""
    suites = {label: results["frameworks"][fw] for fw, label in (("torch", "PyTorch"),
                                                                 ("tf", "TensorFlow"))}
    cases = [c for c in suites["PyTorch"]["cases"] if c.startswith("matmul_")]
    rate = {(label, case): suite["cases"][case]["flop"] / suite["cases"][case]["median_s"] / 1e9
            for label, suite in suites.items() for case in cases}
    best_label, best_case = max(rate, key=rate.get)
    best = rate[best_label, best_case]
    rows = [f"Matrix multiply rates on {_count(results['threads'], 'thread')}, each as a share "
            f"of the best rate measured in this run ({best_label}, "
            f"{CASE_LABELS.get(best_case, best_case)}: {best:.1f} GFLOP/s):", "",
            "| Work | PyTorch | TensorFlow |", "| --- | ---: | ---: |"]
    for case in cases:
        cells = [f"{rate[label, case]:.1f} GFLOP/s ({rate[label, case] / best:.0%})"
                 for label in suites]
        rows.append(f"| {CASE_LABELS.get(case, case)} | {' | '.join(cells)} |")
    return rows


def _load(results: dict) -> list[str]:
    """What else the machine was doing: its load average before and after the run."""
    machine = results["machine"]
    if "load_before" not in machine:
        return []
    return ["", f"The machine's load average (1 minute) was {machine['load_before']:.2f} before "
            f"the run and {machine['load_after']:.2f} after it, on {machine['cores']} cores: "
            "above about 1, other work shared the cores and the figures are slower and "
            "more spread than on an idle machine."]


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


if __name__ == "__main__":
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "benchmarks/results/cpu.json"
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "docs/assets/bench"
    for path in draw_all(json.loads(source.read_text()), target, source.with_name("table.md")):
        print(path)
