"""A first model from scratch in PyTorch: fit y = 2x + 1 with tensors and autograd."""
# compare-agree: w b loss atol=1e-5
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
