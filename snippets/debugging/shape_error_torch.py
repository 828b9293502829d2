"""A matmul shape mismatch in PyTorch: the error message, then the fix."""
# compare-differs: the two tabs show each framework's own error message

import torch

a = torch.ones(2, 3)
b = torch.ones(2, 3)

try:
    a @ b  # inner dimensions are 3 and 2: they must match
except RuntimeError as err:
    print("error:", type(err).__name__)
    print("message:", str(err).splitlines()[0])

# Transposing b makes the shapes (2, 3) @ (3, 2).
fixed = a @ b.T
print("fixed shape:", tuple(fixed.shape))
print("fixed result:", fixed.tolist())
