"""Rosetta stone, tensor creation in PyTorch: one line per row of the page's table."""
# compare-differs: one line per table row; the rows are printed, not kept to compare
import numpy as np
import torch


def show(label, t):
    """Print one row: label, then shape, dtype and values (or the plain value)."""
    if isinstance(t, torch.Tensor):
        v = t.detach().double().round(decimals=4) if t.is_floating_point() else t
        v = v.tolist() if t.numel() <= 12 else ""  # values of small ones only
        t = f"{tuple(t.shape)!s:<12} {str(t.dtype)[6:]:<8} {v}"
    print(f"{label:<11} {t}".rstrip())


x = torch.tensor([[1, 2], [3, 4]])  # Python ints become int64
show("from list", x)
show("zeros", torch.zeros(2, 3))
show("ones", torch.ones(2, 3))
show("full", torch.full((2, 2), 7.0))
show("eye", torch.eye(3))
show("arange", torch.arange(0, 10, 3))
show("linspace", torch.linspace(0, 1, 5))
show("zeros_like", torch.zeros_like(x))
a = np.array([1.5, 2.5], dtype=np.float32)
t = torch.from_numpy(a)
a[0] = 9.0  # the tensor sees this change: it shares memory with `a`
show("from numpy", t)
show("to numpy", type(torch.ones(2).numpy()).__name__)
show("trainable", torch.zeros(2, requires_grad=True).requires_grad)
