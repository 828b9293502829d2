"""Defining a model as a class in PyTorch: an nn.Module subclass (4 -> 8 -> 3 MLP)."""
# compare-differs: each framework draws its own random initial weights
import torch
from torch import nn


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        # Layers need their input size up front, so weights exist immediately.
        self.hidden = nn.Linear(4, 8)
        self.out = nn.Linear(8, 3)

    def forward(self, x):
        return self.out(torch.relu(self.hidden(x)))


torch.manual_seed(0)  # reproducible initial weights
model = MLP()
x = torch.ones(2, 4)  # a batch of 2 inputs with 4 features
y = model(x)
print("output shape:", tuple(y.shape))
print("parameters:", sum(p.numel() for p in model.parameters()))
# Linear stores its weight as (out_features, in_features).
for name, p in model.named_parameters():
    print(f"  {name:18} {tuple(p.shape)}")
