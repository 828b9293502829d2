"""Higher-order derivatives in PyTorch: autograd.grad(create_graph=True), torch.func."""
# compare-agree: d1 d2 d3 atol=1e-5
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
