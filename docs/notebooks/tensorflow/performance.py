# Performance: the TensorFlow examples, from the living TensorFlow-vs-PyTorch
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


# %% Mixed precision: autocast and dtype policies: performance/mixed_precision
reseed()
"""Mixed precision in Keras: a dtype policy makes layers compute in bfloat16."""
import keras
import numpy as np
import tensorflow as tf

rng = np.random.default_rng(0)
x = rng.normal(size=(32, 64)).astype(np.float32)
labels = rng.integers(0, 10, size=32)
before = keras.layers.Dense(10)  # made before the policy changes: it stays float32

# The policy is read when a layer is made: set it first, then build the model.
keras.mixed_precision.set_dtype_policy("mixed_bfloat16")
model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(128, activation="relu"),
    keras.layers.Dense(10),
])
loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
with tf.GradientTape() as tape:
    hidden = model.layers[0](x)
    logits = model.layers[1](hidden)
    loss = loss_fn(labels, logits)
grads = tape.gradient(loss, model.trainable_variables)

print("policy:             ", model.layers[0].dtype_policy.name)
print("weights:            ", model.layers[0].kernel.dtype)
print("Dense, ReLU output: ", hidden.dtype.name)
print("logits:             ", logits.dtype.name)
print("loss:               ", loss.dtype.name, "(Keras losses compute in float32)")
print("weight gradient:    ", grads[0].dtype.name)

keras.mixed_precision.set_dtype_policy("float32")  # the default again
print("a layer made before the policy:", before.dtype_policy.name)

# The same weights in float32, with NumPy.
w1, b1, w2, b2 = model.get_weights()
full = np.maximum(x @ w1 + b1, 0) @ w2 + b2
err = np.abs(np.asarray(tf.cast(logits, tf.float32)) - full).max()
print("logits within 0.05 of float32:", bool(err < 0.05))


# %% Profiling: which operators take the time: performance/profiler
reseed()
"""The TensorFlow profiler: which ops a Keras model runs, how often, and the slowest."""
import collections
import tempfile
from pathlib import Path

import keras
import numpy as np
import tensorflow as tf
from tensorflow.tsl.profiler.protobuf import xplane_pb2

rng = np.random.default_rng(0)
x = rng.normal(size=(256, 1024)).astype(np.float32)
model = keras.Sequential([
    keras.Input(shape=(1024,)),
    keras.layers.Dense(1024, activation="relu"),
    keras.layers.Dense(10),
])

model(x)  # a first call outside the profile: warm-up
with tempfile.TemporaryDirectory() as logdir:
    tf.profiler.experimental.start(logdir)
    for _ in range(5):
        model(x)  # eagerly, op by op, as in the PyTorch tab
    tf.profiler.experimental.stop()
    # The profiler writes a trace for TensorBoard's Profile tab. Without TensorBoard,
    # read the trace itself: an XSpace protocol buffer whose class TensorFlow ships.
    (path,) = Path(logdir).rglob("*.xplane.pb")
    space = xplane_pb2.XSpace.FromString(path.read_bytes())

calls, time = collections.Counter(), collections.Counter()
for plane in space.planes:
    # Stat names and repeated string values are stored once, in stat_metadata.
    names = {key: stat.name for key, stat in plane.stat_metadata.items()}
    for line in plane.lines:
        for event in line.events:
            for stat in event.stats:  # each eager op runs in one "EagerExecute" event
                if names[stat.metadata_id] == "eager_op":
                    op = stat.str_value or names[stat.ref_value]
                    calls[op] += 1
                    time[op] += event.duration_ps

print("most time:", time.most_common(1)[0][0])
print("ops by number of calls:")
for op, count in sorted(calls.items(), key=lambda item: (-item[1], item[0])):
    print(f"  {op:18} {count:3}")
