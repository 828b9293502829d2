"""Rosetta stone, saving and loading in PyTorch: weights, then a whole model."""
# compare-differs: the two tabs show each framework's own file formats
import os

import torch
from torch import nn

x = torch.ones(2, 4)
model = nn.Sequential(nn.Linear(4, 3))
print("state keys ", list(model.state_dict()))

torch.save(model.state_dict(), "model.pt")  # weights only: a dict of tensors
fresh = nn.Sequential(nn.Linear(4, 3))  # the code must rebuild the architecture
fresh.load_state_dict(torch.load("model.pt"))  # weights_only=True by default
print("weights    ", torch.equal(fresh(x), model(x)))

# The whole program (code and weights) as a graph; TorchScript is deprecated.
torch.export.save(torch.export.export(model, (x,)), "model.pt2")
loaded = torch.export.load("model.pt2").module()
print("whole model", torch.equal(loaded(x), model(x)))

opt = torch.optim.Adam(model.parameters(), lr=0.01)
model(x).square().mean().backward()
opt.step()  # one training step, so Adam has moments worth saving
# Resuming training needs the optimizer state too: save both in one dict.
torch.save({"model": model.state_dict(), "opt": opt.state_dict()}, "ckpt.pt")
opt2 = torch.optim.Adam(fresh.parameters())
opt2.load_state_dict(torch.load("ckpt.pt")["opt"])
step = opt2.state_dict()["state"][0]["step"]  # Adam's step count, per parameter
print("checkpoint ", type(opt2).__name__, "step", int(step))
print("files      ", sorted(os.listdir()))
