"""Everything the engine knows about each framework, in one entry per framework.

An entry says how its snippets are named and labelled, what its worker imports once and
how it seeds it, how a notebook does the same, which packages those need, and the
template of a new snippet. FRAMEWORKS holds the site's two, PyTorch and TensorFlow; a
project may declare its own set in `livecompare.toml` (`project_frameworks`), each naming
a runtime of RUNTIMES. The engine treats the frameworks as a set: an example has one side
per framework, agreement compares every side with the first, and a page shows one linked
tab per framework (tests/commands/test_three_frameworks.py runs a project of three). The
site's own pages, CSS, Rosetta columns and decision scores are still written for two.
This module imports no framework itself: the worker calls `setup` and `seed`.
"""

from __future__ import annotations

import random
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Framework:
    key: str  # the file suffix: <slug>_<key>.py
    label: str  # the tab's title; linked tabs match on it
    runtime: str  # the worker that runs its snippets: a key of RUNTIMES
    template: str = ""  # a new snippet: `make new-example`; {title} is filled in
    notebook_setup: str = ""  # what the worker does before each snippet, for a notebook
    notebook_needs: tuple[str, ...] = ()  # the distributions notebook_setup imports
    # module -> the distribution that provides it, where the names differ or matter
    distributions: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Runtime:
    """What one worker imports once, before it forks a child per snippet."""

    modules: tuple[str, ...]  # whose versions the page shows, in that order
    setup: Callable[[], None]  # imports them and pins threads
    seed: Callable[[int], None]  # seeds what they hold, before each snippet
    # Whether the worker may import the framework once and fork a child per snippet (the
    # fast way, worker.py). A framework that starts threads it cannot survive a fork with
    # says False: its worker forks first, and each child imports it (job.py).
    fork_safe: bool = True


def _setup_nothing() -> None:
    pass  # the worker imports NumPy for every runtime


def _setup_torch() -> None:
    import torch
    import torch._dynamo  # noqa: F401 - an optimizer's first step imports it (~2 s):
    # paid once here, not again in every forked snippet

    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)


def _setup_tf() -> None:
    import keras  # noqa: F401
    import tensorflow as tf

    tf.config.threading.set_intra_op_parallelism_threads(1)
    tf.config.threading.set_inter_op_parallelism_threads(1)


def _seed_torch(seed: int) -> None:
    if "torch" in sys.modules:
        sys.modules["torch"].manual_seed(seed)


def _seed_tf(seed: int) -> None:
    if "keras" in sys.modules:  # Keras 3 needs its own call; it seeds TensorFlow too
        sys.modules["keras"].utils.set_random_seed(seed)
    elif "tensorflow" in sys.modules:
        sys.modules["tensorflow"].random.set_seed(seed)


def _seed_nothing(seed: int) -> None:
    pass


RUNTIMES: dict[str, Runtime] = {
    "torch": Runtime(("torch", "numpy"), _setup_torch, _seed_torch),
    "tf": Runtime(("tensorflow", "keras", "numpy"), _setup_tf, _seed_tf),
    "none": Runtime(("numpy",), _setup_nothing, _seed_nothing),  # the engine's own tests
    # Plain NumPy as a framework of its own: the toy third framework of the engine's tests.
    "numpy": Runtime(("numpy",), _setup_nothing, _seed_nothing),
}


def seed_everything(seed: int) -> None:
    """Seed every generator a snippet may use, whichever worker runs it."""
    random.seed(seed)
    if "numpy" in sys.modules:
        sys.modules["numpy"].random.seed(seed)
    for runtime in RUNTIMES.values():
        runtime.seed(seed)


# Order is tab order on the page.
FRAMEWORKS: dict[str, Framework] = {
    "torch": Framework(
        "torch", "PyTorch", "torch",
        template='"""{title}, in PyTorch."""\nimport torch\n\n'
                 'x = torch.arange(6.0).reshape(2, 3)\nprint("sum:", x.sum().item())\n',
        notebook_setup=textwrap.dedent("""\
            import random

            import numpy as np
            import torch

            torch.set_num_threads(1)


            def reseed(*_):
                random.seed(0)
                np.random.seed(0)
                torch.manual_seed(0)
            """),
        notebook_needs=("torch", "numpy"),
        distributions={"torch": "torch", "torchvision": "torchvision"}),
    "tf": Framework(
        "tf", "TensorFlow", "tf",
        template='"""{title}, in TensorFlow."""\nimport tensorflow as tf\n\n'
                 'x = tf.reshape(tf.range(6.0), (2, 3))\n'
                 'print("sum:", float(tf.reduce_sum(x)))\n',
        notebook_setup=textwrap.dedent("""\
            import os
            import random

            os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"  # TensorFlow's C++ log lines

            import keras
            import numpy as np
            import tensorflow as tf

            tf.config.threading.set_intra_op_parallelism_threads(1)
            tf.config.threading.set_inter_op_parallelism_threads(1)
            tf.get_logger().setLevel("ERROR")  # CI keeps its log lines out of the outputs


            def reseed(*_):
                keras.backend.clear_session()  # layer names count from 0, as in a new process
                random.seed(0)
                np.random.seed(0)
                keras.utils.set_random_seed(0)  # seeds TensorFlow too
            """),
        notebook_needs=("tensorflow-cpu", "keras", "numpy"),
        distributions={"tensorflow": "tensorflow-cpu", "keras": "keras"}),
}


def runtime_keys(frameworks: dict[str, Framework] | None = None) -> list[str]:
    """The workers the snippets need, one per framework."""
    frameworks = FRAMEWORKS if frameworks is None else frameworks
    return list(dict.fromkeys(framework.runtime for framework in frameworks.values()))


def file_suffixes(frameworks: dict[str, Framework] | None = None) -> str:
    return ", ".join(f"_{key}.py" for key in (FRAMEWORKS if frameworks is None else frameworks))


CONFIG = "livecompare.toml"


class ConfigError(ValueError):
    """livecompare.toml declares frameworks the engine cannot use; the message says where
    and what to write."""


def project_frameworks(root) -> dict[str, Framework]:
    """The project's frameworks, in tab order: FRAMEWORKS itself, unless the project's
    livecompare.toml declares its own with one `[[frameworks]]` table each:

        [[frameworks]]
        key = "torch"            # one of FRAMEWORKS: the rest is taken from there

        [[frameworks]]
        key = "numpy"            # a new one: its file suffix, tab label and runtime
        label = "NumPy"
        runtime = "numpy"
    """
    import tomllib
    from pathlib import Path

    path = Path(root) / CONFIG
    if not path.is_file():
        return FRAMEWORKS
    try:
        declared = tomllib.loads(path.read_text(encoding="utf-8")).get("frameworks")
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{CONFIG}: not valid TOML ({error}); fix it, or delete it to "
                          "use PyTorch and TensorFlow") from None
    if not isinstance(declared, list) or not declared:
        raise ConfigError(f"{CONFIG}: declares no [[frameworks]] table; add one per "
                          "framework, or delete the file to use PyTorch and TensorFlow")
    frameworks: dict[str, Framework] = {}
    for number, entry in enumerate(declared, start=1):
        key = entry.get("key") if isinstance(entry, dict) else None
        if not isinstance(key, str) or not key.isidentifier() or not key.islower():
            raise ConfigError(f"{CONFIG}: framework {number} needs a key of lower-case "
                              'letters, digits and underscores (key = "jax")')
        if key in frameworks:
            raise ConfigError(f"{CONFIG}: framework {key!r} is declared twice; keep one")
        known = FRAMEWORKS.get(key)
        label, runtime = entry.get("label"), entry.get("runtime")
        if known is None and not (isinstance(label, str) and label):
            raise ConfigError(f"{CONFIG}: framework {key!r} needs a label, the title of its "
                              'tab (label = "JAX")')
        runtime = runtime or (known.runtime if known else None)
        if runtime not in RUNTIMES:
            raise ConfigError(f"{CONFIG}: framework {key!r} needs a runtime of "
                              f"frameworks.RUNTIMES ({', '.join(RUNTIMES)}), not {runtime!r}")
        base = known or Framework(key, label, runtime)
        frameworks[key] = Framework(
            key, label or base.label, runtime, template=entry.get("template", base.template),
            notebook_setup=base.notebook_setup, notebook_needs=base.notebook_needs,
            distributions=base.distributions)
    return frameworks
