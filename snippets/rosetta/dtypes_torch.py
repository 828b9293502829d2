"""Rosetta stone, dtypes and casting in PyTorch: one line per table row."""
# compare-differs: each tab shows its own framework's dtype rules
import numpy as np
import torch
from torch import nn


def show(label, t):
    """Print one row: label, then shape, dtype and values (or the plain value)."""
    t = str(t)[6:] if isinstance(t, torch.dtype) else t
    if isinstance(t, torch.Tensor):
        v = t.detach().double().round(decimals=4) if t.is_floating_point() else t
        v = v.tolist() if t.numel() <= 12 else ""  # values of small ones only
        t = f"{tuple(t.shape)!s:<12} {str(t.dtype)[6:]:<8} {v}"
    print(f"{label:<11} {t}".rstrip())


show("default", torch.get_default_dtype())
show("int list", torch.tensor([1, 2]))
show("numpy f64", torch.from_numpy(np.array([1.5])))  # NumPy's default is float64
show("cast", torch.tensor([1.0, 2.0]).to(torch.float16))
show("truncate", torch.tensor([1.7, -1.7]).long())  # rounds toward zero
show("int+float", torch.tensor([1, 2]) + 0.5)  # promoted
show("f32+f64", torch.tensor([1.0]) + torch.tensor([1.0], dtype=torch.float64))
show("int / int", torch.tensor([3]) / 2)
show("bfloat16", torch.ones(2, dtype=torch.bfloat16))
show("compare", torch.tensor([1, 2]) > 1)
lin = nn.Linear(2, 2)
with torch.autocast("cpu", dtype=torch.bfloat16):  # compute in bf16, keep f32 weights
    show("mixed out", lin(torch.ones(1, 2)).dtype)
show("mixed var", lin.weight.dtype)
show("ops promote", torch.add(torch.tensor([1, 2]), 0.5))
