"""CPU kernel families: run the suite as a machine of the other x86-64 family would.

torch, oneDNN, MKL and TensorFlow each pick their kernels at run time from what the CPU
offers, so an output approved on a machine with AVX-512 may differ in its last digits
on an AVX2-only one (GitHub's runners are either). The frameworks' own switches force
another family on the same machine:

- `avx2`: what an AVX2-only CPU runs: torch's AVX2 kernels (`ATEN_CPU_CAPABILITY`),
  oneDNN and MKL capped at AVX2, and TensorFlow's oneDNN operations off, which is
  TensorFlow's default on such a CPU. Only a CPU with AVX-512 has something to force.
- `baseline`: the other way round, from an AVX2-only CPU: torch's kernels without
  vector instructions, and TensorFlow's oneDNN operations on, as on an AVX-512 CPU.
- `other`: `avx2` on a CPU with AVX-512, `baseline` on any other.

Not every library has a switch: ONNX Runtime (MLAS) and LiteRT (XNNPACK) always pick
their kernels from the CPU. `python -m livecompare kernels other -- CMD ...` runs CMD
in the family; without a command it prints the settings.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from pathlib import Path

PROFILES: dict[str, dict[str, str]] = {
    "native": {},
    "avx2": {
        "ATEN_CPU_CAPABILITY": "avx2",
        "DNNL_MAX_CPU_ISA": "AVX2",  # oneDNN in torch and in TensorFlow
        "ONEDNN_MAX_CPU_ISA": "AVX2",  # the same switch's newer name
        "MKL_ENABLE_INSTRUCTIONS": "AVX2",
        # TensorFlow's oneDNN kernels on a CPU whose cpuid says AVX-512 but whose oneDNN is
        # capped at AVX2 pick bfloat16 code that is not there and crash; an AVX2-only CPU
        # runs with them off anyway.
        "TF_ENABLE_ONEDNN_OPTS": "0",
    },
    "baseline": {
        "ATEN_CPU_CAPABILITY": "default",
        "TF_ENABLE_ONEDNN_OPTS": "1",
    },
}
ALIASES = ("other",)
SWITCHES = sorted({name for env in PROFILES.values() for name in env})


def cpu_flags(cpuinfo: Path = Path("/proc/cpuinfo")) -> set[str]:
    try:
        text = cpuinfo.read_text()
    except OSError:
        return set()
    for line in text.splitlines():
        if line.startswith("flags"):
            return set(line.split(":", 1)[1].split())
    return set()


def resolve(name: str, flags: set[str] | None = None) -> str:
    """The profile a name stands for on this CPU; ValueError for an unknown name."""
    if name == "other":
        return "avx2" if "avx512f" in (cpu_flags() if flags is None else flags) else "baseline"
    if name not in PROFILES:
        known = ", ".join([*PROFILES, *ALIASES])
        raise ValueError(f"unknown kernel family {name!r}; use one of: {known}")
    return name


def environment(name: str, base: dict[str, str] | None = None,
                flags: set[str] | None = None) -> dict[str, str]:
    """`base` (the current environment) with the family's switches set, and the others
    removed: the family decides, or the run would test something else."""
    env = {k: v for k, v in (os.environ if base is None else base).items()
           if k not in SWITCHES}
    env.update(PROFILES[resolve(name, flags)])
    return env


def complement(env: dict[str, str]) -> str:
    """The family a run in this environment has not tried: the other one from native, and
    native from a forced family."""
    return "other" if family_key(env) == "native" else "native"


def family_key(env: dict[str, str]) -> str:
    """A short name for the kernel settings in an environment: 'native', or the values of
    the switches that are set."""
    values = [f"{env[name]}" for name in SWITCHES if name in env]
    return "-".join(values).lower() or "native"


def compile_cache(env: dict[str, str]) -> str:
    """Where torch.compile keeps its kernels for a run in this environment (the benchmarks;
    a snippet has a cache of its own, sandbox.py). Its own cache
    keys them neither by ATEN_CPU_CAPABILITY (AVX-512 kernels reused under `avx2` gave
    wrong numbers) nor safely by torch build (a clone on another torch crashed with a
    double free): one cache per kernel family and per Python environment."""
    prefix = hashlib.sha256(sys.prefix.encode()).hexdigest()[:8]
    return os.path.join(tempfile.gettempdir(),
                        f"livecompare-inductor-{prefix}-{family_key(env)}")


def main(argv: list[str]) -> int:
    """`kernels NAME [-- CMD ...]`: run CMD in the family, or print its settings."""
    if not argv or argv[0].startswith("-"):
        print("usage: python -m livecompare kernels native|avx2|baseline|other [-- CMD ...]",
              file=sys.stderr)
        return 2
    name, rest = argv[0], argv[1:]
    try:
        profile = resolve(name)
    except ValueError as error:
        print(f"error: {error} (KERNELS={name} in make)", file=sys.stderr)
        return 2
    if rest and rest[0] == "--":
        rest = rest[1:]
    settings = " ".join(f"{k}={v}" for k, v in PROFILES[profile].items()) or "(none)"
    if not rest:
        print(f"{name} = {profile}: {settings}")
        return 0
    if profile != "native":
        print(f"kernel family {profile}: {settings}", file=sys.stderr)
    env = environment(profile)
    os.execvpe(rest[0], rest, env)  # replaces this process: signals reach CMD directly
    return 0  # not reached
