"""Porting torch.nn.Linear to a Keras Dense layer: the weight must be transposed."""
# compare-agree: y atol=1e-5
import keras
import numpy as np

# The same numbers in both tabs: the layer computes y = x @ W.T + b, W is (out, in).
rng = np.random.default_rng(0)
W = rng.standard_normal((4, 4), dtype=np.float32)
b = rng.standard_normal(4, dtype=np.float32)
x = rng.standard_normal((3, 4), dtype=np.float32)
reference = x @ W.T + b

# What a PyTorch state_dict holds: Linear stores its weight as (out, in), that is W.
weight, bias = W, b

layer = keras.layers.Dense(4)
layer.build((None, 4))
print("Dense.kernel shape:", tuple(layer.kernel.shape), "= (in, out)")
# Naive: copy the weight as it is. The layer is square, so no shape error warns you.
layer.set_weights([weight, bias])
err = np.abs(layer(x).numpy() - reference).max()
print(f"naive port, weight as is: max |diff| = {err:.4f}")
# Right: transpose the weight to (in, out).
layer.set_weights([weight.T, bias])
y = layer(x)
err = np.abs(y.numpy() - reference).max()
print(f"right port, weight.T:     max |diff| = {err:.4f}")
print("y[0]:", y[0].numpy().round(4))
