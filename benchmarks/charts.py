"""SVG charts drawn from benchmarks/results/cpu.json: plain SVG, no plotting library.

    .venv/bin/python benchmarks/charts.py [RESULTS_JSON] [CHART_DIR]

Each chart is a set of horizontal bar pairs, PyTorch above TensorFlow, with the median as
the bar, the spread (min to max of the repetitions) as a thin line, and the value printed.
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
    # file name: (title, unit, [(case key, row label)])
    "matmul.svg": ("Matrix multiply, float32 (time per call)", "ms",
                   [("matmul_128", "128 x 128"), ("matmul_512", "512 x 512"),
                    ("matmul_1024", "1024 x 1024"), ("matmul_2048", "2048 x 2048")]),
    "models.svg": ("Model work (time per call)", "ms",
                   [("conv2d_forward", "conv2d forward, 16x32x64x64"),
                    ("mlp_train_step", "MLP training step, batch 128"),
                    ("cnn_inference_b1", "small CNN inference, batch 1"),
                    ("cnn_inference_b64", "small CNN inference, batch 64")]),
    "compiled.svg": ("Eager against compiled: MLP forward, batch 256", "ms",
                     [("mlp_forward_eager", "eager"), ("mlp_forward_compiled", "compiled")]),
}


def _bars(title: str, unit: str, rows: list[tuple[str, dict[str, dict]]]) -> str:
    """rows: (label, {framework: {"median": x, "min": a, "max": b}})."""
    width, left, right, top, row_h, bar_h = 760, 250, 110, 56, 52, 16
    height = top + row_h * len(rows) + 30
    peak = max(v["max"] for _, values in rows for v in values.values()) or 1.0
    scale = (width - left - right) / peak
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
           f'role="img" font-family="system-ui, sans-serif" font-size="13">',
           f"<title>{html.escape(title)}</title>",
           f"<desc>{html.escape(title)}, in {unit}: shorter is faster. Median of the "
           "repetitions; the thin line spans the fastest to the slowest.</desc>",
           f'<rect width="{width}" height="{height}" rx="6" fill="#ffffff"/>',
           f'<text x="16" y="24" font-size="15" font-weight="bold" fill="#111">'
           f"{html.escape(title)}</text>"]
    x_legend = 16
    for key, label in LABELS.items():
        out.append(f'<rect x="{x_legend}" y="34" width="12" height="12" fill="{COLOURS[key]}"/>')
        out.append(f'<text x="{x_legend + 17}" y="45" fill="#111">{label}</text>')
        x_legend += 110
    out.append(f'<text x="{width - 16}" y="45" text-anchor="end" fill="#444">'
               f"{unit}, shorter is faster</text>")
    for i, (label, values) in enumerate(rows):
        y = top + i * row_h
        out.append(f'<text x="{left - 10}" y="{y + bar_h + 6}" text-anchor="end" '
                   f'fill="#111">{html.escape(label)}</text>')
        for j, (key, v) in enumerate(values.items()):
            by = y + j * (bar_h + 2)
            w = max(1.0, v["median"] * scale)
            out.append(f'<rect x="{left}" y="{by}" width="{w:.1f}" height="{bar_h}" '
                       f'fill="{COLOURS[key]}"><title>{LABELS[key]}: {v["median"]:.3g} '
                       f"{unit}</title></rect>")
            lo, hi, mid = left + v["min"] * scale, left + v["max"] * scale, by + bar_h / 2
            out.append(f'<line x1="{lo:.1f}" y1="{mid}" x2="{hi:.1f}" y2="{mid}" '
                       'stroke="#111" stroke-width="1.5"/>')
            out.append(f'<text x="{max(w, hi - left) + left + 6:.1f}" y="{by + bar_h - 3}" '
                       f'fill="#111">{v["median"]:.3g}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _case(results: dict, framework: str, case: str, factor: float) -> dict:
    c = results["frameworks"][framework]["cases"][case]
    return {"median": c["median_s"] * factor, "min": c["min_s"] * factor,
            "max": c["max_s"] * factor}


def draw_all(results: dict, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (title, unit, cases) in CHARTS.items():
        available = results["frameworks"]["torch"]["cases"]
        rows = [(label, {fw: _case(results, fw, case, 1e3) for fw in LABELS})
                for case, label in cases if case in available]
        if not rows:  # a smoke run measures other sizes
            rows = [(case, {fw: _case(results, fw, case, 1e3) for fw in LABELS})
                    for case in available if case.startswith(cases[0][0].split("_")[0])]
        written.append(_write(folder / name, _bars(title, unit, rows)))
    fixed = [("import", "import time", "import_s", 1.0, "s"),
             ("compile", "first call, compiling included", "compile_first_call_s", 1.0, "s"),
             ("memory", "resident memory after the suite", "rss_end_mb", 1.0, "MB")]
    for stem, label, key, factor, unit in fixed:
        values = {fw: results["frameworks"][fw][key] * factor for fw in LABELS}
        rows = [(label, {fw: {"median": v, "min": v, "max": v} for fw, v in values.items()})]
        title = {"import": "Importing the framework", "compile": "Compiling: the first call",
                 "memory": "Memory"}[stem]
        written.append(_write(folder / f"{stem}.svg", _bars(title, unit, rows)))
    return written


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


if __name__ == "__main__":
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "benchmarks/results/cpu.json"
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "docs/assets/bench"
    for path in draw_all(json.loads(source.read_text()), target):
        print(path)
