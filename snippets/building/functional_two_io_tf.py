"""The Keras Functional API: a model with two inputs and two outputs."""
# compare-agree: out_label out_score atol=1e-5
import keras
import numpy as np
from keras import layers

# Wire a graph of layers: each call on a symbolic tensor adds a node.
features = keras.Input(shape=(16,), name="features")
meta = keras.Input(shape=(4,), name="meta")
# A branch for one input only, then the two paths are joined.
h = layers.Dense(8, activation="relu", name="branch")(features)
h = layers.Concatenate(name="merge")([h, meta])
h = layers.Dense(32, activation="relu", name="trunk")(h)
label = layers.Dense(3, name="label")(h)  # head 1: class scores
score = layers.Dense(1, activation="sigmoid", name="score")(h)  # head 2: in 0..1
model = keras.Model(inputs=[features, meta], outputs=[label, score], name="two_io")

# named by keras.Input(name=...)
print("inputs:", [t.name for t in model.inputs])
# the names of the output layers
print("outputs:", model.output_names)
# The same weights and inputs in both tabs, from NumPy, so both compute the same.
rng = np.random.default_rng(0)
shapes = [(16, 8), 8, (12, 32), 32, (32, 3), 3, (32, 1), 1]  # Keras's (in, out) order
model.set_weights([rng.standard_normal(s, dtype=np.float32) * 0.3 for s in shapes])
inputs = [rng.standard_normal(s, dtype=np.float32) for s in ((5, 16), (5, 4))]
out_label, out_score = model(inputs)
print("label shape:", tuple(out_label.shape))
print("score shape:", tuple(out_score.shape))
print("params:", model.count_params())
