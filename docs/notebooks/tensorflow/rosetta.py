# Rosetta stone: the TensorFlow examples, from the living TensorFlow-vs-PyTorch
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


# %% Tensor creation: rosetta/creation
reseed()
"""Rosetta stone, tensor creation in TensorFlow: one line per table row."""
import numpy as np
import tensorflow as tf


def show(label, t):
    """Print one row: label, then shape, dtype and values (or the plain value)."""
    if isinstance(t, (tf.Tensor, tf.Variable)):
        v = t.numpy().astype("float64").round(4) if t.dtype.is_floating else t.numpy()
        v = v.tolist() if v.size <= 12 else ""  # values of small ones only
        t = f"{tuple(t.shape)!s:<12} {t.dtype.name:<8} {v}"
    print(f"{label:<11} {t}".rstrip())


x = tf.constant([[1, 2], [3, 4]])  # Python ints become int32
show("from list", x)
show("zeros", tf.zeros((2, 3)))
show("ones", tf.ones((2, 3)))
show("full", tf.fill((2, 2), 7.0))
show("eye", tf.eye(3))
show("arange", tf.range(0, 10, 3))
show("linspace", tf.linspace(0.0, 1.0, 5))
show("zeros_like", tf.zeros_like(x))
a = np.array([1.5, 2.5], dtype=np.float32)
t = tf.convert_to_tensor(a)
a[0] = 9.0  # the tensor keeps 1.5: TensorFlow copied `a`
show("from numpy", t)
show("to numpy", type(tf.ones(2).numpy()).__name__)
show("trainable", tf.Variable(tf.zeros(2)).trainable)


# %% Reshaping, joining and indexing: rosetta/reshape
reseed()
"""Rosetta stone, reshaping and joining tensors in TensorFlow: one line per row."""
import tensorflow as tf

checked = []  # every value shown, for the check that both tabs compute the same


def show(label, t):
    """Print one row: label, then shape, dtype and values (or the plain value)."""
    if isinstance(t, (tf.Tensor, tf.Variable)):
        checked.extend(t.numpy().astype("float64").ravel().tolist())
        v = t.numpy().astype("float64").round(4) if t.dtype.is_floating else t.numpy()
        v = v.tolist() if v.size <= 12 else ""  # values of small ones only
        t = f"{tuple(t.shape)!s:<12} {t.dtype.name:<8} {v}"
    print(f"{label:<11} {t}".rstrip())


x = tf.reshape(tf.range(6, dtype=tf.int64), (2, 3))  # int64, as in the torch tab
y = tf.zeros((2, 3, 4))
v = tf.constant([1, 2], dtype=tf.int64)
show("reshape", tf.reshape(x, (3, 2)))
show("flatten", tf.reshape(x, [-1]))
show("transpose", tf.transpose(x))
show("permute", tf.transpose(y, perm=[0, 2, 1]))
show("unsqueeze", tf.expand_dims(x, 0))
show("squeeze", tf.squeeze(tf.zeros((1, 3, 1))))
show("concat", tf.concat([x, x], axis=0))
show("stack", tf.stack([x, x], axis=0))
show("split n", tf.split(x, 3, axis=1)[0])  # 3 equal pieces
show("split size", tf.split(x, [2, 1], axis=1)[0])  # sizes given as a list
show("tile", tf.tile(x, [1, 2]))
show("repeat", tf.repeat(v, 2))
show("gather", tf.gather(x, [2, 0], axis=1))
show("where", tf.where(x > 2, x, 0))


# %% Matmul, einsum and reductions: rosetta/matmul
reseed()
"""Rosetta stone, matmul, einsum and reductions in TensorFlow: one line per row."""
import keras
import tensorflow as tf

checked = []  # every value shown, for the check that both tabs compute the same


def show(label, t):
    """Print one row: label, then shape, dtype and values (or the plain value)."""
    if isinstance(t, (tf.Tensor, tf.Variable)):
        checked.extend(t.numpy().astype("float64").ravel().tolist())
        v = t.numpy().astype("float64").round(4) if t.dtype.is_floating else t.numpy()
        v = v.tolist() if v.size <= 12 else ""  # values of small ones only
        t = f"{tuple(t.shape)!s:<12} {t.dtype.name:<8} {v}"
    print(f"{label:<11} {t}".rstrip())


a = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])  # (2, 3)
b = tf.ones((3, 2))
u, v = tf.constant([1.0, 2.0]), tf.constant([3.0, 4.0])
p, q = tf.ones((4, 2, 3)), tf.ones((4, 3, 5))  # batches of 4 matrices
show("matmul", a @ b)
show("batched", tf.matmul(p, q))
show("dot", tf.tensordot(u, v, axes=1))
show("outer", keras.ops.outer(u, v))
show("einsum", tf.einsum("ij,jk->ik", a, b))
show("sum", tf.reduce_sum(a, axis=0))
show("mean keep", tf.reduce_mean(a, axis=1, keepdims=True))
show("max", tf.reduce_max(a, axis=1))
show("argmax", tf.argmax(a, axis=1))
n = tf.cast(tf.size(a), a.dtype)  # no ddof option: rescale by n / (n - 1) yourself
show("std", tf.math.reduce_std(a) * tf.sqrt(n / (n - 1)))  # the sample std
show("std pop", tf.math.reduce_std(a))  # population std: divides by n
show("norm", tf.norm(u))
show("cumsum", tf.cumsum(a, axis=1))


# %% Layers: rosetta/layers
reseed()
"""Rosetta stone, layers in Keras 3 (keras.layers): one line per table row."""
import keras
import tensorflow as tf


def show(label, t):
    """Print one row: label, then shape, dtype and values (or the plain value)."""
    t = t.value if isinstance(t, keras.Variable) else t
    if isinstance(t, (tf.Tensor, tf.Variable)):
        v = t.numpy().astype("float64").round(4) if t.dtype.is_floating else t.numpy()
        v = v.tolist() if v.size <= 8 else ""  # random weights: shapes only
        t = f"{tuple(t.shape)!s:<12} {t.dtype.name:<8} {v}"
    print(f"{label:<11} {t}".rstrip())


x = tf.ones((4, 4))  # (batch, features)
img = tf.ones((1, 8, 8, 3))  # channels last: (batch, height, width, channels)
seq = tf.ones((2, 5, 4))  # (batch, time, features)
s = tf.constant([-1.0, 2.0])
dense = keras.layers.Dense(3)
show("dense", dense(x))  # the first call builds the kernel
show("weight", dense.kernel)  # (in, out)
conv = keras.layers.Conv2D(8, 3, padding="same")
show("conv2d", conv(img))
show("conv weight", conv.kernel)  # (height, width, in, out)
show("maxpool", keras.layers.MaxPooling2D(2)(img))
show("flatten", keras.layers.Flatten()(img))
show("embedding", keras.layers.Embedding(10, 4)(tf.constant([[1, 2, 3]])))
show("lstm", keras.layers.LSTM(6, return_sequences=True)(seq))
show("dropout", keras.layers.Dropout(0.5)(tf.ones(8), training=True))
show("dropout off", keras.layers.Dropout(0.5)(tf.ones(8)))  # training=False by default
show("batchnorm", keras.layers.BatchNormalization().momentum)  # weight of the old
show("layernorm", keras.layers.LayerNormalization().epsilon)
show("relu", keras.ops.relu(s))
show("softmax", keras.ops.softmax(s, axis=-1))
model = keras.Sequential([keras.layers.Dense(8, "relu"), keras.layers.Dense(3)])
model.build((None, 4))  # or start the list with keras.Input((4,))
show("params", model.count_params())


# %% Losses: rosetta/losses
reseed()
"""Rosetta stone, losses in Keras 3: one line per row of the page's table."""
import keras
import tensorflow as tf


def show(label, t):
    """Print one row: label, then shape, dtype and values (or the plain value)."""
    if isinstance(t, (tf.Tensor, tf.Variable)):
        v = t.numpy().astype("float64").round(4) if t.dtype.is_floating else t.numpy()
        v = v.tolist() if v.size <= 12 else ""  # values of small ones only
        t = f"{tuple(t.shape)!s:<12} {t.dtype.name:<8} {v}"
    print(f"{label:<11} {t}".rstrip())


logits = tf.constant([[2.0, 0.5, -1.0], [0.1, 1.5, 0.3]])  # raw scores, 3 classes
y = tf.constant([0, 1])  # class indices
onehot = tf.one_hot(y, 3)
z, t = tf.constant([1.0, -2.0, 0.5]), tf.constant([1.0, 0.0, 1.0])  # binary
pred = tf.constant([[1.0, 2.0], [4.0, 0.0]])
target = tf.constant([[1.5, 2.0], [2.0, 0.0]])
# Arguments go (y_true, y_pred): the target comes first.
show("ce", keras.losses.SparseCategoricalCrossentropy(from_logits=True)(y, logits))
show("ce probs", keras.losses.SparseCategoricalCrossentropy()(y, tf.nn.softmax(logits)))
show("ce wrong", keras.losses.SparseCategoricalCrossentropy()(y, logits))  # not probs
show("ce fn", keras.losses.sparse_categorical_crossentropy(y, logits, from_logits=True))
show("onehot", keras.losses.CategoricalCrossentropy(from_logits=True)(onehot, logits))
show("bce logits", keras.losses.BinaryCrossentropy(from_logits=True)(t, z))
show("mse", keras.losses.MeanSquaredError()(target, pred))
show("mse none", keras.losses.MeanSquaredError(reduction=None)(target, pred))
show("mae", keras.losses.MeanAbsoluteError()(target, pred))
show("huber", keras.losses.Huber(delta=1.0)(target, pred))
q = tf.nn.softmax(logits)  # KLDivergence wants probabilities, target first
show("kl", keras.losses.KLDivergence()(onehot * 0.8 + 0.2 / 3, q))


# %% Optimizers: rosetta/optimizers
reseed()
"""Rosetta stone, optimizers in Keras 3 (keras.optimizers): one line per table row."""
import keras
import tensorflow as tf


def show(label, t):
    """Print one row: label, then shape, dtype and values (or the plain value)."""
    if isinstance(t, (tf.Tensor, tf.Variable)):
        v = t.numpy().astype("float64").round(4) if t.dtype.is_floating else t.numpy()
        v = v.tolist() if v.size <= 12 else ""  # values of small ones only
        t = f"{tuple(t.shape)!s:<12} {t.dtype.name:<8} {v}"
    print(f"{label:<11} {t}".rstrip())


w = keras.Variable([1.0, -2.0])


def step(opt):
    """Two updates of loss = sum(w ** 2) from w = [1, -2]; returns the new w."""
    w.assign([1.0, -2.0])
    for _ in range(2):
        with tf.GradientTape() as tape:  # a fresh tape each step: nothing to clear
            loss = tf.reduce_sum(w ** 2)
        grads = tape.gradient(loss, [w])
        opt.apply_gradients(zip(grads, [w]))
    return w.value


show("sgd", step(keras.optimizers.SGD(learning_rate=0.1)))
show("momentum", step(keras.optimizers.SGD(learning_rate=0.1, momentum=0.9)))
show("adam", step(keras.optimizers.Adam(learning_rate=0.1)))
show("adam eps", keras.optimizers.Adam().epsilon)
show("adamw", step(keras.optimizers.AdamW(learning_rate=0.1)))
show("adamw wd", keras.optimizers.AdamW().weight_decay)
show("rmsprop", keras.optimizers.RMSprop().rho)  # decay of the average
sched = keras.optimizers.schedules.ExponentialDecay(0.1, decay_steps=1, decay_rate=0.5)
opt = keras.optimizers.SGD(learning_rate=sched)  # Keras steps the schedule itself
show("schedule", round(float(sched(1)), 4))
grads, norm = tf.clip_by_global_norm([tf.constant([3.0, 4.0])], clip_norm=1.0)
show("clip norm", norm)
show("clipped", grads[0])


# %% Saving and loading: rosetta/saving
reseed()
"""Rosetta stone, saving and loading in Keras 3: weights, then a whole model."""
import os

import keras
import tensorflow as tf

x = tf.ones((2, 4))
model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3)])
print("state keys ", [w.path for w in model.weights])

model.save_weights("model.weights.h5")  # the name must end in .weights.h5
fresh = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3)])
fresh.load_weights("model.weights.h5")
print("weights    ", bool(tf.reduce_all(fresh(x) == model(x))))

# The whole model (architecture, weights, compile state) in one .keras file.
model.save("model.keras")
loaded = keras.models.load_model("model.keras")
print("whole model", bool(tf.reduce_all(loaded(x) == model(x))))

model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), loss="mse")
model.fit(x, tf.zeros((2, 3)), verbose=0)  # one step, so Adam has moments to save
# Resuming training needs the optimizer state too: a compiled model saves it.
model.save("ckpt.keras")
opt2 = keras.models.load_model("ckpt.keras").optimizer
print("checkpoint ", type(opt2).__name__, "step", int(opt2.iterations))
print("files      ", sorted(os.listdir()))


# %% Devices: rosetta/devices
reseed()
"""Rosetta stone, devices in TensorFlow, CPU only: where tensors live, how they move."""
import keras
import tensorflow as tf

cpus = tf.config.list_physical_devices("CPU")
print("device     ", cpus[0].name)
print("gpu?       ", tf.config.list_physical_devices("GPU"))  # empty here
print("accelerator", [d.device_type for d in tf.config.get_visible_devices()])
x = tf.ones(2)
print("tensor on  ", x.device)  # placed on a GPU by itself when there is one
with tf.device("/CPU:0"):  # explicit placement is optional
    print("move       ", tf.identity(x).device)  # a copy, made on the scope's device
    print("create on  ", tf.zeros(2).device)
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])  # weights here
print("model on   ", model.weights[0].value.device)
print("result on  ", model(x[None]).device)  # no need to move inputs by hand


# %% Dtypes and casting: rosetta/dtypes
reseed()
"""Rosetta stone, dtypes and casting in TensorFlow: one line per table row."""
import keras
import numpy as np
import tensorflow as tf


def show(label, t):
    """Print one row: label, then shape, dtype and values (or the plain value)."""
    t = t.name if isinstance(t, tf.DType) else t
    if isinstance(t, (tf.Tensor, tf.Variable)):
        v = t.numpy().astype("float64").round(4) if t.dtype.is_floating else t.numpy()
        v = v.tolist() if v.size <= 12 else ""  # values of small ones only
        t = f"{tuple(t.shape)!s:<12} {t.dtype.name:<8} {v}"
    print(f"{label:<11} {t}".rstrip())


def attempt(label, fn):
    """Show fn's result, or the name of the error it raises."""
    try:
        show(label, fn())
    except tf.errors.InvalidArgumentError as err:
        show(label, type(err).__name__)


show("default", keras.config.floatx())
show("int list", tf.constant([1, 2]))
show("numpy f64", tf.constant(np.array([1.5])))  # NumPy's default is float64
show("cast", tf.cast(tf.constant([1.0, 2.0]), tf.float16))
show("truncate", tf.cast(tf.constant([1.7, -1.7]), tf.int64))  # rounds toward zero
attempt("int+float", lambda: tf.constant([1, 2]) + 0.5)  # no implicit promotion
attempt("f32+f64", lambda: tf.constant([1.0]) + tf.constant([1.0], tf.float64))
show("int / int", tf.constant([3]) / 2)
show("bfloat16", tf.ones(2, dtype=tf.bfloat16))
show("compare", tf.constant([1, 2]) > 1)
dense = keras.layers.Dense(2, dtype="mixed_bfloat16")  # compute bf16, f32 weights
show("mixed out", dense(tf.ones((1, 2))).dtype)
show("mixed var", dense.kernel.dtype)
show("ops promote", keras.ops.add(tf.constant([1, 2]), 0.5))  # keras.ops promotes


# %% Random numbers: rosetta/random
reseed()
"""Rosetta stone, random numbers in TensorFlow and Keras: one line per table row."""
import keras
import tensorflow as tf


def show(label, t):
    """Print one row: label, then shape, dtype and values (or the plain value)."""
    if isinstance(t, (tf.Tensor, tf.Variable)):
        v = t.numpy().astype("float64").round(4) if t.dtype.is_floating else t.numpy()
        v = v.tolist() if v.size <= 12 else ""  # values of small ones only
        t = f"{tuple(t.shape)!s:<12} {t.dtype.name:<8} {v}"
    print(f"{label:<11} {t}".rstrip())


keras.utils.set_random_seed(0)  # seeds Python, NumPy, TensorFlow and Keras
show("normal", tf.random.normal((2, 3)))
show("uniform", tf.random.uniform((3,)))
show("randint", tf.random.uniform((4,), 0, 10, dtype=tf.int64))  # maxval is excluded
show("permute", tf.random.shuffle(tf.range(5)))
probs = tf.constant([[0.3, 0.0, 0.7]])
show("sample", tf.random.categorical(tf.math.log(probs), 4)[0])  # from log-probs
g = keras.random.SeedGenerator(42)  # a generator of its own, apart from the global
show("generator", keras.random.normal((3,), seed=g))
show("next draw", keras.random.normal((3,), seed=g))  # its state moved on
show("seeded call", keras.random.normal((3,), seed=42))  # repeats the generator row
