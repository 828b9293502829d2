"""Mixed precision in PyTorch: torch.autocast runs a region of code in bfloat16."""
# compare-differs: each framework draws its own random initial weights
import numpy as np
import torch
from torch import nn

rng = np.random.default_rng(0)
x = torch.from_numpy(rng.normal(size=(32, 64)).astype(np.float32))
labels = torch.from_numpy(rng.integers(0, 10, size=32))
model = nn.Sequential(nn.Linear(64, 128), nn.ReLU(), nn.Linear(128, 10))

# autocast changes no module: it picks a dtype per operation while the block runs.
with torch.autocast(device_type="cpu", dtype=torch.bfloat16):
    hidden = model[1](model[0](x))
    logits = model[2](hidden)
    loss = nn.functional.cross_entropy(logits, labels)
loss.backward()  # outside the block: backward reuses the dtypes of the forward pass

print("weights:            ", model[0].weight.dtype)
print("Linear, ReLU output:", hidden.dtype)
print("logits:             ", logits.dtype)
print("loss:               ", loss.dtype, "(cross_entropy is kept in float32)")
print("weight gradient:    ", model[0].weight.grad.dtype)

with torch.no_grad():
    full = model(x)  # the same model outside the block: float32 again
err = (logits.float() - full).abs().max().item()
print("float32 outside the block:", full.dtype)
print("logits within 0.05 of float32:", err < 0.05)
