"""A hostile contributor's pull request (issue 21): each test protects one promise, that a
page shows what the code computed and that a snippet stays inside its own run.

The snippets run on the plain-Python runtime, so this module needs no framework.
"""

from __future__ import annotations

import math
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from helpers import pids_in, wait_dead
from test_containment import DAEMONS

from livecompare.project import FRAMEWORKS, Snippet
from livecompare.runner import sandbox
from livecompare.runner.job import MAX_CAPTURE
from livecompare.runner.run import run_snippets
from livecompare.store.compare import agreement, agreement_line


def _sides(a: list[float], b: list[float]) -> dict:
    return {"PyTorch": {"x": {"shape": [len(a)], "data": a}},
            "TensorFlow": {"x": {"shape": [len(b)], "data": b}}}


@pytest.mark.parametrize("a, b", [
    ([1.0, math.nan], [1.0, 5.0]),  # Python's max() skips a NaN that does not come first
    ([math.nan, 1.0], [5.0, 1.0]),
    ([1.0, 2.0], [1.0, math.nan]),
    ([math.inf, 1.0], [-math.inf, 1.0]),
    ([math.inf, 1.0], [1e300, 1.0]),
])
def test_a_nan_or_an_infinity_against_a_number_never_agrees(a, b):
    result = agreement(["x"], 1e-5, _sides(a, b))
    assert not result.ok
    assert "flat index" in result.failures[0]


def test_the_same_infinities_and_nans_agree_and_the_line_says_so():
    result = agreement(["x"], 1e-5, _sides([math.inf, 1.0, math.nan], [math.inf, 1.0, math.nan]))
    assert result.ok and result.max_diff == 0.0 and not math.isnan(result.max_diff)
    assert "2 NaN or infinite values stand at the same places" in agreement_line(
        result.record())


def test_a_disagreement_names_the_index_that_differs_most():
    result = agreement(["x"], 1e-5, _sides([1.0, math.inf, 2.0], [1.0, math.inf, 7.0]))
    assert not result.ok and "at flat index 2" in result.failures[0]
    result = agreement(["x"], 1e-5, _sides([1.0, 9.0, math.nan], [1.0, 2.0, 3.0]))
    assert "nan against 3.0 at flat index 2" in result.failures[0]


# ------------------------------------------------ a snippet stays inside its own run

pytestmark = pytest.mark.usefixtures("plain_runtimes")  # conftest.py: no framework

NO_LANDLOCK = {"LIVECOMPARE_LANDLOCK": "off"}  # as on a kernel without Landlock


def _one(tiny, code: str, slug: str = "x", section: str = "demo"):
    path = tiny.write(f"snippets/{section}/{slug}_torch.py", code)
    snippet = Snippet(path, section, slug, FRAMEWORKS["torch"])
    return run_snippets([snippet])[snippet.key]


def _run(tiny, codes: dict[str, str]) -> dict:
    snippets = []
    for slug, code in codes.items():
        path = tiny.write(f"snippets/demo/{slug}_torch.py", code)
        snippets.append(Snippet(path, "demo", slug, FRAMEWORKS["torch"]))
    return run_snippets(snippets)


def _git_init(root: Path) -> None:
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    subprocess.run(["git", "-C", str(root), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@t",
                    "commit", "-qm", "start"], check=True)


WRITES = {
    "a page": "open('{root}/docs/pwned.md', 'w').write('# pwned')",
    "a git hook": "open('{root}/.git/hooks/pre-commit', 'w').write('#!/bin/sh\\necho pwned')",
    "another output": "open('{root}/snippets/demo/other_torch.out', 'w').write('false')",
}


@pytest.mark.parametrize("target", WRITES)
@pytest.mark.parametrize("landlock", ["on", "off"])
def test_a_snippet_that_writes_into_the_repository_fails_naming_itself(
        tiny, monkeypatch, target, landlock):
    if landlock == "on" and not sandbox.landlock_abi():
        pytest.skip("this kernel has no Landlock; the 'off' case tests the fallback")
    if landlock == "off":
        monkeypatch.setenv("LIVECOMPARE_LANDLOCK", "off")
    tiny.page("index.md", "# Home\n")
    tiny.write("snippets/demo/other_torch.out", "true\n")
    _git_init(tiny.root)
    before = {p: p.read_bytes() for p in tiny.root.rglob("*") if p.is_file()
              and ".git" not in p.relative_to(tiny.root).parts[:1]}
    code = WRITES[target].format(root=tiny.root) + "\nprint('done')\n"
    result = _one(tiny, code)
    assert not result.ok
    problem = str(result.problem(tiny.project))
    assert problem.startswith("snippets/demo/x_torch.py")
    if landlock == "on":  # the kernel refused the write itself, at the snippet's line
        assert "PermissionError" in problem and problem.startswith("snippets/demo/x_torch.py:1")
        after = {p: p.read_bytes() for p in before}
        assert after == before and not (tiny.root / "docs/pwned.md").exists()
        assert not (tiny.root / ".git/hooks/pre-commit").exists()
    else:  # the engine saw the change and names the file
        assert "files outside the snippet's folder changed while it ran" in problem
        changed = {"a page": "docs/pwned.md", "a git hook": ".git/hooks/pre-commit",
                   "another output": "snippets/demo/other_torch.out"}[target]
        assert changed in problem


def test_a_snippet_still_writes_into_its_own_folders(tiny):
    code = textwrap.dedent("""
        import os, pathlib, tempfile
        pathlib.Path("model.bin").write_bytes(b"0" * 1000)
        with tempfile.NamedTemporaryFile() as f:
            f.write(b"x")
        os.makedirs(os.path.expanduser("~/.keras"), exist_ok=True)
        pathlib.Path(os.path.expanduser("~/.keras/keras.json")).write_text("{}")
        print(sorted(os.listdir(".")))
    """)
    result = _one(tiny, code)
    assert result.ok, result.error
    assert result.stdout == "['model.bin']\n"


def test_home_the_temporary_folder_and_every_cache_are_the_snippets_own(tiny):
    code = textwrap.dedent("""
        import os, tempfile
        job = os.path.dirname(os.getcwd())
        names = ["HOME", "KERAS_HOME", "MPLCONFIGDIR", "XDG_CACHE_HOME", "XDG_CONFIG_HOME",
                 "TORCH_HOME", "TORCHINDUCTOR_CACHE_DIR", "TMPDIR"]
        outside = [n for n in names if not os.environ[n].startswith(job + os.sep)]
        print("outside:", outside, tempfile.gettempdir().startswith(job + os.sep))
    """)
    result = _one(tiny, code)
    assert result.ok, result.error
    assert result.stdout == "outside: [] True\n"


def test_keras_config_written_by_one_snippet_never_reaches_the_next(tiny):
    write = ("import os\nos.makedirs(os.path.expanduser('~/.keras'), exist_ok=True)\n"
             "open(os.path.expanduser('~/.keras/keras.json'), 'w').write('{\"floatx\": "
             "\"float16\"}')\nprint('wrote')\n")
    read = ("import os\np = os.path.expanduser('~/.keras/keras.json')\n"
            "print(os.path.exists(p))\n")
    results = _run(tiny, {"a": write, "b": read})
    assert results["demo/a_torch"].ok and results["demo/b_torch"].stdout == "False\n"


def test_tokens_and_credentials_never_reach_a_snippet(tiny, monkeypatch):
    secrets = {"GITHUB_TOKEN": "ghp_secret", "AWS_SECRET_ACCESS_KEY": "aws_secret",
               "ACTIONS_RUNTIME_TOKEN": "runtime_secret", "MY_API_KEY": "key_secret"}
    for name, value in secrets.items():
        monkeypatch.setenv(name, value)
    result = _one(tiny, "import os\nprint(sorted(os.environ.items()))\n")
    assert result.ok, result.error
    for name, value in secrets.items():
        assert name not in result.stdout and value not in result.stdout


def _supervisor_of(pid: int) -> int:
    with open(f"/proc/{pid}/stat") as f:
        return int(f.read().rsplit(")", 1)[1].split()[1])


KILL_SUPERVISOR = """
import ctypes, os, time
worker = os.getppid()
with open(f"/proc/{{worker}}/stat") as f:
    supervisor = int(f.read().rsplit(")", 1)[1].split()[1])
if os.fork() == 0:  # a daemon, so no audit hook of the parent's is in the way
    os.setsid()
    libc = ctypes.CDLL(None, use_errno=True)
    said = [libc.kill(supervisor, {signal}), libc.kill(worker, {signal})]
    with open({record!r}, "w") as f:
        f.write(f"{{supervisor}} {{worker}} {{said[0]}} {{said[1]}}\\n")
    os._exit(0)
while not os.path.exists({record!r}):
    time.sleep(0.01)
time.sleep(0.2)
print("still here")
"""


def test_a_snippet_cannot_signal_its_supervisor_or_worker_even_through_ctypes(
        tiny, record_dir):
    if sandbox.landlock_abi() < 6:
        pytest.skip("this kernel's Landlock cannot scope signals (Linux 6.12 can)")
    record = record_dir / "said"
    results = _run(tiny, {"a": KILL_SUPERVISOR.format(signal=9, record=str(record)),
                          "b": "print('next')\n"})
    supervisor, worker, *said = map(int, record.read_text().split())
    assert said == [-1, -1], "the kernel let the snippet's kill through"
    assert results["demo/a_torch"].stdout == "still here\n"
    assert results["demo/b_torch"].ok and results["demo/b_torch"].stdout == "next\n"


def test_a_dead_workers_message_says_how_it_died_and_blames_memory_only_for_sigkill(
        tiny, monkeypatch):
    monkeypatch.setenv("LIVECOMPARE_LANDLOCK", "off")  # so the snippet can reach it
    code = ("import ctypes, os, time\nprint('before')\ntime.sleep(0.5)\n"
            "ctypes.CDLL(None).kill(os.getppid(), 15)\ntime.sleep(30)\n")
    result = _one(tiny, code)
    problem = str(result.problem(tiny.project))
    assert "ended from signal SIGTERM" in problem and "memory" not in problem
    assert "| before" in problem  # what the worker had read of its output is kept


def test_a_snippet_cannot_prepare_the_next_jobs_folder(tiny, monkeypatch):
    monkeypatch.setenv("LIVECOMPARE_LANDLOCK", "off")
    code = textwrap.dedent("""
        import os
        scratch = os.path.dirname(os.path.dirname(os.getcwd()))
        for n in range(2, 5):  # every name the engine used to give the next folders
            os.makedirs(os.path.join(scratch, f"job-{n}", "capture"), exist_ok=True)
        print("prepared")
    """)
    results = _run(tiny, {"a": code, "b": "print('next')\n", "c": "print('and next')\n"})
    assert results["demo/a_torch"].ok
    assert results["demo/b_torch"].stdout == "next\n", results["demo/b_torch"].error
    assert results["demo/c_torch"].stdout == "and next\n"


def test_a_flood_of_output_is_refused_without_filling_the_disk(tiny, record_dir):
    record = record_dir / "size"
    code = textwrap.dedent(f"""
        import os, sys
        chunk = "x" * (1 << 20)
        for _ in range(64):
            sys.stdout.write(chunk)
        sys.stdout.flush()
        import time; time.sleep(0.3)
        size = os.path.getsize(os.path.join(os.getcwd(), "..", "capture", "stdout"))
        open({str(record)!r}, "w").write(str(size))
    """)
    result = _one(tiny, code)
    assert not result.ok and f"printed {64 << 20} bytes" in result.error
    assert int(record.read_text()) <= MAX_CAPTURE + 1


DRIVER = """
import dataclasses, sys
from livecompare.project import FRAMEWORKS
for key, fw in list(FRAMEWORKS.items()):
    FRAMEWORKS[key] = dataclasses.replace(fw, runtime="none")
from livecompare.commands.cli import main
sys.exit(main(["--root", {root!r}, "outputs", "s/one_torch"]))
"""


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGQUIT, signal.SIGTERM,
                                    signal.SIGKILL])
def test_nothing_outlives_a_run_whatever_signal_ends_it(tiny, record_dir, private_tmp,
                                                        signum):
    record = record_dir / "pids"
    tiny.pair("s/one", DAEMONS.format(record=str(record), rest="time.sleep(300)"),
              "print(1)\n")
    run = subprocess.Popen([sys.executable, "-c", DRIVER.format(root=str(tiny.root))],
                           start_new_session=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    pids = pids_in(record) + pids_in(Path(f"{record}.daemon"))
    os.killpg(run.pid, signum)  # a closed terminal, a quit key, kill, kill -9 on the group
    run.wait(timeout=120)  # a safety net, not a speed: one core may be busy
    assert wait_dead(pids) == [], f"the snippet or what it started outlived {signum!r}"
    deadline = time.monotonic() + 10
    while list(private_tmp.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not list(private_tmp.iterdir()), "the run left temporary folders behind"


@pytest.mark.parametrize("how", ["children", "shared"])
def test_the_memory_limit_counts_every_process_and_shared_mappings(tiny, how):
    grab = {
        # three processes, each under the per-process limit, together over it
        "children": """
            import os, time, numpy
            for _ in range(3):
                if os.fork() == 0:
                    data = numpy.ones(400 * 1024 ** 2 // 8)
                    time.sleep(30)
                    os._exit(0)
            time.sleep(30)
        """,
        # a shared mapping, which RLIMIT_DATA does not count
        "shared": """
            import mmap, time
            m = mmap.mmap(-1, 1200 * 1024 ** 2, flags=mmap.MAP_SHARED)
            for i in range(0, len(m), 4096):
                m[i] = 1
            time.sleep(30)
        """,
    }[how]
    result = _one(tiny, "# compare-options: memory=0.5\n" + textwrap.dedent(grab))
    assert not result.ok and not result.timed_out
    assert "GB more memory than when it started, over its limit of 0.5 GB" in result.error
