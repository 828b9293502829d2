"""Freeze a layer and add one between two training steps of a PyTorch model."""
# compare-differs: each framework draws its own random initial weights
import numpy as np
import torch
from torch import nn

rng = np.random.default_rng(0)
x = torch.from_numpy(rng.normal(size=(32, 4)).astype(np.float32))
y = x.sum(dim=1, keepdim=True)

model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
step_number = 0


def step():
    """One training step; says which layers it changed."""
    global step_number
    step_number += 1
    weighted = [layer for layer in model if hasattr(layer, "weight")]
    before = [layer.weight.detach().clone() for layer in weighted]
    optimizer.zero_grad()
    loss = nn.functional.mse_loss(model(x), y)
    loss.backward()
    optimizer.step()
    changed = [not torch.equal(old, layer.weight)
               for old, layer in zip(before, weighted, strict=True)]
    print(f"step {step_number}  loss {loss.item():.3f}  weights changed: {changed}")


step()
step()

print("-- freeze the first layer: requires_grad_(False)")
model[0].requires_grad_(False)
# no gradient reaches it, and Adam skips a parameter whose .grad is None
step()

print("-- append a layer: it runs in the next forward pass at once")
added = nn.Linear(1, 1)
model.append(added)
step()  # ...but the optimizer was given the old parameters only
print("   the new layer has a gradient:", added.weight.grad is not None)

print("-- optimizer.add_param_group: now it trains too")
optimizer.add_param_group({"params": added.parameters()})
step()
print("param groups:", len(optimizer.param_groups),
      "| tensors with Adam state:", len(optimizer.state),
      "(the old layers kept theirs)")
