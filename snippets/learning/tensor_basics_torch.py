"""PyTorch tensor basics: creation, default dtypes, type promotion, NumPy interop."""
# compare-differs: each tab shows its own framework's dtypes and promotion rules
import numpy as np
import torch

# Creation: from Python lists, or with shape-taking factories
t = torch.tensor([[1, 2, 3], [4, 5, 6]])
print("t:", t.tolist(), "| shape:", tuple(t.shape))
print("zeros:", tuple(torch.zeros(2, 3).shape), "| arange:", torch.arange(0, 1, 0.25))

# Default dtypes: Python floats become float32 in both frameworks;
# Python ints become int64 here (int32 in TensorFlow).
print("float default:", torch.tensor([1.5]).dtype)
print("int default:", t.dtype)

# Mixing dtypes promotes, as in NumPy: int64 tensor + Python float -> float32
mixed = t + 0.5
print("int + 0.5:", mixed.dtype, mixed[0].tolist())
print("explicit cast:", t.to(torch.float32).dtype)

# NumPy -> tensor: from_numpy shares memory (and keeps NumPy's float64)
a = np.array([1.0, 2.0, 3.0])
shared = torch.from_numpy(a)
copied = torch.tensor(a)  # torch.tensor always copies
a[0] = 100.0
print("from_numpy, a[0] = 100:", shared.tolist(), shared.dtype)
print("torch.tensor, a[0] = 100:", copied.tolist())

# tensor -> NumPy: .numpy() on a CPU tensor is a view, not a copy
back = copied.numpy()
copied += 1  # an in-place change to the tensor shows up in the array
print("numpy() after the tensor += 1:", back, type(back).__name__)
