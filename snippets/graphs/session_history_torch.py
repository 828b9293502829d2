"""PyTorch never had sessions: the same computation simply runs, line by line."""
# compare-agree: y2 atol=1e-6
import torch

# No build phase: each line computes its result on the spot, so there is no
# placeholder to feed, no initializer to run and no Session to hold the state.
w = torch.tensor([[1.0, -1.0], [0.5, 2.0], [-1.0, 1.0]], requires_grad=True)
b = torch.tensor([0.1, -0.2], requires_grad=True)


def forward(x):
    return torch.relu(x @ w + b)


x2 = torch.arange(6, dtype=torch.float32).reshape(2, 3)
y2 = forward(x2)
print("y, batch 2:", y2)  # a value at once; grad_fn records how it was made
# A new batch size is just another call: there is no graph to reuse or rebuild.
x4 = torch.arange(12, dtype=torch.float32).reshape(4, 3)
print("y, batch 4, shape:", tuple(forward(x4).shape))
