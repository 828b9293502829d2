"""LiteRT: a Keras model to a .tflite file, run by the ai-edge-litert interpreter."""
# compare-agree: original device_output atol=1e-5
import keras
import numpy as np
from ai_edge_litert.interpreter import Interpreter

# The same weights on both tabs, made with NumPy. Dense stores them as [in, out].
rng = np.random.default_rng(0)
W1, W2 = rng.normal(0, 0.5, (4, 8)), rng.normal(0, 0.5, (8, 2))  # [in, out]
B1, B2 = rng.normal(0, 0.1, 8), rng.normal(0, 0.1, 2)
model = keras.Sequential([keras.Input(shape=(4,), name="features"),
                          keras.layers.Dense(8, activation="relu"),
                          keras.layers.Dense(2)])
model.set_weights([W1, B1, W2, B2])
x = np.linspace(-1, 1, 12, dtype="float32").reshape(3, 4)
original = model(x).numpy()

# Convert and write the flatbuffer; the batch dimension stays open (-1).
model.export("model.tflite", format="litert", verbose=False)

# The interpreter is its own package: running the file needs no TensorFlow.
interpreter = Interpreter(model_path="model.tflite")
run = interpreter.get_signature_runner("serving_default")
details = run.get_input_details()["features"], run.get_output_details()["output_0"]
print("input:", details[0]["shape_signature"].tolist(),
      "output:", details[1]["shape_signature"].tolist())
device_output = run(features=x)["output_0"]
print("LiteRT output:", np.round(device_output.astype(float), 4).tolist())
print("max abs diff vs Keras:", f"{np.abs(device_output - original).max():.4f}")
