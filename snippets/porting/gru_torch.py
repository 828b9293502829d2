"""Porting a Keras GRU to torch: gate order z, r, h becomes r, z, n."""
# compare-agree: outputs atol=1e-5
import numpy as np
import torch

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

# What a Keras GRU stores: gate blocks in the order z, r, h, and a (2, 3H) bias.
keras_order = [1, 0, 2]
kernel = np.concatenate(Wx[keras_order], axis=1)  # (D, 3H)
recurrent_kernel = np.concatenate(Wh[keras_order], axis=1)  # (H, 3H)
bias = np.stack([bx[keras_order].ravel(), bh[keras_order].ravel()])  # (2, 3H)


def to_torch_order(a, axis=-1):  # z, r, h -> r, z, n
    z, r, n = np.split(a, 3, axis=axis)
    return np.concatenate([r, z, n], axis=axis)


def port(label, weights):
    # weight_ih (3H, D), gates r, z, n
    gru = torch.nn.GRU(D, H, batch_first=True)
    with torch.no_grad():
        for param, value in zip(gru.parameters(), weights):
            param.copy_(torch.from_numpy(np.ascontiguousarray(value)))
        out = gru(torch.from_numpy(x))[0]
    print(f"{label:40} max |diff| = {np.abs(out.numpy() - reference).max():.4f}")
    return out


k, rk = to_torch_order(kernel).T, to_torch_order(recurrent_kernel).T
port("naive, transposed only:", [kernel.T, recurrent_kernel.T, bias[0], bias[1]])
port("naive, reordered, the two biases summed:",
     [k, rk, to_torch_order(bias[0] + bias[1]), np.zeros(3 * H, np.float32)])
outputs = port("right, reordered, two biases:",
               [k, rk, to_torch_order(bias[0]), to_torch_order(bias[1])])
