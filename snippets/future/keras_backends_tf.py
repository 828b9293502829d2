"""The same Keras 3 model code, run on the TensorFlow backend."""
# compare-differs: each Keras backend draws its own random initial weights

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
