"""Exporting a Keras model as a SavedModel with a serving signature, then reloading."""
# compare-differs: the two tabs export different formats

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)
model = keras.Sequential(
    [
        # batch dimension stays dynamic
        keras.Input(shape=(4,), name="features"),
        keras.layers.Dense(8, activation="relu"),
        keras.layers.Dense(2),
    ]
)
x = np.arange(12, dtype="float32").reshape(3, 4) / 10

# Writes a SavedModel directory whose "serving_default" signature is what
# TensorFlow Serving and other SavedModel consumers call.
model.export("exported", verbose=False)

# The loaded object needs no Keras or Python model code, only TensorFlow.
loaded = tf.saved_model.load("exported")
serve = loaded.signatures["serving_default"]


def dims(spec):  # an unknown (dynamic) size prints as "batch"
    return tuple("batch" if d is None else d for d in spec.shape)


_, input_specs = serve.structured_input_signature
print("inputs: ", [(name, dims(spec)) for name, spec in input_specs.items()])
output_specs = serve.structured_outputs
print("outputs:", [(name, dims(spec)) for name, spec in output_specs.items()])

# A signature takes keyword tensors and returns a dict of named outputs.
expected = model(x).numpy()
actual = serve(features=tf.constant(x))["output_0"].numpy()
print("outputs match:", np.allclose(expected, actual))
print("max abs diff:", round(float(np.abs(expected - actual).max()), 6))
other = serve(features=tf.zeros((5, 4)))["output_0"]
print("other batch size:", tuple(other.shape))
