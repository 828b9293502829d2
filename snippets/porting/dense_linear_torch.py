"""Porting a Keras Dense layer to torch.nn.Linear: the kernel must be transposed."""
# compare-agree: y atol=1e-5
import numpy as np
import torch

# The same numbers in both tabs: the layer computes y = x @ W.T + b, W is (out, in).
rng = np.random.default_rng(0)
W = rng.standard_normal((4, 4), dtype=np.float32)
b = rng.standard_normal(4, dtype=np.float32)
x = rng.standard_normal((3, 4), dtype=np.float32)
reference = x @ W.T + b

# What a Keras checkpoint holds: Dense stores its kernel as (in, out), that is W.T.
kernel, bias = W.T.copy(), b

layer = torch.nn.Linear(4, 4)
print("Linear.weight shape:", tuple(layer.weight.shape), "= (out, in)")
with torch.no_grad():
    # Naive: copy the kernel as it is. The layer is square, so no shape error warns you.
    layer.weight.copy_(torch.from_numpy(kernel))
    layer.bias.copy_(torch.from_numpy(bias))
    err = np.abs(layer(torch.from_numpy(x)).numpy() - reference).max()
    print(f"naive port, kernel as is: max |diff| = {err:.4f}")
    # Right: transpose the kernel to (out, in).
    layer.weight.copy_(torch.from_numpy(kernel.T))
    y = layer(torch.from_numpy(x))
err = np.abs(y.numpy() - reference).max()
print(f"right port, kernel.T:     max |diff| = {err:.4f}")
print("y[0]:", y[0].numpy().round(4))
