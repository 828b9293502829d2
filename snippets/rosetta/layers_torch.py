"""Rosetta stone, layers in PyTorch (torch.nn): one line per row of the page's table."""
# compare-differs: each framework draws its own random initial weights
import torch
import torch.nn.functional as F
from torch import nn


def show(label, t):
    """Print one row: label, then shape, dtype and values (or the plain value)."""
    if isinstance(t, torch.Tensor):
        v = t.detach().double().round(decimals=4) if t.is_floating_point() else t
        v = v.tolist() if t.numel() <= 8 else ""  # random weights: shapes only
        t = f"{tuple(t.shape)!s:<12} {str(t.dtype)[6:]:<8} {v}"
    print(f"{label:<11} {t}".rstrip())


x = torch.ones(4, 4)  # (batch, features)
img = torch.ones(1, 3, 8, 8)  # channels first: (batch, channels, height, width)
seq = torch.ones(2, 5, 4)  # (batch, time, features)
s = torch.tensor([-1.0, 2.0])
lin = nn.Linear(4, 3)
show("dense", lin(x))
show("weight", lin.weight)  # (out, in)
conv = nn.Conv2d(3, 8, kernel_size=3, padding=1)
show("conv2d", conv(img))
show("conv weight", conv.weight)  # (out, in, height, width)
show("maxpool", nn.MaxPool2d(2)(img))
show("flatten", nn.Flatten()(img))
show("embedding", nn.Embedding(10, 4)(torch.tensor([[1, 2, 3]])))
show("lstm", nn.LSTM(4, 6, batch_first=True)(seq)[0])
show("dropout", nn.Dropout(0.5)(torch.ones(8)))  # modules start in training mode
show("dropout off", nn.Dropout(0.5).eval()(torch.ones(8)))
show("batchnorm", nn.BatchNorm1d(4).momentum)  # weight of the new batch
show("layernorm", nn.LayerNorm(4).eps)
show("relu", F.relu(s))
show("softmax", F.softmax(s, dim=-1))
model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3))
show("params", sum(p.numel() for p in model.parameters()))
