"""Weight decay: torch's Adam(weight_decay=) is L2 in the gradient; AdamW is not."""
# compare-agree: w_l2 w_decoupled atol=1e-5
import numpy as np
import torch

np.set_printoptions(precision=4, suppress=True)
rng = np.random.default_rng(0)  # the same numbers in both tabs
w0 = rng.standard_normal(4, dtype=np.float32)
g = np.float32([1.0, -0.5, 0.25, 2.0])  # the loss is sum(g * w)
lr, decay, steps = 0.1, 0.1, 3

# Keras's Adam(weight_decay=0.1) written out: first w -= lr * decay * w, then the
# Adam step on the plain gradient g (Keras's epsilon, 1e-7 on sqrt(v), is too small
# to matter).
w, m, v = w0.astype(np.float64), 0.0, 0.0
for t in range(1, steps + 1):
    w = w - lr * decay * w
    m, v = 0.9 * m + 0.1 * g, 0.999 * v + 0.001 * g**2
    w = w - lr * np.sqrt(1 - 0.999**t) / (1 - 0.9**t) * m / (np.sqrt(v) + 1e-7)
keras_rule = w.astype(np.float32)


def train(optimizer):  # `steps` steps on loss = sum(g * w)
    w = torch.tensor(w0, requires_grad=True)
    opt = optimizer([w], lr=lr, weight_decay=decay)
    for _ in range(steps):
        opt.zero_grad()
        (w * torch.from_numpy(g)).sum().backward()
        opt.step()
    return w.detach().numpy()


# Naive: Adam(weight_decay=) adds decay * w to the gradient, before Adam rescales it.
w_l2 = train(torch.optim.Adam)
print(f"naive port of Keras's weight_decay, Adam:  max |diff| = "
      f"{np.abs(w_l2 - keras_rule).max():.4f}")
# Right: AdamW shrinks the weights directly, as Keras's weight_decay does.
w_decoupled = train(torch.optim.AdamW)
print(f"right, AdamW(weight_decay=0.1):            max |diff| = "
      f"{np.abs(w_decoupled - keras_rule).max():.4f}")
print("after 3 steps, L2 in the gradient:", w_l2)
print("after 3 steps, decoupled:         ", w_decoupled)
