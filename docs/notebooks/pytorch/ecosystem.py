# Community and ecosystem: the PyTorch examples, from the living TensorFlow-vs-PyTorch
# comparison. Each `# %%` cell is a standalone script.
# The outputs on the page were made with: pip install numpy==2.4.6 torch==2.15.0


# CI runs each snippet in a fresh process, one thread, seeded with 0:
import random

import numpy as np
import torch

torch.set_num_threads(1)


def reseed(*_):
    random.seed(0)
    np.random.seed(0)
    torch.manual_seed(0)


# %% What this site runs: ecosystem/installed_stack
reseed()
"""Which PyTorch ecosystem packages this site runs, read from installed metadata."""
import re
import textwrap
from importlib import metadata

PACKAGES = ["torch", "lightning", "torchmetrics", "onnx", "onnxscript", "onnxruntime",
            "torchvision", "torchaudio", "torchtext", "torchao", "executorch"]


def version(name):
    """The release, without a build label such as torch's +cpu or +cu130."""
    try:
        return metadata.version(name).split("+")[0]
    except metadata.PackageNotFoundError:
        return None


def needs(name, extra=None):
    """Names a package requires: always, or only with the given extra."""
    out = []
    for req in metadata.requires(name) or []:
        wanted = f'extra == "{extra}"' in req if extra else "extra ==" not in req
        if wanted:
            out.append(re.split(r"[<>=!~;\[ ]", req, maxsplit=1)[0])
    return sorted(out, key=str.lower)


def show(label, names):
    text = f"{label} {', '.join(names)}"
    print(textwrap.fill(text, 80, subsequent_indent="  ", break_on_hyphens=False))


print("installed:")
for name in PACKAGES:
    if version(name):
        print(f"  {name:14} {version(name)}")
show("not installed:", [n for n in PACKAGES if not version(n)])
# torch itself pulls in no domain library; Lightning builds on torch + torchmetrics.
# A CUDA build of torch also needs NVIDIA's libraries and Triton; a CPU build does not.
GPU_RUNTIME = re.compile(r"^(nvidia-|cuda-|triton$)")
show("torch needs (GPU runtime aside):",
     [n for n in needs("torch") if not GPU_RUNTIME.match(n)])
show("lightning needs:", needs("lightning"))
show("onnxscript needs:", needs("onnxscript"))
