"""PyTorch indexing, masks, in-place assignment and broadcasting, NumPy-style."""
# compare-agree: broadcast atol=1e-6
import torch

t = torch.arange(12).reshape(3, 4)
print("t:", t.tolist())

# Indexing and slicing follow NumPy rules
print("t[1]:", t[1].tolist(), "| t[:, 1]:", t[:, 1].tolist())
print("t[1:, ::2]:", t[1:, ::2].tolist(), "| t[-1, -1]:", t[-1, -1].item())
# A list of indices picks rows, as in NumPy
print("t[[0, 2]]:", t[[0, 2]].tolist())

# A boolean mask selects matching elements into a 1-D tensor
print("t[t % 3 == 0]:", t[t % 3 == 0].tolist())

# Tensors are mutable: assign through an index or a mask, in place
t[0, 0] = 100
t[t % 2 == 1] = 0
print("after assignment:", t.tolist())

# Broadcasting: shapes are aligned from the right; size-1 dims stretch
col = torch.tensor([[0.0], [10.0], [20.0]])  # (3, 1)
row = torch.tensor([1.0, 2.0, 3.0, 4.0])  # (4,) is treated as (1, 4)
broadcast = col + row
print("(3, 1) + (4,) ->", tuple(broadcast.shape))
print(broadcast.tolist())

# Shapes that cannot be aligned raise an error naming the sizes
try:
    torch.ones(3, 4) + torch.ones(3)
except RuntimeError as err:
    print("(3, 4) + (3,):", str(err).splitlines()[0])
