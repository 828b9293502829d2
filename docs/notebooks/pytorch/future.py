# The converging future: the PyTorch examples, from the living TensorFlow-vs-PyTorch
# comparison. Each `# %%` cell is a standalone script.
# The outputs on the page were made with: pip install keras==3.15.1 numpy==2.4.6 onnx==1.23.2 onnxruntime==1.32.0 onnxscript==0.7.2 torch==2.15.0


# CI runs each snippet in a fresh process, one thread, seeded with 0:
import random

import numpy as np
import torch

torch.set_num_threads(1)


def reseed(*_):
    random.seed(0)
    np.random.seed(0)
    torch.manual_seed(0)


# %% One Keras model, two backends: future/keras_backends
reseed()
"""The same Keras 3 model code, run on the PyTorch backend."""

import os

# The backend must be chosen before Keras is imported.
os.environ["KERAS_BACKEND"] = "torch"

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
"""Compiling a PyTorch function with torch.compile and checking it matches eager."""

import torch
import torch.nn.functional as F


def fn(x, w):
    return F.gelu(x @ w) * 2 + 1


torch.manual_seed(0)
x = torch.randn(64, 64)
w = torch.randn(64, 64) / 8

# The first call traces and generates fused kernels; later calls reuse them.
compiled_fn = torch.compile(fn)

eager = fn(x, w)
compiled = compiled_fn(x, w)
print("output shape:", tuple(compiled.shape))
print("matches eager:", torch.allclose(eager, compiled, atol=1e-5))
print("checksum:", round(compiled.sum().item(), 3))


# %% ONNX as a meeting point: future/onnx_meeting_point
reseed()
"""PyTorch reaching ONNX: shared weights in, an ONNX graph out, run by ONNX Runtime."""

import numpy as np
import onnx
import onnxruntime as ort
import torch
from torch import nn

# The same numbers in both tabs: weights as (inputs, outputs) matrices.
rng = np.random.default_rng(0)
w1, b1 = rng.normal(size=(4, 8)), rng.normal(size=8)
w2, b2 = rng.normal(size=(8, 2)), rng.normal(size=2)
x = np.linspace(-1, 1, 12, dtype=np.float32).reshape(3, 4)

model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2)).eval()
with torch.no_grad():  # nn.Linear stores its weight as (outputs, inputs)
    for layer, w, b in ((model[0], w1, b1), (model[2], w2, b2)):
        layer.weight.copy_(torch.tensor(w.T))
        layer.bias.copy_(torch.tensor(b))

np.set_printoptions(precision=4, suppress=True)
with torch.no_grad():
    print("PyTorch output:")
    print(model(torch.from_numpy(x)).numpy())

torch.onnx.export(model, (torch.from_numpy(x),), "model.onnx", dynamo=True,
                  verbose=False, external_data=False)
graph = onnx.load("model.onnx").graph
print("ONNX ops:", [node.op_type for node in graph.node])
print("weights stored:", sorted(tuple(t.dims) for t in graph.initializer))

options = ort.SessionOptions()
options.intra_op_num_threads = 1
session = ort.InferenceSession("model.onnx", options)
(out,) = session.run(None, {session.get_inputs()[0].name: x})
print("ONNX Runtime output:")
print(out)
