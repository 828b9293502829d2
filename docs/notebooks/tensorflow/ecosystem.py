# Community and ecosystem: the TensorFlow examples, from the living TensorFlow-vs-PyTorch
# comparison. Each `# %%` cell is a standalone script.
# The outputs on the page were made with: pip install keras==3.15.1 numpy==2.4.6 tensorflow==2.21.0


# CI runs each snippet in a fresh process, one thread, seeded with 0:
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


# %% What this site runs: ecosystem/installed_stack
reseed()
"""Which TensorFlow ecosystem packages this site runs, read from installed metadata."""
import re
import textwrap
from importlib import metadata

PACKAGES = ["tensorflow-cpu", "keras", "tensorflow-probability", "tf-keras",
            "ai-edge-litert", "tensorflow", "tensorboard", "tensorflow-datasets",
            "tensorflow-hub", "tfx"]


def version(name):
    try:
        return metadata.version(name)
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
        print(f"  {name:22} {version(name)}")
show("not installed:", [n for n in PACKAGES if not version(n)])
# TF 2.21 pulls in Keras 3 but no longer TensorBoard.
show("tensorflow-cpu needs:", needs("tensorflow-cpu"))
# TFP wants Keras 2 (tf-keras) and the full `tensorflow` only through its [tf] extra.
show("tensorflow-probability[tf] adds:", needs("tensorflow-probability", "tf"))
show("tf-keras needs:", metadata.requires("tf-keras"))
