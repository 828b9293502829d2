"""Inspecting intermediate activations in Keras with a feature-extractor model."""
# compare-agree: y atol=1e-5

import keras
import numpy as np

model = keras.Sequential(
    [
        keras.Input(shape=(4,)),
        keras.layers.Dense(8, name="hidden"),
        keras.layers.ReLU(name="act"),
        keras.layers.Dense(2, name="out"),
    ]
)
# the same weights in both tabs, drawn by NumPy
rng = np.random.default_rng(0)
for layer, shape in ((model.layers[0], (4, 8)), (model.layers[2], (8, 2))):
    layer.kernel.assign(rng.standard_normal(shape, dtype=np.float32))
x = np.arange(12, dtype="float32").reshape(3, 4) / 10

# A second model that shares the layers (and weights) but returns every
# layer's output instead of only the last one.
extractor = keras.Model(
    inputs=model.inputs, outputs=[layer.output for layer in model.layers]
)
# `model.inputs` is a list, so pass a list
activations = extractor([x])

for layer, output in zip(model.layers, activations, strict=True):
    mean = float(keras.ops.mean(output))
    print(f"{layer.name:>6}: shape={tuple(output.shape)} mean={mean:.4f}")
y = activations[-1]
print("final output shape:", tuple(y.shape))
