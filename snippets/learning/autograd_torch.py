"""Gradients in PyTorch: backward() fills .grad; autograd.grad can go to 2nd order."""
import torch

# First derivative: d/dx x**3 = 3x**2, which is 12 at x = 2
x = torch.tensor(2.0, requires_grad=True)
y = x**3
y.backward()  # accumulates dy/dx into x.grad
print("y:", y.item())
print("dy/dx:", x.grad.item())

# Second derivative: d2/dx2 x**3 = 6x, also 12 at x = 2.
# create_graph=True records the gradient computation so it can be differentiated.
(dy_dx,) = torch.autograd.grad(x**3, x, create_graph=True)
(d2y_dx2,) = torch.autograd.grad(dy_dx, x)
print("dy/dx (autograd.grad):", dy_dx.item())
print("d2y/dx2:", d2y_dx2.item())
