"""A residual block in the Keras Functional API: the skip connection is an Add layer."""
# compare-agree: out atol=1e-5
import keras
import numpy as np
from keras import layers


def residual_block(x, units, name):
    h = layers.Dense(units, activation="relu", name=f"{name}_fc1")(x)
    h = layers.Dense(units, name=f"{name}_fc2")(h)
    # The two paths must have one size to be added: project x when it differs.
    shortcut = x
    if x.shape[-1] != units:
        shortcut = layers.Dense(units, use_bias=False, name=f"{name}_proj")(x)
    h = layers.Add(name=f"{name}_add")([h, shortcut])  # the skip connection
    return layers.Activation("relu", name=f"{name}_relu")(h)


inputs = keras.Input(shape=(8,), name="x")
outputs = residual_block(residual_block(inputs, 8, "block1"), 16, "block2")
model = keras.Model(inputs, outputs, name="residual")

# The same numbers in both tabs, drawn in one order from one generator: W is (out, in),
# and a Dense kernel is (in, out), so it gets W.T.
rng = np.random.default_rng(0)
for name in ["block1_fc1", "block1_fc2", "block2_fc1", "block2_fc2", "block2_proj"]:
    layer = model.get_layer(name)
    units, features_in = layer.units, layer.kernel.shape[0]
    weights = [rng.normal(0, 0.3, (units, features_in)).T]
    if layer.use_bias:
        weights.append(rng.normal(0, 0.1, units))
    layer.set_weights(weights)
x = rng.normal(size=(4, 8)).astype(np.float32)

# The model's config records each layer's inputs: find the additions.
for layer in model.get_config()["layers"]:
    if layer["class_name"] == "Add":
        tensors = layer["inbound_nodes"][0]["args"][0]
        print("add:", " + ".join(t["config"]["keras_history"][0] for t in tensors))
print("parameters:", model.count_params())
out = model(x)
print("output shape:", tuple(out.shape))
print("row sums:", out.numpy().sum(axis=1).round(4))
