"""Compiling a PyTorch function with torch.compile and checking it matches eager."""
# compare-differs: each tab checks its compiler against its own eager run
# compare-options: timeout=300

import torch
import torch.nn.functional as F


def fn(x, w):
    return F.gelu(x @ w) * 2 + 1


torch.manual_seed(0)
x = torch.randn(64, 64)
w = torch.randn(64, 64) / 8

# The first call traces and generates fused kernels; later calls reuse them.
compiled_fn = torch.compile(fn)

eager = fn(x, w)
compiled = compiled_fn(x, w)
print("output shape:", tuple(compiled.shape))
print("matches eager:", torch.allclose(eager, compiled, atol=1e-5))
print("checksum:", round(compiled.sum().item(), 3))
