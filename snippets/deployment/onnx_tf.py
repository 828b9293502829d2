"""Exporting a Keras model to ONNX and running it with ONNX Runtime."""
# compare-agree: onnx_out atol=1e-5

import keras
import numpy as np
import onnx
import onnxruntime as ort

model = keras.Sequential(
    [
        keras.Input(shape=(4,), name="features"),
        keras.layers.Dense(8, activation="relu"),
        keras.layers.Dense(2),
    ]
)
# the same weights in both tabs; the biases stay zero
rng = np.random.default_rng(0)
for layer, shape in zip(model.layers, ((4, 8), (8, 2)), strict=True):
    layer.kernel.assign(rng.standard_normal(shape, dtype=np.float32))
x = np.arange(12, dtype="float32").reshape(3, 4) / 10

# ONNX export traces the model's call, so Keras wants one real call first.
try:
    model.export("model.onnx", format="onnx", verbose=False)
except ValueError as e:
    print("before the first call:", str(e).strip())
keras_out = model(x).numpy()

# On the TensorFlow backend Keras traces a tf.function and hands it to tf2onnx.
model.export("model.onnx", format="onnx", verbose=False)

proto = onnx.load("model.onnx")
print("opset:", {imp.domain or "ai.onnx": imp.version for imp in proto.opset_import})
print("ops:", [node.op_type for node in proto.graph.node])

options = ort.SessionOptions()
options.intra_op_num_threads = 1
session = ort.InferenceSession("model.onnx", options)
print("inputs: ", [(i.name, i.shape) for i in session.get_inputs()])
print("outputs:", [(o.name, o.shape) for o in session.get_outputs()])

(onnx_out,) = session.run(None, {"features": x})
print("max abs diff vs Keras:", f"{np.abs(onnx_out - keras_out).max():.4f}")
(other,) = session.run(None, {"features": np.zeros((5, 4), np.float32)})
print("other batch size:", other.shape)
