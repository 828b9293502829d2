"""Rosetta stone, saving and loading in Keras 3: weights, then a whole model."""
# compare-differs: the two tabs show each framework's own file formats
import os

import keras
import tensorflow as tf

x = tf.ones((2, 4))
model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3)])
print("state keys ", [w.path for w in model.weights])

model.save_weights("model.weights.h5")  # the name must end in .weights.h5
fresh = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3)])
fresh.load_weights("model.weights.h5")
print("weights    ", bool(tf.reduce_all(fresh(x) == model(x))))

# The whole model (architecture, weights, compile state) in one .keras file.
model.save("model.keras")
loaded = keras.models.load_model("model.keras")
print("whole model", bool(tf.reduce_all(loaded(x) == model(x))))

model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), loss="mse")
model.fit(x, tf.zeros((2, 3)), verbose=0)  # one step, so Adam has moments to save
# Resuming training needs the optimizer state too: a compiled model saves it.
model.save("ckpt.keras")
opt2 = keras.models.load_model("ckpt.keras").optimizer
print("checkpoint ", type(opt2).__name__, "step", int(opt2.iterations))
print("files      ", sorted(os.listdir()))
