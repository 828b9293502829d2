"""Inspecting intermediate activations in Keras with a feature-extractor model."""
# compare-differs: each framework draws its own random initial weights

import keras
import numpy as np

keras.utils.set_random_seed(0)
model = keras.Sequential(
    [
        keras.Input(shape=(4,)),
        keras.layers.Dense(8, name="hidden"),
        keras.layers.ReLU(name="act"),
        keras.layers.Dense(2, name="out"),
    ]
)
x = np.arange(12, dtype="float32").reshape(3, 4) / 10

# A second model that shares the layers (and weights) but returns every
# layer's output instead of only the last one.
extractor = keras.Model(
    inputs=model.inputs, outputs=[layer.output for layer in model.layers]
)
activations = extractor([x])  # `model.inputs` is a list, so pass a list

for layer, output in zip(model.layers, activations, strict=True):
    mean = float(keras.ops.mean(output))
    print(f"{layer.name:>6}: shape={tuple(output.shape)} mean={mean:.4f}")
print("final output shape:", tuple(activations[-1].shape))
