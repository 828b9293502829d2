# Ease of learning: the PyTorch examples, from the living TensorFlow-vs-PyTorch
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


# %% Tensors, dtypes and NumPy: `from_numpy` and `.numpy()`: learning/tensor_basics
reseed()
"""PyTorch tensor basics: creation, default dtypes, type promotion, NumPy interop."""
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


# %% Indexing, masks and broadcasting: learning/indexing_broadcasting
reseed()
"""PyTorch indexing, masks, in-place assignment and broadcasting, NumPy-style."""
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


# %% Automatic differentiation: learning/autograd
reseed()
"""Gradients in PyTorch: backward() fills .grad on leaf tensors, and accumulates."""
import torch

# f(w) = sum(w**2 + 3w), so df/dw = 2w + 3
w = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)  # ask autograd to track w
c = torch.tensor([1.0, 1.0, 1.0])  # not tracked: no gradient is kept for it
f = (w**2 + 3 * w).sum()
f.backward()  # walks the recorded graph back to the leaves
print("f:", f.item())
print("df/dw:", w.grad.tolist(), "| expected:", (2 * w + 3).tolist())
print("grad of an untracked tensor:", c.grad)

# A second backward() adds to .grad instead of replacing it...
f = (w**2 + 3 * w).sum()
f.backward()
print("after a 2nd backward:", w.grad.tolist())
w.grad = None  # ...which is why training loops call optimizer.zero_grad()

# torch.autograd.grad returns the gradient instead of storing it
f = (w**2 + 3 * w).sum()
(g,) = torch.autograd.grad(f, w)
print("autograd.grad:", g.tolist(), "| w.grad left alone:", w.grad)

# Code that should not be recorded goes under no_grad (e.g. a weight update)
with torch.no_grad():
    w -= 0.1 * g
print("w after one step:", [round(v, 2) for v in w.tolist()])


# %% Higher-order derivatives: learning/higher_order_gradients
reseed()
"""Higher-order derivatives in PyTorch: autograd.grad(create_graph=True), torch.func."""
import torch
from torch.func import grad, hessian


def f(x):
    return x**4 - 3 * x**2 + 2 * x


x = torch.tensor(1.5, requires_grad=True)
# create_graph=True records the derivative itself, so it can be differentiated again
(d1,) = torch.autograd.grad(f(x), x, create_graph=True)
(d2,) = torch.autograd.grad(d1, x, create_graph=True)
(d3,) = torch.autograd.grad(d2, x)
v = x.item()  # by hand: f' = 4x^3 - 6x + 2, f'' = 12x^2 - 6, f''' = 24x
print(f"f'(1.5)   = {d1.item():7.4f}   by hand: {4 * v**3 - 6 * v + 2:7.4f}")
print(f"f''(1.5)  = {d2.item():7.4f}   by hand: {12 * v**2 - 6:7.4f}")
print(f"f'''(1.5) = {d3.item():7.4f}   by hand: {24 * v:7.4f}")

# torch.func composes transforms on plain functions, JAX-style
print("grad(grad(f))(1.5):", grad(grad(f))(torch.tensor(1.5)).item())


# g(x, y) = x^2 y + y^3 at (1, 2): gradient (2xy, x^2 + 3y^2) = (4, 13),
# Hessian [[2y, 2x], [2x, 6y]] = [[4, 2], [2, 12]]
def g(p):
    return p[0] ** 2 * p[1] + p[1] ** 3


p = torch.tensor([1.0, 2.0])
print("gradient of g:", grad(g)(p).tolist())
print("hessian of g:", hessian(g)(p).tolist())


# %% A first model, from scratch: learning/first_model_from_scratch
reseed()
"""A first model from scratch in PyTorch: fit y = 2x + 1 with tensors and autograd."""
import torch

x = torch.linspace(-1, 1, 20)
y = 2 * x + 1 + 0.05 * torch.sin(7 * x)  # a line plus a little fixed wobble

w = torch.zeros((), requires_grad=True)
b = torch.zeros((), requires_grad=True)
for step in range(100):
    loss = ((w * x + b - y) ** 2).mean()
    loss.backward()
    with torch.no_grad():  # the update itself must not be recorded
        w -= 0.2 * w.grad
        b -= 0.2 * b.grad
    w.grad = None  # gradients add up; clear them for the next step
    b.grad = None
    if step % 25 == 0:
        print(f"step {step:3d}: loss {loss.item():.4f}")

print(f"w = {w.item():.3f}, b = {b.item():.3f}, loss = {loss.item():.5f}")
