# The converging future: the TensorFlow examples, from the living TensorFlow-vs-PyTorch
# comparison. Each `# %%` cell is a standalone script.
# The outputs on the page were made with: pip install keras==3.15.1 numpy==2.4.6 onnx==1.23.2 onnxruntime==1.32.0 tensorflow==2.21.0 tf2onnx==1.17.0


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


# %% One Keras model, two backends: future/keras_backends
reseed()
"""The same Keras 3 model code, run on the TensorFlow backend."""

import os

# The backend must be chosen before Keras is imported.
os.environ["KERAS_BACKEND"] = "tensorflow"

import keras  # noqa: E402
import numpy as np  # noqa: E402

# Everything below is identical in both files. Each backend has its own random
# number generator, so the initial weights differ and the trained numbers
# differ slightly between the two files.
keras.utils.set_random_seed(0)

x = np.arange(24, dtype="float32").reshape(8, 3) / 24
y = x @ np.array([[1.0], [2.0], [0.5]], dtype="float32") + 0.25

model = keras.Sequential(
    [
        keras.Input(shape=(3,)),
        keras.layers.Dense(4, activation="relu"),
        keras.layers.Dense(1),
    ]
)
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1), loss="mse")
history = model.fit(x, y, epochs=50, batch_size=8, verbose=0)

print("backend:", keras.backend.backend())
value = model.weights[0].value  # the backend's native tensor/variable
print("weight type:", f"{type(value).__module__}.{type(value).__name__}")
print("final loss:", round(history.history["loss"][-1], 4))
print("target:    ", [round(float(t), 3) for t in y[:3, 0]])
prediction = model.predict(x[:3], verbose=0)
print("prediction:", [round(float(p), 3) for p in prediction[:, 0]])


# %% Two compilers, one idea: future/compiled_function
reseed()
"""Compiling a TensorFlow function with XLA and checking it matches eager."""

import numpy as np
import tensorflow as tf


def fn(x, w):
    return tf.nn.gelu(x @ w) * 2 + 1


tf.random.set_seed(0)
x = tf.random.normal((64, 64))
w = tf.random.normal((64, 64)) / 8

# The first call traces a graph and compiles it with XLA; later calls reuse it.
compiled_fn = tf.function(fn, jit_compile=True)

eager = fn(x, w)
compiled = compiled_fn(x, w)
print("output shape:", tuple(compiled.shape))
print("matches eager:", np.allclose(eager, compiled, atol=1e-5))
print("checksum:", round(float(tf.reduce_sum(compiled)), 3))


# %% ONNX as a meeting point: future/onnx_meeting_point
reseed()
"""Keras on TensorFlow reaching ONNX: shared weights in, an ONNX graph out."""

import keras
import numpy as np
import onnx
import onnxruntime as ort

# The same numbers in both tabs: weights as (inputs, outputs) matrices.
rng = np.random.default_rng(0)
w1, b1 = rng.normal(size=(4, 8)), rng.normal(size=8)
w2, b2 = rng.normal(size=(8, 2)), rng.normal(size=2)
x = np.linspace(-1, 1, 12, dtype=np.float32).reshape(3, 4)

model = keras.Sequential(
    [keras.Input(shape=(4,)), keras.layers.Dense(8, activation="relu"),
     keras.layers.Dense(2)]
)
# A Keras Dense kernel is already (inputs, outputs): no transpose needed.
model.layers[0].set_weights([w1, b1])
model.layers[1].set_weights([w2, b2])

np.set_printoptions(precision=4, suppress=True)
print("Keras output:")
print(model(x).numpy())  # this call also lets Keras trace the model for export

# On the TensorFlow backend, Keras converts through the separate tf2onnx package.
model.export("model.onnx", format="onnx", verbose=False)
graph = onnx.load("model.onnx").graph
print("ONNX ops:", [node.op_type for node in graph.node])
print("weights stored:", sorted(tuple(t.dims) for t in graph.initializer))

options = ort.SessionOptions()
options.intra_op_num_threads = 1
session = ort.InferenceSession("model.onnx", options)
(out,) = session.run(None, {session.get_inputs()[0].name: x})
print("ONNX Runtime output:")
print(out)
