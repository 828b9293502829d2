"""tf.lite.Interpreter runs in TensorFlow 2.21 but warns that LiteRT replaces it."""
# compare-differs: each tab shows its own framework's deprecation warning

import warnings

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)
model = keras.Sequential(
    [
        keras.Input(shape=(4,), name="features"),
        keras.layers.Dense(8, activation="relu"),
        keras.layers.Dense(2),
    ]
)
x = np.arange(12, dtype="float32").reshape(3, 4) / 10
model.export("model.tflite", format="litert", verbose=False)

# The old on-device route: run the .tflite file with TensorFlow's own interpreter.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    interpreter = tf.lite.Interpreter(model_path="model.tflite")

# Collapse the message's line breaks and indentation into single spaces.
messages = dict.fromkeys((w.category.__name__, " ".join(str(w.message).split()))
                         for w in caught)
for category, message in messages:
    # each distinct warning once, in order
    print(f"{category}:", message)
run = interpreter.get_signature_runner("serving_default")
output = run(features=x)["output_0"]
print("still runs, outputs match:", np.allclose(output, model(x).numpy(), atol=1e-6))
