"""Saving and loading in Keras: save_weights/load_weights, and save/load_model."""
# compare-differs: the two tabs show each framework's own file formats
import os

import keras
import numpy as np


def make_model():
    return keras.Sequential(
        [
            keras.Input(shape=(4,)),
            keras.layers.Dense(8, activation="relu", name="hidden"),
            keras.layers.Dense(3, name="out"),
        ],
        name="mlp",
    )


model = make_model()
x = np.random.default_rng(0).normal(size=(2, 4)).astype(np.float32)
before = model.predict(x, verbose=0)

# Weights only: the name must end in .weights.h5; the architecture stays in code.
model.save_weights("mlp.weights.h5")
# Whole model: architecture, weights and compile state in one .keras file.
model.save("mlp.keras")
print("saved:", sorted(f for f in os.listdir() if f.startswith("mlp")))
print("weights:", [w.path for w in model.weights])

# same architecture, fresh random weights
restored = make_model()
restored.load_weights("mlp.weights.h5")
# no code needed to rebuild it
loaded = keras.models.load_model("mlp.keras")
print("predictions:")
print(before.round(4))
for label, m in [("weights file", restored), (".keras file", loaded)]:
    same = np.array_equal(before, m.predict(x, verbose=0))
    print(f"{label}, same predictions:", same)
