"""PyTorch tensor basics: creation, indexing, broadcasting, dtypes, NumPy interop."""
import numpy as np
import torch

# Creation
t = torch.arange(12).reshape(3, 4)
print("t:")
print(t)
print("zeros shape:", tuple(torch.zeros(2, 3).shape), "| ones:", torch.ones(3))

# Indexing and slicing follow NumPy rules
print("t[1]:", t[1].tolist(), "| t[:, 1]:", t[:, 1].tolist())
print("t[1:, ::2]:", t[1:, ::2].tolist(), "| t[-1, -1]:", t[-1, -1].item())

# Broadcasting: (3, 1) + (1, 4) -> (3, 4)
col = torch.tensor([[0.0], [10.0], [20.0]])
row = torch.tensor([[1.0, 2.0, 3.0, 4.0]])
print("col + row:")
print(col + row)

# Default dtypes: floats are float32 in both frameworks, integers are int64 here
print("float default:", torch.tensor([1.5]).dtype)
print("int default:", torch.tensor([1]).dtype)
print("int -> float32:", t[0].to(torch.float32))

# NumPy -> tensor keeps NumPy's float64; from_numpy shares the array's memory
a = np.array([1.0, 2.0, 3.0])
ta = torch.from_numpy(a)
a[0] = 100.0  # visible through ta, since they share memory
print("from NumPy, after a[0] = 100:", ta)
print("to NumPy:", (ta * 2).numpy())
