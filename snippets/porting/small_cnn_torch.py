"""Porting a small Keras CNN to torch: every layout, and the order Flatten reads in."""
# compare-agree: logits predicted grad_1 step_1 losses atol=1e-4
import numpy as np
import torch
from torch import nn

np.set_printoptions(precision=4, suppress=True)
# the same numbers in both tabs, in torch's order
rng = np.random.default_rng(6)
conv_w = rng.standard_normal((6, 1, 3, 3), dtype=np.float32)  # (out, in, kh, kw)
conv_b, gamma, beta, mean = rng.standard_normal((4, 6), dtype=np.float32)
var = rng.uniform(0.5, 2, 6).astype(np.float32)
fc_w = rng.standard_normal((3, 96), dtype=np.float32) * 0.3  # inputs in (C, H, W) order
fc_b = rng.standard_normal(3, dtype=np.float32) * 0.1
x = rng.standard_normal((4, 1, 8, 8), dtype=np.float32)  # (N, C, H, W)
# the epsilon the model was trained with (Keras's default)
eps = 1e-3

# What the Keras model holds: channels_last, and Dense rows in (H, W, C) order.
kernel = conv_w.transpose(2, 3, 1, 0)
dense_kernel = fc_w.reshape(3, 6, 4, 4).transpose(2, 3, 1, 0).reshape(96, 3)
images = x.transpose(0, 2, 3, 1)

model = nn.Sequential(
    nn.Conv2d(1, 6, 3, padding=1), nn.BatchNorm2d(6, eps=eps), nn.ReLU(),
    nn.MaxPool2d(2), nn.Flatten(), nn.Linear(96, 3)).eval()


def port(fc_weight):
    state = {"0.weight": kernel.transpose(3, 2, 0, 1), "0.bias": conv_b,
             "1.weight": gamma, "1.bias": beta, "1.running_mean": mean,
             "1.running_var": var, "5.weight": fc_weight, "5.bias": fc_b}
    # strict=False: BatchNorm's num_batches_tracked counter is not part of the port.
    model.load_state_dict({k: torch.tensor(v) for k, v in state.items()}, strict=False)
    with torch.no_grad():
        return model(torch.tensor(images.transpose(0, 3, 1, 2))).numpy()


# naive: transposed, rows still in (H, W, C) order
naive = port(dense_kernel.T)
print("naive, rows as Keras orders them:   classes", naive.argmax(1).tolist())
# Right: reorder the rows from (H, W, C) to torch's (C, H, W), then transpose.
fc_weight = dense_kernel.reshape(4, 4, 6, 3).transpose(3, 2, 0, 1).reshape(3, 96)
logits = port(fc_weight)
predicted = logits.argmax(1)
print("right, rows reordered to (C, H, W): classes", predicted.tolist())
print(f"max |naive - right| = {np.abs(naive - logits).max():.4f}")
print("right logits:")
print(logits)


def flat(tensors):
    """Gradients or weights as one array of copies, to compare with the Keras tab."""
    return np.concatenate([t.detach().numpy().ravel() for t in tensors])


# Training agrees too. From the right port, in training mode (BatchNorm normalizes
# with each batch's own statistics), the same 4 labels and plain SGD: both tabs compare
# the first gradients, the weights after one step and the loss of 5 steps, in torch's
# layout.
labels = torch.tensor([0, 1, 2, 1])
optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
model.train()
losses = []
for step in range(1, 6):
    optimizer.zero_grad()
    loss = nn.functional.cross_entropy(model(torch.tensor(x)), labels)
    loss.backward()
    if step == 1:
        grad_1 = flat(p.grad for p in model.parameters())
    optimizer.step()
    if step == 1:
        step_1 = flat(model.parameters())
    losses.append(loss.item())
print("5 SGD steps, losses:", np.round(losses, 4))
