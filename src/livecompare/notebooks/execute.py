"""Page notebooks run again, top to bottom in one kernel (`make test`): each cell must print
what the page shows."""

from __future__ import annotations

from pathlib import Path

import nbformat

from ..options import parse_options
from ..problems import Problem
from ..project import Project
from ..store.compare import compare, explain

# Examples whose output in a notebook cannot match the page's, and why. The test that runs
# the notebooks checks that these still run, and still differ.
NOTEBOOK_DIFFERS = {
    "debugging/breakpoint": "pdb names the notebook cell instead of the snippet file, and "
                            "IPython colours its lines",
}


def printed(cell) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", [])
                   if o.output_type == "stream" and o.name == "stdout")


def rerun_problems(project: Project, path: Path, fresh: nbformat.NotebookNode
                   ) -> tuple[list[Problem], set[str]]:
    """Cells of a page notebook, run again in one kernel from top to bottom, that failed
    or printed something other than the approved output the committed notebook shows;
    and the examples that printed something else."""
    committed = {cell.id: cell for cell in nbformat.read(path, as_version=4).cells}
    where = project.relative(path)
    problems, differed = [], set()
    for cell in fresh.cells:
        origin = cell.metadata.get("livecompare", {})
        example = origin.get("example", "")
        errors = [o for o in cell.get("outputs", []) if o.output_type == "error"]
        if errors:
            problems.append(Problem(where, "LC609", f"a cell failed: {errors[0].ename}: "
                                    f"{errors[0].evalue}", example=example or "setup cell",
                                    details="\n".join(errors[0].traceback)))
            continue
        if not origin:
            continue
        snippet = project.root / origin["snippet"]
        approved, again = printed(committed[cell.id]), printed(cell)
        mismatches = compare(approved, again, parse_options(snippet, snippet.read_text()))
        if mismatches:
            differed.add(example)
            if example not in NOTEBOOK_DIFFERS:
                problems.append(Problem(
                    where, "LC609", "run in the notebook, the cell prints something other than the "
                    "page shows", example=example,
                    details=explain(approved, again, mismatches, origin["snippet"]),
                    fix="an earlier cell may leave state behind (a global setting, a file); "
                        "make the snippet independent of it, or list the example in "
                        "NOTEBOOK_DIFFERS in src/livecompare/notebooks/execute.py with the reason"))
    return problems, differed
