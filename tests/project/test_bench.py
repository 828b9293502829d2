"""The benchmark harness in its smoke mode: it runs, and what it writes is well formed.

No timing is asserted: the figures are for reading, on the Performance page.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from helpers import make_dry_run

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
    table = (ROOT / "benchmarks/results/table.md").read_text()
    assert f"{results['threads']} intra-op threads and 1 inter-op thread" in table, \
        "the intro reads as a sentence, not '2 thread(s)'"


def test_make_bench_site_reports_the_inner_loop_against_its_goals():
    """benchmarks/inner_loop.py, the part of `make bench-site` that times what a contributor
    waits for: each figure is a median with its goal and the load it was measured under
    (here only `make check`, once: the others start servers and frameworks)."""
    assert ".venv/bin/python benchmarks/inner_loop.py" in make_dry_run("bench-site")
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks/inner_loop.py"),
                             "--only", "check", "--repeat", "1"], cwd=ROOT, check=True,
                            capture_output=True, text=True)
    line = result.stdout.splitlines()[-1]
    assert line.startswith("make check") and "goal < 5 s" in line, result.stdout
    assert " s wall, " in line and " s CPU " in line and "load " in line


def _result(torch: str, tensorflow: str = "2.21.0", keras: str = "3.15.1") -> str:
    return json.dumps({"frameworks": {
        "torch": {"versions": {"torch": torch}, "cases": {}},
        "tf": {"versions": {"tensorflow": tensorflow, "keras": keras}, "cases": {}}}})


def test_a_figure_measured_with_other_versions_than_the_pins_is_refused(tiny, capsys):
    from livecompare.site.bench_pins import benchmark_problems

    tiny.write("requirements/frameworks.txt",
               "torch==2.15.0\ntensorflow-cpu==2.21.0\nkeras==3.15.1\n")
    tiny.write("benchmarks/results/cpu.json", _result("2.15.0+cpu"))
    assert benchmark_problems(tiny.project) == []  # a local label is the same release
    tiny.write("benchmarks/results/cpu.json", _result("2.14.1", keras="3.14.0"))
    [problem] = benchmark_problems(tiny.project)
    assert problem.path == "benchmarks/results/cpu.json"
    assert "torch 2.14.1 (pinned: 2.15.0)" in problem.message
    assert "keras 3.14.0 (pinned: 3.15.1)" in problem.message and "make bench" in problem.fix
    assert tiny.cli("check") == 1
    assert "benchmarks/results/cpu.json: LC801 its figures were measured with other versions" in (
        capsys.readouterr().err)
    tiny.write("benchmarks/results/cpu.json", json.dumps(
        {"frameworks": {"torch": {"cases": {}}}}))
    [problem] = benchmark_problems(tiny.project)
    assert problem.message == "its torch figures record no versions"


def test_the_figures_on_the_site_were_measured_with_the_pinned_versions(project):
    from livecompare.site.bench_pins import benchmark_problems

    problems = benchmark_problems(project)
    assert not problems, "\n".join(str(p) for p in problems)


def test_no_share_of_a_rate_exceeds_100_percent(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from charts import table

    results = json.loads((ROOT / "benchmarks/results/cpu.json").read_text())
    shares = [int(s) for s in re.findall(r"\((\d+)%\)", table(results))]
    assert shares and max(shares) == 100 and "estimated peak" not in table(results)


def test_eager_and_compiled_share_one_scale_and_the_model_rows_do_not():
    """The compiled chart shows what compiling saves: its bars are drawn on one scale, so
    a bar twice as long is twice as slow across rows too. The model chart's rows differ by
    a hundred times, so each has its own; the chart says which."""
    def bars(name: str) -> list[tuple[float, float]]:
        svg = ET.parse(ROOT / "docs/assets/bench" / name).getroot()
        return [(float(rect.get("width")), float(re.search(r": ([\d.,]+) ", rect.find(
                    "{http://www.w3.org/2000/svg}title").text)[1].replace(",", "")))
                for rect in svg.iter("{http://www.w3.org/2000/svg}rect")
                if rect.find("{http://www.w3.org/2000/svg}title") is not None]
    def spread(found: list[tuple[float, float]]) -> float:  # of the units per ms drawn
        per_unit = [width / value for width, value in found]
        return max(per_unit) / min(per_unit)
    compiled, models = bars("compiled.svg"), bars("models.svg")
    assert len(compiled) == 4 and spread(compiled) < 1.01, compiled  # values are rounded
    assert spread(models) > 2, models
    assert "each row on its own scale" in (ROOT / "docs/assets/bench/models.svg").read_text()
    assert "own scale" not in (ROOT / "docs/assets/bench/compiled.svg").read_text()


def test_a_chart_explains_only_what_it_draws():
    """The memory chart said "MB, shorter is faster", and charts of one measurement a bar
    explained a "fastest to slowest" line they do not draw."""
    memory = (ROOT / "docs/assets/bench/memory.svg").read_text()
    assert "shorter is better" in memory and "faster" not in memory
    for chart in (ROOT / "docs/assets/bench").glob("*.svg"):
        text = chart.read_text()
        # Each bar's thin line, from its fastest to its slowest run (not the legend's, at
        # the top): whether any of them spans anything.
        spread = any(a != b for a, y, b in re.findall(
            r'<line x1="([\d.]+)" y1="([\d.]+)" x2="([\d.]+)"', text) if float(y) > 60)
        assert ("fastest to slowest" in text) == spread, chart.name
