"""What `make test` sets up on a fresh machine: the system packages it needs, and the CPU
kernel family it runs in (`make test KERNELS=other`)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from helpers import ROOT, make_dry_run

from livecompare.runner.cpu_families import (
    PROFILES,
    compile_cache,
    complement,
    environment,
    family_key,
    resolve,
)
from livecompare.runner.run import NODE_MODULES, worker_environment

SCRIPT = ROOT / "scripts/system-packages.sh"


def _fake_bin(tmp_path, uid: str, with_apt: bool):
    """A PATH with only bash, a fake `id` (the user) and perhaps a fake `apt-get` that
    records its calls, and no `dot`: Graphviz looks missing."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "bash").symlink_to("/bin/bash")
    (bin_dir / "id").write_text(f"#!/bin/bash\necho {uid}\n")
    if with_apt:
        (bin_dir / "apt-get").write_text(
            f'#!/bin/bash\necho "apt-get $*" >> {tmp_path}/apt.log\n')
    for tool in bin_dir.iterdir():
        if tool.name != "bash":
            tool.chmod(0o755)
    return {"PATH": str(bin_dir), "CHROMIUM": str(tmp_path / "no-chromium")}


def _packages(env, *names):
    return subprocess.run(["/bin/bash", str(SCRIPT), *names], capture_output=True,
                          text=True, env=env, timeout=30)


def test_without_root_a_missing_package_stops_the_run_with_the_command_to_type(tmp_path):
    result = _packages(_fake_bin(tmp_path, "1000", with_apt=True), "graphviz", "chromium")
    assert result.returncode == 1
    assert "missing system packages: graphviz chromium" in result.stderr
    assert "sudo apt-get install -y graphviz chromium" in result.stderr
    assert not (tmp_path / "apt.log").exists()  # nothing installed without being root


def test_as_root_with_apt_the_missing_packages_are_installed(tmp_path):
    result = _packages(_fake_bin(tmp_path, "0", with_apt=True), "graphviz", "chromium")
    assert result.returncode == 0, result.stderr
    calls = (tmp_path / "apt.log").read_text().splitlines()
    assert calls == ["apt-get update -qq", "apt-get install -y -qq graphviz chromium"]


def test_without_apt_the_message_says_what_is_missing(tmp_path):
    result = _packages(_fake_bin(tmp_path, "0", with_apt=False), "graphviz")
    assert result.returncode == 1
    assert "graphviz" in result.stderr and "package manager" in result.stderr


def test_present_packages_need_nothing(tmp_path):
    env = _fake_bin(tmp_path, "1000", with_apt=False)
    (tmp_path / "bin/dot").write_text("#!/bin/bash\n")
    (tmp_path / "bin/dot").chmod(0o755)
    (tmp_path / "no-chromium").write_text("#!/bin/bash\n")
    (tmp_path / "no-chromium").chmod(0o755)
    result = _packages(env, "graphviz", "chromium")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_a_missing_node_names_the_debian_packages_that_bring_it(tmp_path):
    result = _packages(_fake_bin(tmp_path, "1000", with_apt=True), "node")
    assert result.returncode == 1
    assert "sudo apt-get install -y nodejs npm" in result.stderr


# ------------------------------------------------------------------ the npm packages


def test_npm_packages_are_pinned_locked_and_installed_without_scripts():
    """The browser examples run npm packages in Node.js: each pinned to one version in
    package.json and the lock file, fetched from the npm registry only, and no install
    script may run (some download native binaries from elsewhere)."""
    wanted = json.loads((ROOT / "node/package.json").read_text())["dependencies"]
    locked = json.loads((ROOT / "node/package-lock.json").read_text())["packages"]
    for name, version in wanted.items():
        assert version[0].isdigit(), f"{name}: pin an exact version, not {version!r}"
        assert locked[f"node_modules/{name}"]["version"] == version, name
    for path, entry in locked.items():
        if path:
            assert entry["resolved"].startswith("https://registry.npmjs.org/"), path
    assert "ignore-scripts=true" in (ROOT / "node/.npmrc").read_text().splitlines()
    installs = [line for line in make_dry_run("test") if "npm ci" in line]
    assert any(line.startswith("cd node && npm ci") for line in installs), installs
    assert all("--ignore-scripts" in line for line in installs), installs


def test_snippets_find_the_npm_packages_through_node_path(monkeypatch):
    monkeypatch.delenv("NODE_PATH", raising=False)
    assert worker_environment()["NODE_PATH"] == str(ROOT / "node" / "node_modules")
    assert NODE_MODULES == ROOT / "node" / "node_modules"
    monkeypatch.setenv("NODE_PATH", "/elsewhere")  # a contributor's own choice stays
    assert worker_environment()["NODE_PATH"] == "/elsewhere"


# ------------------------------------------------------------------ kernel families


def test_other_is_avx2_on_an_avx512_cpu_and_baseline_elsewhere():
    assert resolve("other", {"avx2", "avx512f"}) == "avx2"
    assert resolve("other", {"avx2"}) == "baseline"
    assert resolve("native", {"avx2"}) == "native"
    with pytest.raises(ValueError, match="unknown kernel family 'avx3'"):
        resolve("avx3", set())


def test_a_family_overrides_what_the_environment_says():
    env = environment("avx2", {"ATEN_CPU_CAPABILITY": "avx512", "HOME": "/root"})
    assert env["ATEN_CPU_CAPABILITY"] == "avx2" and env["TF_ENABLE_ONEDNN_OPTS"] == "0"
    assert env["HOME"] == "/root"
    assert environment("native", {"HOME": "/root", "TF_ENABLE_ONEDNN_OPTS": "0"}) == {
        "HOME": "/root"}


def test_the_complement_of_a_run_is_the_family_it_did_not_try():
    assert complement({}) == "other"
    assert complement(environment("avx2", {})) == "native"
    assert complement(environment("baseline", {})) == "native"


def test_each_family_has_its_own_compile_cache_in_the_benchmarks():
    """torch.compile reused AVX-512 kernels under ATEN_CPU_CAPABILITY=avx2 and printed
    wrong numbers: the benchmarks keep one inductor cache per family (a snippet has its
    own, in its own folder: test_hostile.py)."""
    caches = {compile_cache(environment(name, {})) for name in PROFILES}
    assert len(caches) == len(PROFILES)
    assert family_key({}) == "native"


def test_an_unknown_family_is_refused_before_anything_runs():
    result = subprocess.run([sys.executable, "-m", "livecompare", "kernels", "avx3", "--",
                             "false"], capture_output=True, text=True)
    assert result.returncode == 2
    assert "unknown kernel family 'avx3'" in result.stderr and "KERNELS=avx3" in result.stderr


@pytest.mark.frameworks
@pytest.mark.parametrize("family, capability", [("avx2", "AVX2"), ("baseline", "DEFAULT")])
def test_the_switch_reaches_torch(family, capability):
    """The family is real: torch reports the kernels it was told to use."""
    result = subprocess.run(
        [sys.executable, "-m", "livecompare", "kernels", family, "--", sys.executable, "-c",
         "import torch; print(torch.backends.cpu.get_cpu_capability())"],
        capture_output=True, text=True, env={**os.environ, "PYTHONWARNINGS": "ignore"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == capability


def _wheel(folder, name: str, version: str):
    """A minimal wheel of an empty package, enough for pip to resolve and install."""
    import zipfile

    info = f"{name}-{version}.dist-info"
    with zipfile.ZipFile(folder / f"{name}-{version}-py3-none-any.whl", "w") as wheel:
        wheel.writestr(f"{info}/METADATA",
                       f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n")
        wheel.writestr(f"{info}/WHEEL", "Wheel-Version: 1.0\nGenerator: test\n"
                                        "Root-Is-Purelib: true\nTag: py3-none-any\n")
        wheel.writestr(f"{info}/RECORD", "")


def test_the_install_sets_a_machine_wide_pip_constraint_aside(tmp_path):
    """A machine whose pip configuration caps a package below the project's exact pin
    (as these machines cap torch at the releases on their disk) still installs the pin."""
    (tmp_path / "wheels").mkdir()
    _wheel(tmp_path / "wheels", "pinned_pkg", "2.0")
    (tmp_path / "caps.txt").write_text("pinned_pkg<=1.0\n")
    (tmp_path / "pip.conf").write_text(f"[global]\nconstraint = {tmp_path / 'caps.txt'}\n")
    command = (f"{sys.executable} -m pip install --dry-run --no-index --find-links "
               f"{tmp_path / 'wheels'} pinned_pkg==2.0")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "MAKE"))}
    env["PIP_CONFIG_FILE"] = str(tmp_path / "pip.conf")
    plain = subprocess.run(command.split(), env=env, capture_output=True, text=True)
    assert plain.returncode != 0, "the configuration's constraint applies without make"
    rule = f"pip-through-make:\n\t{command}\n"
    (tmp_path / "probe.mk").write_text(f"include {ROOT / 'Makefile'}\n{rule}")
    made = subprocess.run(["make", "-s", "-C", str(ROOT), "-f", str(tmp_path / "probe.mk"),
                           "pip-through-make"], env=env, capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    assert "Would install pinned_pkg-2.0" in made.stdout
