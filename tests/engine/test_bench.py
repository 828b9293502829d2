"""The benchmark harness in its smoke mode: it runs, and what it writes is well formed.

No timing is asserted: the figures are for reading, on the Performance page.
"""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CASES = {"conv2d_forward", "mlp_train_step", "cnn_inference_b1", "cnn_inference_b64",
         "mlp_forward_eager", "mlp_forward_compiled"}


@pytest.mark.frameworks
def test_the_harness_writes_results_and_charts(tmp_path):
    subprocess.run([sys.executable, str(ROOT / "benchmarks/frameworks.py"), "--smoke",
                    "--threads", "1", "--out", str(tmp_path), "--charts",
                    str(tmp_path / "charts")], check=True, capture_output=True, text=True)
    results = json.loads((tmp_path / "cpu.json").read_text())
    assert results["smoke"] is True and results["threads"] == 1
    assert results["machine"]["cores"] >= 1 and results["machine"]["cpu"]
    for framework in ("torch", "tf"):
        suite = results["frameworks"][framework]
        assert suite["threads"]["intra_op"] == 1
        assert CASES <= set(suite["cases"])
        assert any(case.startswith("matmul_") for case in suite["cases"])
        for case in suite["cases"].values():
            assert 0 < case["min_s"] <= case["median_s"] <= case["max_s"]
        assert suite["import_s"] > 0 and suite["rss_end_mb"] > 0
        assert suite["compile_first_call_s"] > 0
    assert "torch" in results["frameworks"]["torch"]["versions"]
    charts = sorted((tmp_path / "charts").glob("*.svg"))
    assert [c.name for c in charts] == ["compile.svg", "compiled.svg", "import.svg",
                                        "matmul.svg", "memory.svg", "models.svg"]
    table = (tmp_path / "table.md").read_text()
    assert "| Work |" in table and "GFLOP/s" in table and table.startswith("Measured on")
    for chart in charts:
        root = ET.parse(chart).getroot()
        assert root.tag.endswith("svg") and root.find("{*}title").text


def test_the_committed_charts_are_drawn_from_the_committed_results(tmp_path):
    """Nobody edits a chart by hand: redrawing from cpu.json gives the same files."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from charts import draw_all

    results = json.loads((ROOT / "benchmarks/results/cpu.json").read_text())
    assert results["smoke"] is False
    for path in draw_all(results, tmp_path):
        folder = "benchmarks/results" if path.suffix == ".md" else "docs/assets/bench"
        committed = ROOT / folder / path.name
        assert committed.read_text() == path.read_text(), f"{committed} is not from cpu.json"


def test_make_bench_site_reports_the_inner_loop_against_its_goals():
    """benchmarks/inner_loop.py, the part of `make bench-site` that times what a contributor
    waits for: each figure is a median with its goal and the load it was measured under
    (here only `make check`, once: the others start servers and frameworks)."""
    assert "benchmarks/inner_loop.py" in (ROOT / "Makefile").read_text().split(
        "bench-site:", 1)[1].split("\n\n", 1)[0]
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks/inner_loop.py"),
                             "--only", "check", "--repeat", "1"], cwd=ROOT, check=True,
                            capture_output=True, text=True)
    line = result.stdout.splitlines()[-1]
    assert line.startswith("make check") and "goal < 5 s" in line, result.stdout
    assert " s wall, " in line and " s CPU " in line and "load " in line
