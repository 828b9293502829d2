# Origins and philosophy: the PyTorch examples, from the living TensorFlow-vs-PyTorch
# comparison. Each `# %%` cell is a standalone script.
# The outputs on the page were made with: pip install numpy==2.4.6 torch==2.15.0


# CI runs each snippet in a fresh process, one thread, seeded with 0:
import random

import numpy as np
import torch

torch.set_num_threads(1)


def reseed(*_):
    random.seed(0)
    np.random.seed(0)
    torch.manual_seed(0)


# %% A first tensor: origins/first_tensor
reseed()
"""A first PyTorch program: make a tensor, do arithmetic and a matrix product."""
import torch

x = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
print("x:")
print(x)
print("dtype:", x.dtype)
print("shape:", tuple(x.shape))

# `*` multiplies elementwise; `@` is the matrix product.
print("x * x:")
print(x * x)
product = x @ x
print("x @ x:")
print(product)
# .item() turns a one-element tensor into a plain Python number.
print("sum:", x.sum().item())
