# Model building and training: the TensorFlow examples, from the living TensorFlow-vs-PyTorch
# comparison. Each `# %%` cell is a standalone script.
# The outputs on the page were made with: pip install keras==3.15.1 matplotlib==3.11.2 numpy==2.4.6 scikit-learn==1.9.1 tensorflow==2.21.0


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


# %% Defining a model: building/define_model
reseed()
"""Defining a model as a class in Keras: a keras.Model subclass (4 -> 8 -> 3 MLP)."""
import keras


class MLP(keras.Model):
    def __init__(self):
        super().__init__()
        # Dense infers its input size, so weights are created on the first call.
        self.hidden = keras.layers.Dense(8, activation="relu", name="hidden")
        self.out = keras.layers.Dense(3, name="out")

    def call(self, x):
        return self.out(self.hidden(x))


keras.utils.set_random_seed(0)  # reproducible initial weights
model = MLP()
# a batch of 2 inputs with 4 features
x = keras.ops.ones((2, 4))
y = model(x)
print("output shape:", tuple(y.shape))
print("parameters:", model.count_params())
# Dense stores its kernel as (in_features, out_features): the transpose of torch.
for w in model.weights:
    print(f"  {w.path:18} {tuple(w.shape)}")


# %% A layer of your own: building/custom_layer
reseed()
"""A custom layer with its own weights: keras.layers.Layer with add_weight in Keras."""
import keras
import tensorflow as tf


class Scale(keras.layers.Layer):
    """y = x * gamma + beta, one gamma and beta per feature."""

    def build(self, input_shape):
        # runs on the first call, sized from the input
        n = input_shape[-1]
        self.gamma = self.add_weight(shape=(n,), initializer="ones", name="gamma")
        self.beta = self.add_weight(shape=(n,), initializer="zeros", name="beta")
        # A non-trainable weight is saved with the others but never trained.
        self.calls = self.add_weight(shape=(), initializer="zeros", dtype="int64",
                                     trainable=False, name="calls")

    def call(self, x):
        self.calls.assign_add(1)
        return x * self.gamma + self.beta


# no size given: build() learns it from the input
layer = Scale()
x = tf.constant([[1.0, 2.0, 3.0]])
print("output:", layer(x).numpy().tolist())
print("trainable:", [(w.name, tuple(w.shape)) for w in layer.trainable_weights])
print("all weights:", [w.name for w in layer.weights])

# Gradients reach the custom weights like any built-in layer's.
with tf.GradientTape() as tape:
    total = tf.reduce_sum(layer(x))
grad_gamma, grad_beta = tape.gradient(total, [layer.gamma, layer.beta])
print("grad gamma:", grad_gamma.numpy().tolist(),
      "grad beta:", grad_beta.numpy().tolist())
print("calls so far:", int(layer.calls.numpy()))


# %% A stack of layers: Sequential: building/sequential
reseed()
"""keras.Sequential: a plain stack of layers, with a compact summary of each one."""
import keras

model = keras.Sequential(
    [
        # tells Keras the input size, so weights exist now
        keras.Input(shape=(4,)),
        keras.layers.Dense(16, activation="relu", name="dense1"),  # activation inside
        keras.layers.Dense(8, activation="relu", name="dense2"),
        keras.layers.Dense(3, name="dense3"),
    ]
)

# model.summary() prints a wider table; this loop prints the same facts compactly.
print(f"{'layer':14} {'output shape':14} {'params':>6}")
for layer in model.layers:
    # known before any data: Keras tracks shapes
    dims = layer.output.shape[1:]
    shape = "(batch, " + ", ".join(map(str, dims)) + ")"
    name = layer.name + " " + type(layer).__name__
    print(f"{name:14} {shape:14} {layer.count_params():6d}")
print("total params:", model.count_params())


# %% Two inputs, two outputs: building/functional_two_io
reseed()
"""The Keras Functional API: a model with two inputs and two outputs."""
import keras
import numpy as np
from keras import layers

# Wire a graph of layers: each call on a symbolic tensor adds a node.
features = keras.Input(shape=(16,), name="features")
meta = keras.Input(shape=(4,), name="meta")
# A branch for one input only, then the two paths are joined.
h = layers.Dense(8, activation="relu", name="branch")(features)
h = layers.Concatenate(name="merge")([h, meta])
h = layers.Dense(32, activation="relu", name="trunk")(h)
label = layers.Dense(3, name="label")(h)  # head 1: class scores
score = layers.Dense(1, activation="sigmoid", name="score")(h)  # head 2: in 0..1
model = keras.Model(inputs=[features, meta], outputs=[label, score], name="two_io")

# named by keras.Input(name=...)
print("inputs:", [t.name for t in model.inputs])
# the names of the output layers
print("outputs:", model.output_names)
# The same weights and inputs in both tabs, from NumPy, so both compute the same.
rng = np.random.default_rng(0)
shapes = [(16, 8), 8, (12, 32), 32, (32, 3), 3, (32, 1), 1]  # Keras's (in, out) order
model.set_weights([rng.standard_normal(s, dtype=np.float32) * 0.3 for s in shapes])
inputs = [rng.standard_normal(s, dtype=np.float32) for s in ((5, 16), (5, 4))]
out_label, out_score = model(inputs)
print("label shape:", tuple(out_label.shape))
print("score shape:", tuple(out_score.shape))
print("params:", model.count_params())


# %% A residual block: a connection that skips layers: building/residual_block
reseed()
"""A residual block in the Keras Functional API: the skip connection is an Add layer."""
import keras
import numpy as np
from keras import layers


def residual_block(x, units, name):
    h = layers.Dense(units, activation="relu", name=f"{name}_fc1")(x)
    h = layers.Dense(units, name=f"{name}_fc2")(h)
    # The two paths must have one size to be added: project x when it differs.
    shortcut = x
    if x.shape[-1] != units:
        shortcut = layers.Dense(units, use_bias=False, name=f"{name}_proj")(x)
    h = layers.Add(name=f"{name}_add")([h, shortcut])  # the skip connection
    return layers.Activation("relu", name=f"{name}_relu")(h)


inputs = keras.Input(shape=(8,), name="x")
outputs = residual_block(residual_block(inputs, 8, "block1"), 16, "block2")
model = keras.Model(inputs, outputs, name="residual")

# The same numbers in both tabs, drawn in one order from one generator: W is (out, in),
# and a Dense kernel is (in, out), so it gets W.T.
rng = np.random.default_rng(0)
for name in ["block1_fc1", "block1_fc2", "block2_fc1", "block2_fc2", "block2_proj"]:
    layer = model.get_layer(name)
    units, features_in = layer.units, layer.kernel.shape[0]
    weights = [rng.normal(0, 0.3, (units, features_in)).T]
    if layer.use_bias:
        weights.append(rng.normal(0, 0.1, units))
    layer.set_weights(weights)
x = rng.normal(size=(4, 8)).astype(np.float32)

# The model's config records each layer's inputs: find the additions.
for layer in model.get_config()["layers"]:
    if layer["class_name"] == "Add":
        tensors = layer["inbound_nodes"][0]["args"][0]
        print("add:", " + ".join(t["config"]["keras_history"][0] for t in tensors))
print("parameters:", model.count_params())
out = model(x)
print("output shape:", tuple(out.shape))
print("row sums:", out.numpy().sum(axis=1).round(4))


# %% A hand-written training loop: building/training_loop
reseed()
"""A hand-written TensorFlow training loop: GradientTape and apply_gradients."""
import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

# The same seeded NumPy data as the PyTorch version: 32 points, float32.
rng = np.random.default_rng(0)
x_np = np.linspace(-1, 1, 32, dtype=np.float32).reshape(-1, 1)
y_np = (3 * x_np + 2 + rng.normal(0, 0.1, size=x_np.shape)).astype(np.float32)
x, y = tf.constant(x_np), tf.constant(y_np)

# Start from zero weights on both sides, so the two tabs print the same losses.
layer = keras.layers.Dense(1, kernel_initializer="zeros", bias_initializer="zeros")
model = keras.Sequential([keras.Input(shape=(1,)), layer])
loss_fn = keras.losses.MeanSquaredError()
optimizer = keras.optimizers.SGD(learning_rate=0.2)


# optional: runs the step as a graph; the loop works eagerly too
@tf.function
def train_step(x, y):
    with tf.GradientTape() as tape:  # records the forward pass
        loss = loss_fn(y, model(x, training=True))
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return loss, grads


losses = []
for epoch in range(1, 31):  # full batch: one step per epoch
    loss, grads = train_step(x, y)
    if epoch == 1:
        # kept for the check that both tabs compute the same
        grad_1 = np.concatenate([g.numpy().ravel() for g in grads])
        step_1 = np.concatenate([v.numpy().ravel() for v in model.trainable_variables])
    losses.append(float(loss))
    if epoch % 5 == 0:
        print(f"epoch {epoch:2d}  loss {float(loss):.4f}")

kernel, bias = layer.get_weights()
print(f"weight: {kernel.item():.2f}")
print(f"bias: {bias.item():.2f}")

# The loss curve as an SVG file, shown under the output. A fixed hash salt and no date
# make the file the same on every run; fonttype "none" keeps the labels as text.
plt.rcParams.update({"svg.hashsalt": "loss", "svg.fonttype": "none"})
fig, ax = plt.subplots(figsize=(4.5, 2.4))
ax.plot(range(1, 31), np.round(losses, 3), marker=".")  # 3 decimals: every CPU
ax.set(xlabel="epoch", ylabel="loss (MSE)", title="TensorFlow: one loss per epoch")
fig.savefig("loss.svg", bbox_inches="tight",
            metadata={"Date": None, "Title": "Loss per epoch, TensorFlow loop"})


# %% `fit`, and what PyTorch has instead: building/fit
reseed()
"""Keras trains with compile() and fit(), holding out validation data for you."""
import keras
import matplotlib.pyplot as plt
import numpy as np

# The same seeded data as the PyTorch version: y = 2*x1 - x2 + 0.5, plus noise.
rng = np.random.default_rng(0)
x = rng.normal(size=(64, 2)).astype(np.float32)
noise = rng.normal(0, 0.1, size=(64, 1))
y = (x @ np.array([[2.0], [-1.0]]) + 0.5 + noise).astype(np.float32)

# Zero initial weights on both sides, so the two tabs print the same numbers.
layer = keras.layers.Dense(1, kernel_initializer="zeros")
model = keras.Sequential([keras.Input(shape=(2,)), layer])
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.05), loss="mse")

# validation_split holds out the LAST 25% of the rows; shuffle=False keeps batch order
# equal to the PyTorch tab (the default shuffles the training rows every epoch).
history = model.fit(
    x, y, epochs=5, batch_size=8, validation_split=0.25, shuffle=False, verbose=0
)
print("history keys:", sorted(history.history))
loss_history, val_history = history.history["loss"], history.history["val_loss"]
weights = np.concatenate([w.ravel() for w in layer.get_weights()])
for epoch, (loss, val) in enumerate(
    zip(history.history["loss"], history.history["val_loss"]), start=1
):
    print(f"epoch {epoch}  loss {loss:.4f}  val_loss {val:.4f}")

# The loss curve as an SVG file, shown under the output. A fixed hash salt and no date
# make the file the same on every run; fonttype "none" keeps the labels as text.
plt.rcParams.update({"svg.hashsalt": "loss", "svg.fonttype": "none"})
fig, ax = plt.subplots(figsize=(4.5, 2.4))
for key in ["loss", "val_loss"]:
    # rounded to 3 decimals: the same on every CPU
    ax.plot(range(1, 6), np.round(history.history[key], 3), marker=".", label=key)
ax.legend()
ax.set(xlabel="epoch", ylabel="loss (MSE)", title="Keras: model.fit")
fig.savefig("loss.svg", bbox_inches="tight",
            metadata={"Date": None, "Title": "Loss per epoch, Keras fit"})


# %% Training agrees: the gradients, one step, five steps: building/train_steps
reseed()
"""Training agrees too: a digits MLP, copied weights, the same batches, Adam."""
import keras
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits

# the same weights and batch order in both tabs
rng = np.random.default_rng(0)
x, y = load_digits(return_X_y=True)
x = (x / 16.0).astype(np.float32)
# 5 batches of 64, in this order
order = rng.permutation(len(x))[: 5 * 64]
w1 = rng.standard_normal((32, 64), dtype=np.float32) * 0.1  # (out, in), torch's layout
b1 = np.zeros(32, np.float32)
w2 = rng.standard_normal((10, 32), dtype=np.float32) * 0.1
b2 = np.zeros(10, np.float32)

model = keras.Sequential([keras.Input(shape=(64,)), keras.layers.Dense(32, "relu"),
                          keras.layers.Dense(10)])
loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)


def train(eps_at_step):
    """5 Adam steps from the copied weights; the first gradients, the weights after one
    step, and the loss of each step, flattened in Keras's layout to compare."""
    # Dense kernels are (in, out)
    model.set_weights([w1.T, b1, w2.T, b2])
    opt = keras.optimizers.Adam(learning_rate=3e-3)
    losses = []
    for t, batch in enumerate(order.reshape(5, 64), start=1):
        opt.epsilon = eps_at_step(t)
        with tf.GradientTape() as tape:
            loss = loss_fn(y[batch], model(x[batch], training=True))
        grads = tape.gradient(loss, model.trainable_variables)
        opt.apply_gradients(zip(grads, model.trainable_variables, strict=True))
        if t == 1:
            grad = [g.numpy().ravel() for g in grads]
            step = [v.numpy().ravel() for v in model.trainable_variables]
        losses.append(float(loss))
    return np.concatenate(grad), np.concatenate(step), np.array(losses)


# The defaults: Keras's epsilon=1e-7 on sqrt(v) against torch's 1e-8 on sqrt(v_hat).
# Pixels that are almost always 0 give tiny gradients, where the epsilon matters.
grad_1, step_keras, loss_keras = train(lambda t: 1e-7)
# torch's epsilon, moved onto sqrt(v): torch's numbers, from Keras.
_, step_torch, loss_torch = train(lambda t: 1e-8 * np.sqrt(1 - 0.999**t))
print(f"first gradients: {grad_1.size} values, norm {np.linalg.norm(grad_1):.4f}")
diff = np.abs(step_torch - step_keras).max()
print(f"after one step, torch's eps against Keras's: max |diff| = {diff:.4f}")
print("losses of 5 steps, torch's eps:", loss_torch.round(4))
print("losses of 5 steps, Keras's eps:", loss_keras.round(4))


# %% Feeding data: Dataset and DataLoader, tf.data: building/data_pipeline
reseed()
"""A tf.data pipeline: from_tensor_slices, shuffle, batch, map and prefetch."""
import numpy as np
import tensorflow as tf

# Ten rows of two features; y is the row number, so the shuffled order is visible.
x = np.arange(20, dtype=np.float32).reshape(10, 2)
y = np.arange(10)

ds = (
    tf.data.Dataset.from_tensor_slices((x, y))  # one element per row
    # A buffer as large as the data shuffles all rows; a new order every epoch.
    .shuffle(buffer_size=10, seed=0)
    .batch(4)  # the last batch keeps the 2 leftover rows
    # after batch(): runs once per batch, vectorized
    .map(lambda xb, yb: (xb / 10, yb))
    # prepares the next batch while this one is used
    .prefetch(tf.data.AUTOTUNE)
)
for epoch in range(2):
    for step, (xb, yb) in enumerate(ds):
        rows = yb.numpy().tolist()
        print(f"epoch {epoch} batch {step}: x {tuple(xb.shape)}  y {rows}")
        if epoch == step == 0:
            first_x = xb
print("x of epoch 0, batch 0 (divided by 10 on the way):")
print(first_x.numpy())


# %% Saving and loading weights: building/save_weights
reseed()
"""Saving and loading in Keras: save_weights/load_weights, and save/load_model."""
import os

import keras
import numpy as np


def make_model():
    return keras.Sequential(
        [
            keras.Input(shape=(4,)),
            keras.layers.Dense(8, activation="relu", name="hidden"),
            keras.layers.Dense(3, name="out"),
        ],
        name="mlp",
    )


model = make_model()
x = np.random.default_rng(0).normal(size=(2, 4)).astype(np.float32)
before = model.predict(x, verbose=0)

# Weights only: the name must end in .weights.h5; the architecture stays in code.
model.save_weights("mlp.weights.h5")
# Whole model: architecture, weights and compile state in one .keras file.
model.save("mlp.keras")
print("saved:", sorted(f for f in os.listdir() if f.startswith("mlp")))
print("weights:", [w.path for w in model.weights])

# same architecture, fresh random weights
restored = make_model()
restored.load_weights("mlp.weights.h5")
# no code needed to rebuild it
loaded = keras.models.load_model("mlp.keras")
print("predictions:")
print(before.round(4))
for label, m in [("weights file", restored), (".keras file", loaded)]:
    same = np.array_equal(before, m.predict(x, verbose=0))
    print(f"{label}, same predictions:", same)


# %% A real data set: handwritten digits: building/digits
reseed()
"""A real data set: scikit-learn's 8x8 digits, a small MLP trained with Keras."""
import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

# 1797 images of 8x8 pixels (values 0..16) ship inside scikit-learn: no download.
x, y = load_digits(return_X_y=True)
x_tr, x_te, y_tr, y_te = train_test_split(
    x / 16.0, y, test_size=0.25, random_state=0, stratify=y
)
print("train:", x_tr.shape, "test:", x_te.shape)
# The same start and the same batches as the PyTorch tab, so the two can be compared:
# one NumPy shuffle of the rows, which both tabs follow in every epoch (shuffle=False),
# and initial weights drawn once with NumPy, in torch's (out, in) layout.
rng = np.random.default_rng(0)
order = rng.permutation(len(x_tr))
x_tr, y_tr = x_tr[order], y_tr[order]
init = [rng.standard_normal((32, 64)) * 0.1, np.zeros(32),
        rng.standard_normal((10, 32)) * 0.1, np.zeros(10)]

model = keras.Sequential(
    [
        keras.Input(shape=(64,)),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(10),
    ]
)
# Dense kernels are (in, out): transposed
model.set_weights([w.T for w in init])
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=3e-3),
    # Raw scores (logits) and integer labels, as in the PyTorch tab.
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=["accuracy"],
)


def flat(arrays):
    """One array in torch's (out, in) layout, to compare with the PyTorch tab."""
    return np.concatenate([np.asarray(a).T.ravel() for a in arrays])


# Kept for the check that both tabs compute the same: the first batch's gradients...
with tf.GradientTape() as tape:
    loss = model.loss(y_tr[:64], model(x_tr[:64], training=True))
grad_1 = flat(tape.gradient(loss, model.trainable_variables))


class FirstStep(keras.callbacks.Callback):
    """...and the weights after the first optimizer step."""

    def on_train_batch_end(self, batch, logs=None):
        global step_1
        if int(self.model.optimizer.iterations) == 1:
            step_1 = flat(self.model.get_weights())


# validation_freq=5 scores the held-out test set after every fifth epoch only.
history = model.fit(
    x_tr, y_tr, batch_size=64, epochs=20, verbose=0, shuffle=False,
    validation_data=(x_te, y_te), validation_freq=5, callbacks=[FirstStep()],
)
for i, acc in enumerate(history.history["val_accuracy"], start=1):
    print(f"epoch {5 * i:2d}  test accuracy {acc:.3f}")

# The loss curve as an SVG file, shown under the output. A fixed hash salt and no date
# make the file the same on every run; fonttype "none" keeps the labels as text.
plt.rcParams.update({"svg.hashsalt": "loss", "svg.fonttype": "none"})
fig, ax = plt.subplots(figsize=(4.5, 2.4))
# the mean training loss of each epoch
losses = history.history["loss"]
ax.plot(range(1, 21), np.round(losses, 2), marker=".")  # 2 decimals: every CPU
ax.set(xlabel="epoch", ylabel="cross-entropy", title="Keras: training loss")
fig.savefig("loss.svg", bbox_inches="tight",
            metadata={"Date": None, "Title": "Loss per epoch, Keras digits"})


# %% Scaling out: two processes, one gradient: building/data_parallel
reseed()
"""Data-parallel training: MultiWorkerMirroredStrategy, two workers on a CPU."""
import json
import os
import socket
import subprocess
import sys

import keras
import numpy as np
import tensorflow as tf

# The same data and starting weights on both tabs, in float64 so that the sums
# come out alike whatever the order of additions.
rng = np.random.default_rng(0)
X, Y = rng.normal(size=(8, 4)), rng.normal(size=(8, 1))
W1, W2 = rng.normal(0, 0.5, (4, 8)), rng.normal(0, 0.5, (8, 1))  # [in, out]
WORLD, STEPS, LR = 2, 3, 0.1
# each replica trains on its own half of the batch
SHARDS = [slice(0, 4), slice(4, 8)]


def make_model():
    model = keras.Sequential([
        keras.Input((4,), dtype="float64"),
        keras.layers.Dense(8, activation="tanh", dtype="float64"),
        keras.layers.Dense(1, dtype="float64"),
    ])
    model.set_weights([W1, np.zeros(8), W2, np.zeros(1)])
    return model


# One worker of the two: it loads the starting model and its shard of the data.
# TF_CONFIG tells it the cluster and which task it is; on a cluster, each worker
# would run on its own machine.
WORKER = """
import json, os
import keras
import numpy as np
import tensorflow as tf

strategy = tf.distribute.MultiWorkerMirroredStrategy()
rank = json.loads(os.environ["TF_CONFIG"])["task"]["index"]
job = np.load("job.npz")
with strategy.scope():  # variables created here are mirrored on every worker
    model = keras.models.load_model("start.keras")
    optimizer = keras.optimizers.SGD(float(job["lr"]))
x, y = tf.constant(job["x"][rank]), tf.constant(job["y"][rank])


@tf.function
def train_step():
    def on_replica():
        with tf.GradientTape() as tape:
            per_sample = tf.reduce_mean((model(x) - y) ** 2, axis=1)
            # Divide by the global batch (8), not the shard (4): summed over
            # the replicas, the gradients then make the average.
            loss = tf.nn.compute_average_loss(per_sample, global_batch_size=8)
        grads = tape.gradient(loss, model.trainable_variables)
        context = tf.distribute.get_replica_context()
        summed = context.all_reduce("sum", grads)  # to print; the optimizer
        optimizer.apply_gradients(zip(grads, model.trainable_variables))  # sums too
        return context.all_reduce("sum", loss), summed[0]
    return strategy.run(on_replica)


losses = []
for step in range(int(job["steps"])):
    loss, grad = train_step()
    losses.append(float(loss))
    if step == 0:
        first_grad = grad.numpy().tolist()
with open(f"rank{rank}.json", "w") as f:
    json.dump({"grad": first_grad, "losses": losses,
               "kernel": model.layers[0].kernel.numpy().tolist()}, f)
"""

# One process, the whole batch: the reference the two replicas must match.
model = make_model()
optimizer = keras.optimizers.SGD(LR)
losses_single, grads = [], []
for _ in range(STEPS):
    with tf.GradientTape() as tape:
        loss = keras.losses.MeanSquaredError()(Y, model(X))
    step_grads = tape.gradient(loss, model.trainable_variables)
    grads.append(step_grads[0].numpy())
    optimizer.apply_gradients(zip(step_grads, model.trainable_variables))
    losses_single.append(float(loss))
grad_single, kernel_single = grads[0], model.layers[0].kernel.numpy()

# What each replica's half of the batch gives on its own, before any all-reduce.
for rank, shard in enumerate(SHARDS):
    alone = make_model()
    with tf.GradientTape() as tape:
        loss = keras.losses.MeanSquaredError()(Y[shard], alone(X[shard]))
    grad = tape.gradient(loss, alone.trainable_variables)[0]
    print(f"replica {rank} alone (samples {shard.start}-{shard.stop - 1}): "
          f"grad norm {tf.norm(grad):.4f}")
print(f"one process, all 8 samples:    grad norm {np.linalg.norm(grad_single):.4f}")

# Two worker processes, each on a free port that the operating system picks.
ports = []
for _ in range(WORLD):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        ports.append(probe.getsockname()[1])
with open("worker.py", "w") as f:
    f.write(WORKER)
make_model().save("start.keras")
np.savez("job.npz", x=[X[s] for s in SHARDS], y=[Y[s] for s in SHARDS],
         lr=LR, steps=STEPS)
workers = []
try:
    for rank in range(WORLD):
        tf_config = {"cluster": {"worker": [f"127.0.0.1:{p}" for p in ports]},
                     "task": {"type": "worker", "index": rank}}
        env = dict(os.environ, TF_CONFIG=json.dumps(tf_config))
        workers.append(subprocess.Popen([sys.executable, "worker.py"], env=env))
    for worker in workers:
        if worker.wait(timeout=240) != 0:
            raise SystemExit(f"a worker failed with status {worker.returncode}")
finally:
    # nothing outlives the snippet, even when a worker hangs or fails
    for worker in workers:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
ranks = []
for rank in range(WORLD):
    with open(f"rank{rank}.json") as f:
        ranks.append({key: np.array(value) for key, value in json.load(f).items()})

grad_allreduced = ranks[0]["grad"]
print(f"after the all-reduce:          grad norm {np.linalg.norm(grad_allreduced):.4f}")
print("both workers hold the same gradient:",
      np.array_equal(ranks[0]["grad"], ranks[1]["grad"]))
print("max |all-reduced - one process|:",
      f"{np.abs(grad_allreduced - grad_single).max():.4f}")

losses_replicas = ranks[0]["losses"].tolist()
print("loss per step, two replicas:", [round(v, 4) for v in losses_replicas])
print("loss per step, one process: ", [round(v, 4) for v in losses_single])
kernel_after = ranks[0]["kernel"]
print(f"weights after {STEPS} steps, max diff from one process:",
      f"{np.abs(kernel_after - kernel_single).max():.4f}")
