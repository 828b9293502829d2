"""What a snippet may touch: its own folders, its own environment, nobody else's processes.

A snippet is untrusted code from a pull request. Before it runs, its process (and so all
it starts) is confined with Landlock, a Linux security module that needs no root: it may
create, change or delete files only below its own folders and /dev, and (Landlock ABI 6,
Linux 6.12) may signal only the processes it started. Where the kernel offers less, the
engine's check of the repository after each run (run.py) still names a snippet that
changed a file, and an audit hook still refuses `os.kill` of the worker (processes.py).

Its environment is an allow-list (ENVIRONMENT): no tokens or cloud credentials reach it,
and HOME, the temporary folder and every cache a framework keeps point into its folder.
"""

from __future__ import annotations

import ctypes
import functools
import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .cpu_families import SWITCHES

# Variables a snippet sees from the caller; the runner adds its own settings.
ENVIRONMENT = {
    "PATH", "LANG", "LANGUAGE", "TZ", "PYTHONPATH", "VIRTUAL_ENV", "LD_LIBRARY_PATH",
    "CC", "CXX", "NODE_PATH", "TMPDIR", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", *SWITCHES,
    "LIVECOMPARE_LANDLOCK",  # "off": no Landlock (the tests of the fallback; a broken kernel)
}
ENVIRONMENT_PREFIXES = ("LC_",)

# Linux's Landlock ABI (include/uapi/linux/landlock.h); the same numbers on every arch.
_CREATE_RULESET, _ADD_RULE, _RESTRICT_SELF = 444, 445, 446
_CREATE_RULESET_VERSION = 1
_RULE_PATH_BENEATH = 1
_PR_SET_NO_NEW_PRIVS = 38
_WRITE = {  # access right -> the first ABI that knows it
    1 << 1: 1,  # WRITE_FILE
    1 << 4: 1,  # REMOVE_DIR
    1 << 5: 1,  # REMOVE_FILE
    1 << 6: 1,  # MAKE_CHAR
    1 << 7: 1,  # MAKE_DIR
    1 << 8: 1,  # MAKE_REG
    1 << 9: 1,  # MAKE_SOCK
    1 << 10: 1,  # MAKE_FIFO
    1 << 11: 1,  # MAKE_BLOCK
    1 << 12: 1,  # MAKE_SYM
    1 << 13: 2,  # REFER (link or rename across folders)
    1 << 14: 3,  # TRUNCATE
}
_SCOPE_SIGNAL = 1 << 1  # ABI 6


class _RulesetAttr(ctypes.Structure):
    _fields_ = [("handled_access_fs", ctypes.c_uint64), ("handled_access_net", ctypes.c_uint64),
                ("scoped", ctypes.c_uint64)]


class _PathBeneathAttr(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


@functools.cache
def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


def landlock_abi() -> int:
    """The kernel's Landlock ABI version; 0 where Landlock is missing or turned off
    (LIVECOMPARE_LANDLOCK=off)."""
    if os.environ.get("LIVECOMPARE_LANDLOCK") == "off":
        return 0
    abi = _libc().syscall(_CREATE_RULESET, None, ctypes.c_size_t(0),
                          ctypes.c_uint32(_CREATE_RULESET_VERSION))
    return max(abi, 0)


@dataclass(frozen=True)
class Confinement:
    files: bool  # writes outside the allowed folders fail (EACCES)
    signals: bool  # signals to processes outside the snippet's own fail (EPERM)

    def describe(self) -> str:
        said = [what for what, on in (("files", self.files), ("signals", self.signals)) if on]
        return "Landlock confines " + " and ".join(said) if said else "no Landlock"


def confine(writable: list[str]) -> Confinement:
    """Confine this process and all it will start, irreversibly: files may be written only
    below `writable`, signals sent only within. Does what the kernel's ABI allows."""
    abi = landlock_abi()
    if abi < 1:
        return Confinement(False, False)
    libc = _libc()
    handled = sum(right for right, since in _WRITE.items() if since <= abi)
    attr = _RulesetAttr(handled, 0, _SCOPE_SIGNAL if abi >= 6 else 0)
    size = ctypes.sizeof(_RulesetAttr) if abi >= 6 else 8  # older ABIs know one field
    ruleset = libc.syscall(_CREATE_RULESET, ctypes.byref(attr), ctypes.c_size_t(size),
                           ctypes.c_uint32(0))
    if ruleset < 0:
        raise _error("landlock_create_ruleset")
    try:
        for folder in writable:
            fd = os.open(folder, os.O_PATH | os.O_DIRECTORY | os.O_CLOEXEC)
            try:
                rule = _PathBeneathAttr(handled, fd)
                if libc.syscall(_ADD_RULE, ruleset, _RULE_PATH_BENEATH, ctypes.byref(rule),
                                ctypes.c_uint32(0)) != 0:
                    raise _error(f"landlock_add_rule({folder})")
            finally:
                os.close(fd)
        if libc.prctl(_PR_SET_NO_NEW_PRIVS, ctypes.c_ulong(1), ctypes.c_ulong(0),
                      ctypes.c_ulong(0), ctypes.c_ulong(0)) != 0:
            raise _error("prctl(PR_SET_NO_NEW_PRIVS)")
        if libc.syscall(_RESTRICT_SELF, ruleset, ctypes.c_uint32(0)) != 0:
            raise _error("landlock_restrict_self")
    finally:
        os.close(ruleset)
    return Confinement(True, abi >= 6)


def _error(call: str) -> OSError:
    error = ctypes.get_errno()
    return OSError(error, f"{call}: {os.strerror(error)}")


def allowed_environment(environ: dict[str, str]) -> dict[str, str]:
    """The variables of `environ` a snippet may see: no tokens, no credentials."""
    return {key: value for key, value in environ.items()
            if key in ENVIRONMENT or key.startswith(ENVIRONMENT_PREFIXES)}


def home_variables(home: str) -> dict[str, str]:
    """HOME and every cache or config folder the frameworks and their tools use, below
    `home`: Keras' keras.json, Matplotlib's matplotlibrc, torch.compile's kernels."""
    return {
        "HOME": home,
        "KERAS_HOME": os.path.join(home, ".keras"),
        "MPLCONFIGDIR": os.path.join(home, ".config", "matplotlib"),
        "XDG_CACHE_HOME": os.path.join(home, ".cache"),
        "XDG_CONFIG_HOME": os.path.join(home, ".config"),
        "TORCH_HOME": os.path.join(home, ".cache", "torch"),
        "TORCHINDUCTOR_CACHE_DIR": os.path.join(home, ".cache", "torchinductor"),
        "TRITON_CACHE_DIR": os.path.join(home, ".cache", "triton"),
    }


def enter(folder: str) -> tuple[str, str, Confinement]:
    """In the snippet's forked process, before it runs: make `folder`/work (its working
    folder), home and tmp, point HOME, the caches and the temporary folder there, and
    confine the process to them. Returns (work, home, what the kernel confines)."""
    work, home, tmp = (os.path.join(folder, name) for name in ("work", "home", "tmp"))
    for path in (work, home, tmp):
        os.makedirs(path, exist_ok=True)
    os.environ.update(home_variables(home))
    os.environ.update({"TMPDIR": tmp, "TEMP": tmp, "TMP": tmp})
    tempfile.tempdir = tmp  # the worker may have asked for it already, and it is cached
    return work, home, confine([work, home, tmp, "/dev"])


# ------------------------------------------------ the repository, checked after each run


def _git(root: Path, *args: str) -> str:
    try:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True,
                              text=True, check=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return ""


def _folders(root: Path) -> list[Path]:
    """The folders where a new file matters too: snippets/, docs/ and git's hooks."""
    folders = [root / "snippets", root / "docs"]
    common = _git(root, "rev-parse", "--git-common-dir").strip()
    if common:
        folders.append((root / common).resolve() / "hooks")
    return folders


def _below(folders: list[Path]) -> set[Path]:
    return {p for folder in folders for p in folder.rglob("*")
            if "__pycache__" not in p.parts and not p.is_dir()}


def project_files(root: Path) -> list[Path]:
    """What a snippet must never change: the files git tracks, git's config and hooks,
    and everything under snippets/ and docs/ (outputs not committed yet included)."""
    files = {root / name for name in _git(root, "ls-files", "-z").split("\0") if name}
    common = _git(root, "rev-parse", "--git-common-dir").strip()
    if common:
        files.add((root / common).resolve() / "config")
    return sorted(files | _below(_folders(root)))


def _state(path: Path) -> tuple | None:
    try:
        stat = path.lstat()  # ctime: a write or a utime() changes it, and nothing sets it
    except OSError:
        return None
    return stat.st_ctime_ns, stat.st_mtime_ns, stat.st_size, stat.st_ino


class Watch:
    """The state of a project's files; `changed()` names what differs since, and a file
    that appeared under snippets/ or docs/ too."""

    def __init__(self, root: Path):
        self.root, self.folders = root, _folders(root)
        self.states = {path: _state(path) for path in project_files(root)}

    def changed(self) -> list[str]:
        now = {path: _state(path) for path in set(self.states) | _below(self.folders)}
        changed = [p for p, state in now.items() if state != self.states.get(p)]
        return [str(p.relative_to(self.root)) if p.is_relative_to(self.root) else str(p)
                for p in sorted(changed)]

    def accept(self) -> None:
        """Take the files as they are now: the engine itself writes approved outputs."""
        self.__init__(self.root)
