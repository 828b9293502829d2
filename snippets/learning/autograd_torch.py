"""Gradients in PyTorch: backward() fills .grad on leaf tensors, and accumulates."""
# compare-agree: f g w atol=1e-6
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
