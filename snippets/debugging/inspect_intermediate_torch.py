"""Inspecting intermediate activations in PyTorch with forward hooks."""
# compare-agree: y atol=1e-5

from collections import OrderedDict

import numpy as np
import torch
from torch import nn

model = nn.Sequential(
    OrderedDict(
        hidden=nn.Linear(4, 8),
        act=nn.ReLU(),
        out=nn.Linear(8, 2),
    )
)
# the same weights in both tabs, drawn by NumPy
rng = np.random.default_rng(0)
with torch.no_grad():
    for layer, shape in ((model.hidden, (4, 8)), (model.out, (8, 2))):
        kernel = rng.standard_normal(shape, dtype=np.float32)  # Keras's (in, out)
        layer.weight.copy_(torch.from_numpy(kernel.T.copy()))  # Linear's is (out, in)
        layer.bias.zero_()
x = torch.arange(12, dtype=torch.float32).reshape(3, 4) / 10


def report(name):
    # A hook sees (module, inputs, output) every time the module runs.
    def hook(module, inputs, output):
        print(f"{name:>6}: shape={tuple(output.shape)} mean={output.mean():.4f}")

    return hook


handles = [
    layer.register_forward_hook(report(name)) for name, layer in model.named_children()
]
with torch.no_grad():
    y = model(x)

# Remove hooks when done so later forward passes stay silent.
for handle in handles:
    handle.remove()
print("final output shape:", tuple(y.shape))
