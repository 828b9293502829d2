"""Training in PyTorch: a hand-written SGD loop fitting y = 3x + 2 (plus noise)."""
import numpy as np
import torch
from torch import nn

# The same seeded NumPy data as the TensorFlow version: 32 points, float32.
rng = np.random.default_rng(0)
x_np = np.linspace(-1, 1, 32, dtype=np.float32).reshape(-1, 1)
y_np = (3 * x_np + 2 + rng.normal(0, 0.1, size=x_np.shape)).astype(np.float32)
x, y = torch.from_numpy(x_np), torch.from_numpy(y_np)

torch.manual_seed(0)  # reproducible initial weights
model = nn.Linear(1, 1)
loss_fn = nn.MSELoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.5)

for epoch in range(30):  # full batch: one step per epoch
    optimizer.zero_grad()  # gradients accumulate, so clear the previous step's
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()

print(f"weight: {model.weight.item():.2f}")
print(f"bias: {model.bias.item():.2f}")
print(f"final loss: {loss.item():.4f}")
