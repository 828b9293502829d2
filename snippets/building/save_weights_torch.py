"""Saving and loading weights in PyTorch: torch.save(state_dict) and load_state_dict."""
# compare-differs: the two tabs show each framework's own file formats
import os

import torch
from torch import nn


def make_model():
    return nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3))


model = make_model()
x = torch.randn(2, 4)
# inference mode (matters for dropout and batch norm)
model.eval()
before = model(x).detach()

# A state_dict maps parameter names to tensors; it holds no code.
torch.save(model.state_dict(), "mlp.pt")
print("saved:", sorted(f for f in os.listdir() if f.startswith("mlp")))
print("keys:", list(model.state_dict()))

# To load, build the same architecture in code, then copy the tensors in.
restored = make_model()
# weights_only=True by default
restored.load_state_dict(torch.load("mlp.pt"))
restored.eval()
after = restored(x).detach()
print("predictions:")
print(before.numpy().round(4))
print("weights file, same predictions:", torch.equal(before, after))
