"""nn.Sequential: a plain stack of layers, with a compact summary of each one."""
# compare-differs: each tab prints its own framework's model summary
import torch
from torch import nn

model = nn.Sequential(
    nn.Linear(4, 16),
    # activations are modules of their own in the stack
    nn.ReLU(),
    nn.Linear(16, 8),
    nn.ReLU(),
    nn.Linear(8, 3),
)

# PyTorch has no built-in summary; push a sample batch through to see the shapes.
x = torch.zeros(1, 4)
print(f"{'layer':14} {'output shape':14} {'params':>6}")
for name, layer in model.named_children():
    x = layer(x)
    shape = "(batch, " + ", ".join(map(str, x.shape[1:])) + ")"
    n = sum(p.numel() for p in layer.parameters())
    print(f"{name + ' ' + type(layer).__name__:14} {shape:14} {n:6d}")
print("total params:", sum(p.numel() for p in model.parameters()))
