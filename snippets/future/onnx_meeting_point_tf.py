"""Keras on TensorFlow reaching ONNX: shared weights in, an ONNX graph out."""
# compare-agree: out atol=1e-5

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
