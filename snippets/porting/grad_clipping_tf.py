"""Gradient clipping: Keras's clipnorm clips each variable; global_clipnorm all."""
# compare-agree: w_global w_each atol=1e-6
import keras
import numpy as np

rng = np.random.default_rng(0)  # the same numbers in both tabs
w0 = [rng.standard_normal(n, dtype=np.float32) for n in (3, 2)]  # two variables
g = [np.float32([3.0, 0.0, 4.0]), np.float32([0.1, -0.2])]  # norms 5 and 0.22

# What torch's clip_grad_norm_(params, 1) does: all gradients scaled by one global norm.
total = np.sqrt(sum(np.sum(gi**2) for gi in g))
torch_rule = np.concatenate(
    [w - gi * min(1.0, 1.0 / total) for w, gi in zip(w0, g, strict=True)])


def sgd_step(**clip):
    # one step of SGD(learning_rate=1) with the gradients g
    params = [keras.Variable(w) for w in w0]
    opt = keras.optimizers.SGD(learning_rate=1.0, **clip)
    opt.apply_gradients(zip(g, params, strict=True))
    return np.concatenate([p.numpy() for p in params])


# Naive: clipnorm clips each variable's gradient on its own.
w_each = sgd_step(clipnorm=1.0)
err = np.abs(w_each - torch_rule).max()
print(f"naive port of clip_grad_norm_, clipnorm=1:  max |diff| = {err:.4f}")
# Right: global_clipnorm clips the norm of all gradients together, as torch does.
w_global = sgd_step(global_clipnorm=1.0)
err = np.abs(w_global - torch_rule).max()
print(f"right, global_clipnorm=1:                   max |diff| = {err:.4f}")
print("after one step, global clipping:  ", w_global.round(4))
print("after one step, per-variable:     ", w_each.round(4))
