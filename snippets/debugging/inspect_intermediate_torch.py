"""Inspecting intermediate activations in PyTorch with forward hooks."""
# compare-differs: each framework draws its own random initial weights

from collections import OrderedDict

import torch
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(
    OrderedDict(
        hidden=nn.Linear(4, 8),
        act=nn.ReLU(),
        out=nn.Linear(8, 2),
    )
)
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
