"""A first PyTorch program: make a tensor, do arithmetic and a matrix product."""
# compare-agree: x product atol=1e-6
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
