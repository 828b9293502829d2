"""PyTorch runs eagerly: each operation executes at once and returns a real value."""
# compare-agree: b y atol=1e-6
import torch

# Eager is the default; this is True only while torch.compile traces code.
print("inside torch.compile:", torch.compiler.is_compiling())
a = torch.tensor([1.0, 2.0, 3.0])
b = a * 2 + 1  # computed right here, not deferred to a later graph run
print("b:", b)
print("b as NumPy:", b.numpy())
# Plain Python control flow can branch on tensor values.
print("sum(b) > 10:", bool(b.sum() > 10))

# Autograd records operations as they run: the result knows what produced it.
w = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = (w * w).sum()
print("y:", y.item())
print("y.grad_fn:", type(y.grad_fn).__name__)
y.backward()
print("dy/dw:", w.grad)
