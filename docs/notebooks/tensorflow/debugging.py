# Debugging: the TensorFlow examples, from the living TensorFlow-vs-PyTorch
# comparison. Each `# %%` cell is a standalone script.
# The outputs on the page were made with: pip install keras==3.15.1 numpy==2.4.6 tensorboard==2.21.0 tensorflow==2.21.0


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


# %% Stopping in the debugger: debugging/breakpoint
reseed()
"""breakpoint() and pdb in TensorFlow: eager code, tf.function, eager switch."""
import io
import pdb
import re
import sys

import tensorflow as tf


def scaled_sum(x, w):
    y = x * w
    breakpoint()  # stop here
    total = tf.reduce_sum(y)
    return total


# Plumbing: this page is built without a keyboard, so a script types pdb's commands
# and a buffer stands in for the terminal. At a real terminal, you type them yourself.
screen = io.StringIO()


class Keyboard(io.StringIO):
    def readline(self, *args):
        line = super().readline(*args)
        # echo what is "typed", as a terminal would
        screen.write(line)
        return line


def typed(commands):
    """From now on, breakpoint() starts pdb with `commands` as its input."""
    sys.breakpointhook = lambda: pdb.Pdb(
        stdin=Keyboard(commands), stdout=screen).set_trace(sys._getframe(1))


def show(title):
    print(f"--- {title}")
    for line in screen.getvalue().splitlines() or ["(the debugger did not stop)"]:
        # "> /a/b/file.py(12)f()": no folders
        line = re.sub(r"^> \S*/", "> ", line)
        line = re.sub(r"(_generated_file)\w+", r"\1", line)  # random name
        # and no line numbers in library files: they change between versions
        print(re.sub(r"^> (?!breakpoint_)(\w+\.py)\(\d+\)", r"> \1: ", line))
    screen.seek(0)
    screen.truncate()


x = tf.constant([1.0, 2.0, 3.0])
typed("p y\nn\np total\nc\n")
scaled_sum(x, 2.0)
show("eager: stops at your line, with real values")

graph_fn = tf.function(scaled_sum)
typed("p y\nc\n")
graph_fn(x, 2.0)
show("tf.function, 1st call: stops while tracing, in AutoGraph's copy of your code")
graph_fn(x, 2.0)
show("tf.function, 2nd call: runs the graph, so no Python line runs")

# switch graphs off to debug
tf.config.run_functions_eagerly(True)
typed("p y\nc\n")
graph_fn(x, 2.0)
tf.config.run_functions_eagerly(False)
show("run_functions_eagerly(True): back at your line")


# %% Printing inside compiled code: debugging/print_in_graph
reseed()
"""print vs tf.print in TensorFlow: in a tf.function, print runs only at tracing."""
import sys

import tensorflow as tf


@tf.function
def step(x):
    y = x * 3
    # Python: runs when the function is traced
    print("  print:", y)
    tf.print("  tf.print:", y, output_stream=sys.stdout)  # an op in the graph
    return y + 1


inputs = ([0.5, 1.5], [2.5, 3.5], [4.5, 5.5, 6.5])
print("tf.function:")
for value in inputs:
    # the third input has a new shape, so step is traced again
    print(f" call with {value}")
    step(tf.constant(value))
print("traces:", step.experimental_get_tracing_count())

# With graphs switched off, the body runs as plain Python on every call
tf.config.run_functions_eagerly(True)
print("run_functions_eagerly(True):")
for value in inputs[:2]:
    print(f" call with {value}")
    step(tf.constant(value))
tf.config.run_functions_eagerly(False)


# %% Hunting a NaN: debugging/nan_hunt
reseed()
"""Hunting a NaN gradient in TensorFlow with tf.debugging.enable_check_numerics."""
import tensorflow as tf


def safe_log(x):
    # Meant to map x <= 0 to 0. The forward pass is fine; the gradient is not.
    return tf.where(x > 0, tf.math.log(x), tf.zeros_like(x))


x = tf.Variable([0.0, 1.0, 2.0])
with tf.GradientTape() as tape:
    loss = tf.reduce_sum(safe_log(x))
grad = tape.gradient(loss, x)
print("loss:", round(loss.numpy().item(), 4), "| grad:", grad.numpy().tolist())

# Check-numerics mode checks the output of every op, forward and backward, for
# Inf as well as NaN, and raises at the first one. It names the op and counts.
tf.debugging.enable_check_numerics()
try:
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(safe_log(x))
    tape.gradient(loss, x)
except tf.errors.InvalidArgumentError as err:
    lines = [line.strip() for line in err.message.splitlines()]
    print("error:", type(err).__name__)
    for start in ("!!!", "# of", "Input tensor"):
        # the op, the count, its input
        print(next(line for line in lines if line.startswith(start)))
tf.debugging.disable_check_numerics()

# The fix: never feed log a value it cannot take, even in the branch not chosen
with tf.GradientTape() as tape:
    loss = tf.reduce_sum(tf.where(x > 0, tf.math.log(tf.where(x > 0, x, 1.0)), 0.0))
print("fixed grad:", tape.gradient(loss, x).numpy().tolist())


# %% A shape error: debugging/shape_error
reseed()
"""A matmul shape mismatch in TensorFlow: the error message, then the fix."""

import re

import tensorflow as tf

a = tf.ones((2, 3))
b = tf.ones((2, 3))

try:
    a @ b  # inner dimensions are 3 and 2: they must match
except tf.errors.InvalidArgumentError as err:
    print("error:", type(err).__name__)
    # The message starts with a kernel/device node name that varies by build
    # (e.g. oneDNN vs. plain MatMul) and ends with an op name; drop both.
    message = re.sub(r"\{\{.*?\}\}\s*|\s*name:.*$", "", err.message)
    print("message:", message)

# Transposing b makes the shapes (2, 3) @ (3, 2).
fixed = a @ tf.transpose(b)
print("fixed shape:", tuple(fixed.shape))
print("fixed result:", fixed.numpy().tolist())


# %% Looking at an intermediate result: debugging/inspect_intermediate
reseed()
"""Inspecting intermediate activations in Keras with a feature-extractor model."""

import keras
import numpy as np

model = keras.Sequential(
    [
        keras.Input(shape=(4,)),
        keras.layers.Dense(8, name="hidden"),
        keras.layers.ReLU(name="act"),
        keras.layers.Dense(2, name="out"),
    ]
)
# the same weights in both tabs, drawn by NumPy
rng = np.random.default_rng(0)
for layer, shape in ((model.layers[0], (4, 8)), (model.layers[2], (8, 2))):
    layer.kernel.assign(rng.standard_normal(shape, dtype=np.float32))
x = np.arange(12, dtype="float32").reshape(3, 4) / 10

# A second model that shares the layers (and weights) but returns every
# layer's output instead of only the last one.
extractor = keras.Model(
    inputs=model.inputs, outputs=[layer.output for layer in model.layers]
)
# `model.inputs` is a list, so pass a list
activations = extractor([x])

for layer, output in zip(model.layers, activations, strict=True):
    mean = float(keras.ops.mean(output))
    print(f"{layer.name:>6}: shape={tuple(output.shape)} mean={mean:.4f}")
y = activations[-1]
print("final output shape:", tuple(y.shape))


# %% Changing a model while it trains: debugging/change_while_training
reseed()
"""Freeze a layer and add one between two training steps of a Keras model."""
import keras
import numpy as np

rng = np.random.default_rng(0)
x = rng.normal(size=(32, 4)).astype(np.float32)
y = x.sum(axis=1, keepdims=True)

model = keras.Sequential(
    [
        keras.Input(shape=(4,)),
        keras.layers.Dense(8, activation="relu", name="first"),
        keras.layers.Dense(1, name="second"),
    ],
    name="model",
)
optimizer = keras.optimizers.Adam(learning_rate=0.01)
model.compile(optimizer=optimizer, loss="mse")
step_number = 0


def step():
    """One training step; says which layers it changed."""
    global step_number
    step_number += 1
    before = [layer.kernel.numpy() for layer in model.layers]
    loss = model.train_on_batch(x, y)
    after = [layer.kernel.numpy() for layer in model.layers]
    changed = [not np.array_equal(old, new)
               for old, new in zip(before, after, strict=True)]
    print(f"step {step_number}  loss {loss:.3f}  weights changed: {changed}")


step()
step()

print("-- freeze the first layer: trainable = False")
model.layers[0].trainable = False
step()  # the step compiled earlier still updates it
print("-- compile again")
model.compile(optimizer=optimizer, loss="mse")
step()

print("-- add a layer")
added = keras.layers.Dense(1, name="added")
model.add(added)
# the compiled step still runs the old model: the new layer takes no part
step()
now = float(np.mean((model(x).numpy() - y) ** 2))
print(f"   the model as it is now has loss {now:.3f}")
print("-- compile again, with the same optimizer")
try:
    model.compile(optimizer=optimizer, loss="mse")
    model.train_on_batch(x, y)
except ValueError as error:
    print("ValueError:", str(error).split(". ")[0])
print("-- compile again, with a new optimizer: its state starts from zero")
model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), loss="mse")
step()
print("optimizer steps so far:", int(model.optimizer.iterations))


# %% TensorBoard, from both frameworks: debugging/tensorboard
reseed()
"""TensorBoard from TensorFlow: tf.summary writes scalars, TensorBoard reads them."""
import glob

import keras
import numpy as np
import tensorflow as tf
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
from tensorboard.util.tensor_util import make_ndarray

# The same data and starting weights on both tabs: a small linear regression.
rng = np.random.default_rng(0)
X = rng.normal(size=(32, 3))
Y = X @ np.array([[1.5], [-2.0], [0.5]]) + 0.1 * rng.normal(size=(32, 1))
model = keras.Sequential([keras.Input((3,), dtype="float64"),
                          keras.layers.Dense(1, kernel_initializer="zeros",
                                             dtype="float64")])
optimizer = keras.optimizers.SGD(0.1)

writer = tf.summary.create_file_writer("runs/regression")  # part of TensorFlow
with writer.as_default():
    for step in range(12):
        with tf.GradientTape() as tape:
            loss = keras.losses.MeanSquaredError()(Y, model(X))
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))
        tf.summary.scalar("train/loss", loss, step=step)
writer.close()
print("event files written:", len(glob.glob("runs/regression/events.out.tfevents.*")))

# Read the run back with the reader the TensorBoard server itself uses.
# It keeps 10 tensor events per tag unless told otherwise; 0 keeps them all.
run = EventAccumulator("runs/regression", size_guidance={"tensors": 0})
run.Reload()
print("tags by kind:", {kind: tags for kind, tags in run.Tags().items() if tags})
# TensorEvent(wall_time, step, tensor_proto)
events = run.Tensors("train/loss")
steps = [e.step for e in events]
losses = [float(make_ndarray(e.tensor_proto)) for e in events]  # 32-bit floats
print("steps:", steps)
print("loss:", [round(v, 4) for v in losses])


def draw(path, title, steps, values, colour):
    """A line chart in plain SVG: no plotting library needed."""
    width, height, pad = 480, 260, 50
    # the y axis runs from 0 to a round number
    top = np.ceil(max(values) * 2) / 2
    x = [pad + s * (width - 2 * pad) / max(steps) for s in steps]
    y = [height - pad - v / top * (height - 2 * pad) for v in values]
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" '
             f'height="{height}" font-family="sans-serif" font-size="12">',
             f"<title>{title}</title>",
             f'<text x="{width / 2}" y="20" text-anchor="middle">{title}</text>',
             f'<path d="M{pad},{pad - 10}V{height - pad}H{width - pad + 10}" '
             'stroke="#444" fill="none"/>',
             f'<polyline points="{" ".join(f"{a:.1f},{b:.1f}" for a, b in zip(x, y))}" '
             f'stroke="{colour}" stroke-width="2" fill="none"/>']
    for s in range(0, max(steps) + 1, 2):
        sx = pad + s * (width - 2 * pad) / max(steps)
        parts.append(f'<text x="{sx:.1f}" y="{height - pad + 16}" '
                     f'text-anchor="middle">{s}</text>')
    for v in np.linspace(0, top, 3):
        vy = height - pad - v / top * (height - 2 * pad)
        parts.append(f'<text x="{pad - 6}" y="{vy + 4:.1f}" text-anchor="end">'
                     f"{v:.2f}</text>")
    parts.append(f'<text x="{width / 2}" y="{height - 12}" text-anchor="middle">'
                 "step</text></svg>")
    with open(path, "w") as f:
        f.write("\n".join(parts))


draw("loss.svg", "train/loss, read back from the event file", steps, losses, "#ff6f00")
