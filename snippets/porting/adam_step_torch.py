"""Adam: torch adds eps to the bias-corrected sqrt(v_hat), Keras to the raw one."""
# compare-agree: w_torch_rule w_keras_rule atol=1e-5
import numpy as np
import torch

np.set_printoptions(precision=6, suppress=True)
rng = np.random.default_rng(0)  # the same numbers in both tabs
w0 = rng.standard_normal(4, dtype=np.float32)
# gradients of very different sizes
g = np.float32([1.0, 1e-3, 1e-6, 1e-8])
lr, steps = 0.1, 3

# Keras's rule written out: step lr * sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + eps),
# with eps = 1e-7. torch's is lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps).
w, m, v = w0.astype(np.float64), 0.0, 0.0
for t in range(1, steps + 1):
    m, v = 0.9 * m + 0.1 * g, 0.999 * v + 0.001 * g**2
    w = w - lr * np.sqrt(1 - 0.999**t) / (1 - 0.9**t) * m / (np.sqrt(v) + 1e-7)
keras_rule = w.astype(np.float32)


def adam(eps_at_step):
    # `steps` steps of torch's Adam on loss = sum(g * w)
    w = torch.tensor(w0, requires_grad=True)
    opt = torch.optim.Adam([w], lr=lr)
    for t in range(1, steps + 1):
        opt.param_groups[0]["eps"] = eps_at_step(t)
        opt.zero_grad()
        (w * torch.from_numpy(g)).sum().backward()
        opt.step()
    return w.detach().numpy()


defaults = torch.optim.Adam([torch.zeros(1)]).defaults
print("torch.optim.Adam default eps:", defaults["eps"])
w_torch_rule = adam(lambda t: 1e-8)
print("change after 3 steps, torch's default:", w_torch_rule - w0)
print("change after 3 steps, naive eps=1e-7: ", adam(lambda t: 1e-7) - w0)
print("change after 3 steps, Keras's rule:   ", keras_rule - w0)
# Right: Keras's eps on sqrt(v) is eps / sqrt(1 - b2^t) on sqrt(v_hat), step by step.
w_keras_rule = adam(lambda t: 1e-7 / np.sqrt(1 - 0.999**t))
err = np.abs(w_keras_rule - keras_rule).max()
print(f"right, eps = 1e-7 / sqrt(1 - 0.999**t): max |diff| = {err:.4f}")
