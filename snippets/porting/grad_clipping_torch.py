"""Gradient clipping: clip_grad_norm_ scales all gradients by one global norm."""
# compare-agree: w_global w_each atol=1e-6
import numpy as np
import torch

rng = np.random.default_rng(0)  # the same numbers in both tabs
w0 = [rng.standard_normal(n, dtype=np.float32) for n in (3, 2)]  # two variables
g = [np.float32([3.0, 0.0, 4.0]), np.float32([0.1, -0.2])]  # norms 5 and 0.22

# What Keras's SGD(clipnorm=1) does: each gradient is clipped to norm 1 on its own.
keras_rule = np.concatenate(
    [w - gi * min(1.0, 1.0 / np.linalg.norm(gi)) for w, gi in zip(w0, g, strict=True)])


def sgd_step(clip):
    # one step of SGD(lr=1) with the gradients g, clipped by `clip`
    params = [torch.tensor(w, requires_grad=True) for w in w0]
    for p, gi in zip(params, g, strict=True):
        p.grad = torch.from_numpy(gi).clone()
    clip(params)
    torch.optim.SGD(params, lr=1.0).step()
    return torch.cat([p.detach() for p in params])


# Naive: clip_grad_norm_ clips the norm of all gradients together (5.004 here).
w_global = sgd_step(lambda ps: torch.nn.utils.clip_grad_norm_(ps, max_norm=1.0))
err = np.abs(w_global.numpy() - keras_rule).max()
print(f"naive port of clipnorm=1, clip_grad_norm_:   max |diff| = {err:.4f}")
# Right: clip each parameter's gradient on its own, as Keras's clipnorm does.
w_each = sgd_step(lambda ps: [torch.nn.utils.clip_grad_norm_([p], 1.0) for p in ps])
err = np.abs(w_each.numpy() - keras_rule).max()
print(f"right, clip_grad_norm_ on each parameter:   max |diff| = {err:.4f}")
print("after one step, global clipping:  ", w_global.numpy().round(4))
print("after one step, per-variable:     ", w_each.numpy().round(4))
