"""Training agrees too: a digits MLP, copied weights, the same batches, Adam."""
# compare-agree: grad_1 step_torch step_keras loss_torch loss_keras atol=1e-5
import numpy as np
import torch
from sklearn.datasets import load_digits
from torch import nn

# the same weights and batch order in both tabs
rng = np.random.default_rng(0)
x, y = load_digits(return_X_y=True)
x = (x / 16.0).astype(np.float32)
# 5 batches of 64, in this order
order = rng.permutation(len(x))[: 5 * 64]
w1 = rng.standard_normal((32, 64), dtype=np.float32) * 0.1  # (out, in), torch's layout
b1 = np.zeros(32, np.float32)
w2 = rng.standard_normal((10, 32), dtype=np.float32) * 0.1
b2 = np.zeros(10, np.float32)

model = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10))
loss_fn = nn.CrossEntropyLoss()


def flat(tensors):
    """One array in Keras's layout, a copy: the parameters change in place later."""
    return np.concatenate([t.numpy().T.ravel() for t in tensors])


def train(eps_at_step):
    """5 Adam steps from the copied weights; the first gradients, the weights after one
    step, and the loss of each step, flattened in Keras's layout to compare."""
    with torch.no_grad():
        for param, value in zip(model.parameters(), (w1, b1, w2, b2), strict=True):
            param.copy_(torch.from_numpy(value))
    opt = torch.optim.Adam(model.parameters(), lr=3e-3)
    losses = []
    for t, batch in enumerate(order.reshape(5, 64), start=1):
        opt.param_groups[0]["eps"] = eps_at_step(t)
        opt.zero_grad()
        loss = loss_fn(model(torch.from_numpy(x[batch])), torch.from_numpy(y[batch]))
        loss.backward()
        if t == 1:
            grad = flat(p.grad for p in model.parameters())
        opt.step()
        if t == 1:
            step = flat(p.detach() for p in model.parameters())
        losses.append(loss.item())
    return grad, step, np.array(losses)


# The defaults: torch's eps=1e-8 on sqrt(v_hat) against Keras's 1e-7 on sqrt(v). Pixels
# that are almost always 0 give tiny gradients, where the epsilon matters.
grad_1, step_torch, loss_torch = train(lambda t: 1e-8)
# Keras's epsilon, moved onto sqrt(v_hat): Keras's numbers, from torch.
_, step_keras, loss_keras = train(lambda t: 1e-7 / np.sqrt(1 - 0.999**t))
print(f"first gradients: {grad_1.size} values, norm {np.linalg.norm(grad_1):.4f}")
diff = np.abs(step_torch - step_keras).max()
print(f"after one step, torch's eps against Keras's: max |diff| = {diff:.4f}")
print("losses of 5 steps, torch's eps:", loss_torch.round(4))
print("losses of 5 steps, Keras's eps:", loss_keras.round(4))
