"""A hand-written PyTorch training loop: zero_grad, backward, step (fits y = 3x + 2)."""
# compare-agree: grad_1 step_1 losses atol=1e-5
import matplotlib.pyplot as plt
import numpy as np
import torch
from torch import nn

# The same seeded NumPy data as the TensorFlow version: 32 points, float32.
rng = np.random.default_rng(0)
x_np = np.linspace(-1, 1, 32, dtype=np.float32).reshape(-1, 1)
y_np = (3 * x_np + 2 + rng.normal(0, 0.1, size=x_np.shape)).astype(np.float32)
x, y = torch.from_numpy(x_np), torch.from_numpy(y_np)

model = nn.Linear(1, 1)
# Start from zero weights on both sides, so the two tabs print the same losses.
nn.init.zeros_(model.weight)
nn.init.zeros_(model.bias)
loss_fn = nn.MSELoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.2)

losses = []
for epoch in range(1, 31):  # full batch: one step per epoch
    # gradients accumulate, so clear the previous step's
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()  # fills .grad of every parameter
    if epoch == 1:
        # kept for the check that both tabs compute the same
        grad_1 = np.concatenate([p.grad.numpy().ravel() for p in model.parameters()])
    optimizer.step()  # updates the parameters in place
    if epoch == 1:
        step_1 = np.concatenate([p.detach().numpy().ravel()
                                 for p in model.parameters()])
    losses.append(loss.item())
    if epoch % 5 == 0:
        print(f"epoch {epoch:2d}  loss {loss.item():.4f}")

print(f"weight: {model.weight.item():.2f}")
print(f"bias: {model.bias.item():.2f}")

# The loss curve as an SVG file, shown under the output. A fixed hash salt and no date
# make the file the same on every run; fonttype "none" keeps the labels as text.
plt.rcParams.update({"svg.hashsalt": "loss", "svg.fonttype": "none"})
fig, ax = plt.subplots(figsize=(4.5, 2.4))
ax.plot(range(1, 31), np.round(losses, 3), marker=".")  # 3 decimals: every CPU
ax.set(xlabel="epoch", ylabel="loss (MSE)", title="PyTorch: one loss per epoch")
fig.savefig("loss.svg", bbox_inches="tight",
            metadata={"Date": None, "Title": "Loss per epoch, PyTorch loop"})
