"""Porting a torch GRU to Keras: gate order r, z, n becomes z, r, h."""
# compare-agree: outputs atol=1e-5
import keras
import numpy as np

# The same numbers in both tabs: one block per gate, r (reset), z (update), n (new).
rng = np.random.default_rng(0)
# batch, time steps, input size, hidden size
N, T, D, H = 2, 5, 3, 4
Wx = rng.standard_normal((3, D, H), dtype=np.float32) * 0.5
Wh = rng.standard_normal((3, H, H), dtype=np.float32) * 0.5
bx, bh = rng.standard_normal((2, 3, H), dtype=np.float32)
x = rng.standard_normal((N, T, D), dtype=np.float32)

h, reference = np.zeros((N, H)), []
for t in range(T):
    # the GRU written out; r multiplies h @ Wh + bh ("reset after")
    gx, gh = x[:, t] @ Wx + bx[:, None], h @ Wh + bh[:, None]  # (3, N, H) each
    r, z = 1 / (1 + np.exp(-(gx[:2] + gh[:2])))
    h = (1 - z) * np.tanh(gx[2] + r * gh[2]) + z * h
    reference.append(h)
reference = np.stack(reference, axis=1)

# What a torch GRU stores: (3H, in) matrices, gate rows r, z, n, and two biases.
weight_ih = np.concatenate(Wx.transpose(0, 2, 1))  # (3H, D)
weight_hh = np.concatenate(Wh.transpose(0, 2, 1))  # (3H, H)
bias_ih, bias_hh = bx.ravel(), bh.ravel()


def to_keras_order(a, axis=0):  # r, z, n -> z, r, h
    r, z, n = np.split(a, 3, axis=axis)
    return np.concatenate([z, r, n], axis=axis)


def port(label, weights, **options):
    gru = keras.layers.GRU(H, return_sequences=True, **options)
    gru.build((None, T, D))
    # kernel (D, 3H), recurrent_kernel (H, 3H), bias
    gru.set_weights(weights)
    out = gru(x)
    print(f"{label:40} max |diff| = {np.abs(out.numpy() - reference).max():.4f}")
    return out


k, rk = to_keras_order(weight_ih).T, to_keras_order(weight_hh).T
port("naive, transposed only:",
     [weight_ih.T, weight_hh.T, np.stack([bias_ih, bias_hh])])
port("naive, reordered, reset_after=False:",
     [k, rk, to_keras_order(bias_ih + bias_hh)], reset_after=False)
outputs = port("right, reordered, reset_after=True:",
               [k, rk, np.stack([to_keras_order(bias_ih), to_keras_order(bias_hh)])])
