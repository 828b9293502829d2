"""Attention: nn.MultiheadAttention packs q, k, v into one (3E, E) in-projection."""
# compare-agree: y atol=1e-5
import numpy as np
import torch
from torch import nn

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


# What a Keras checkpoint holds: a kernel per projection, (E, H, D); (H, D, E) out.
kq, kk, kv = (W.T.reshape(E, H, D) for W in (Wq, Wk, Wv))
ko = Wo.T.reshape(H, D, E)

mha = nn.MultiheadAttention(E, H, batch_first=True)
print("in_proj_weight:", tuple(mha.in_proj_weight.shape), "= q, k, v stacked (out, in)")


def load(transpose):
    fix = (lambda k: k.reshape(E, E).T) if transpose else (lambda k: k.reshape(E, E))
    with torch.no_grad():
        mha.in_proj_weight.copy_(torch.from_numpy(np.concatenate([fix(kq), fix(kk),
                                                                  fix(kv)])))
        mha.in_proj_bias.copy_(torch.from_numpy(np.concatenate([bq, bk, bv])))
        mha.out_proj.weight.copy_(torch.from_numpy(fix(ko)))
        mha.out_proj.bias.copy_(torch.from_numpy(bo))
        t = torch.from_numpy(x)
        return mha(t, t, t, need_weights=False)[0]


# Naive: flatten each kernel to (E, E) and stack it. The shapes fit; the values do not.
err = np.abs(load(transpose=False).numpy() - reference(x)).max()
print(f"naive port, kernels flattened: max |diff| = {err:.4f}")
# Right: a flattened Keras kernel is (in, out): transpose it to torch's (out, in).
y = load(transpose=True)
err = np.abs(y.numpy() - reference(x)).max()
print(f"right, flattened and .T:       max |diff| = {err:.4f}")
print("y[0, 0]:", y[0, 0].numpy())
