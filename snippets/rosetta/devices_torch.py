"""Rosetta stone, devices in PyTorch, CPU only: where tensors live and how they move."""
# compare-differs: each tab shows its own framework's devices
import torch
from torch import nn

# The usual pattern is "cuda" if torch.cuda.is_available() else "cpu"; CPU here.
device = torch.device("cpu")
print("device     ", device)
print("gpu?       ", torch.cuda.is_available())  # False here: CUDA is hidden
# The accelerator there is (CUDA, MPS, XPU...), or None: a CUDA build names CUDA
# even without a GPU, unless asked to check.
print("accelerator", torch.accelerator.current_accelerator(check_available=True))
x = torch.ones(2)
print("tensor on  ", x.device)
print("move       ", x.to(device).device)  # explicit: nothing moves by itself
print("create on  ", torch.zeros(2, device=device).device)
model = nn.Linear(2, 1).to(device)  # moves the parameters in place
print("model on   ", model.weight.device)
print("result on  ", model(x.to(device)).device)  # inputs must sit with the model
