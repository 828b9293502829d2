"""Exporting a Keras model as a SavedModel and reloading it with TensorFlow."""

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)
model = keras.Sequential(
    [
        keras.Input(shape=(4,)),  # batch dimension is dynamic by default
        keras.layers.Dense(8, activation="relu"),
        keras.layers.Dense(2),
    ]
)
x = np.arange(12, dtype="float32").reshape(3, 4) / 10

# Writes a SavedModel directory with a `serve` endpoint for inference.
model.export("exported", verbose=False)

# The loaded object needs no Keras or Python model code, only TensorFlow.
reloaded = tf.saved_model.load("exported")

expected = model(x).numpy()
actual = reloaded.serve(x).numpy()
print("output shape:", actual.shape)
print("outputs match:", np.allclose(expected, actual))
print("max abs diff:", round(float(np.abs(expected - actual).max()), 6))
print("other batch size:", tuple(reloaded.serve(np.zeros((5, 4), "float32")).shape))
