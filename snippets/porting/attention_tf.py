"""Attention: Keras's MultiHeadAttention keeps a (E, heads, head size) kernel each."""
# compare-agree: y atol=1e-5
import keras
import numpy as np

np.set_printoptions(precision=4, suppress=True)
E, H, D = 4, 2, 2  # embedding size, heads, size of a head
rng = np.random.default_rng(0)  # the same numbers in both tabs
Wq, Wk, Wv, Wo = (rng.standard_normal((E, E), dtype=np.float32) for _ in range(4))
bq, bk, bv, bo = (rng.standard_normal(E, dtype=np.float32) for _ in range(4))
x = rng.standard_normal((2, 3, E), dtype=np.float32)  # (batch, time, E)


def reference(x):
    # attention written out: W are (out, in), as torch stores them
    q, k, v = (x @ W.T + b for W, b in ((Wq, bq), (Wk, bk), (Wv, bv)))
    q, k, v = (t.reshape(2, 3, H, D).transpose(0, 2, 1, 3) for t in (q, k, v))
    s = q @ k.transpose(0, 1, 3, 2) / np.sqrt(D)
    a = np.exp(s - s.max(-1, keepdims=True))
    a = a / a.sum(-1, keepdims=True)
    return (a @ v).transpose(0, 2, 1, 3).reshape(2, 3, E) @ Wo.T + bo


# What a PyTorch state_dict holds: in_proj_weight (3E, E), q, k, v stacked, (out, in).
in_proj, in_bias = np.concatenate([Wq, Wk, Wv]), np.concatenate([bq, bk, bv])

mha = keras.layers.MultiHeadAttention(num_heads=H, key_dim=D)
mha(x, x)  # builds the weights
print("query kernel:", tuple(mha.get_weights()[0].shape), "= (in, heads, head size)")


def load(transpose):
    fix = (lambda W: W.T) if transpose else (lambda W: W)
    weights = []
    for W, b in zip(np.split(in_proj, 3), np.split(in_bias, 3), strict=True):
        weights += [fix(W).reshape(E, H, D), b.reshape(H, D)]
    weights += [fix(Wo).reshape(H, D, E), bo]
    mha.set_weights(weights)
    return mha(x, x)


# Naive: cut in_proj_weight in three and reshape. The shapes fit; the values do not.
err = np.abs(load(transpose=False).numpy() - reference(x)).max()
print(f"naive port, reshaped as is: max |diff| = {err:.4f}")
# Right: torch's weights are (out, in): transpose each before the reshape.
y = load(transpose=True)
err = np.abs(y.numpy() - reference(x)).max()
print(f"right, .T then reshaped:    max |diff| = {err:.4f}")
print("y[0, 0]:", y[0, 0].numpy())
