"""The Keras Functional API: a model with two inputs and two outputs."""
# compare-differs: each framework draws its own random initial weights
import keras
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

print("inputs:", [t.name for t in model.inputs])  # named by keras.Input(name=...)
print("outputs:", model.output_names)  # the names of the output layers
out_label, out_score = model(
    [keras.random.normal((5, 16)), keras.random.normal((5, 4))]
)
print("label shape:", tuple(out_label.shape))
print("score shape:", tuple(out_score.shape))
print("params:", model.count_params())
