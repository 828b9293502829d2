"""Porting a Keras LSTM to torch: transposes, one bias into two, and batch_first."""
# compare-agree: outputs h_last atol=1e-5
import numpy as np
import torch

# The same numbers in both tabs. Both frameworks order the gates i, f, g (Keras: c), o.
rng = np.random.default_rng(0)
# batch, time steps, input size, hidden size
N, T, D, H = 2, 5, 3, 4
Wx = rng.standard_normal((D, 4 * H), dtype=np.float32) * 0.5
Wh = rng.standard_normal((H, 4 * H), dtype=np.float32) * 0.5
b = rng.standard_normal(4 * H, dtype=np.float32)
x = rng.standard_normal((N, T, D), dtype=np.float32)  # batch first, as in Keras


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


h, c, reference = np.zeros((N, H)), np.zeros((N, H)), []
for t in range(T):  # the LSTM written out, to check against
    i, f, g, o = np.split(x[:, t] @ Wx + h @ Wh + b, 4, axis=1)
    c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
    h = sigmoid(o) * np.tanh(c)
    reference.append(h)
reference = np.stack(reference, axis=1)  # (N, T, H)

kernel, recurrent_kernel, bias = Wx, Wh, b  # what a Keras LSTM stores


def port(bias_hh, **options):
    lstm = torch.nn.LSTM(D, H, **options)
    values = [kernel.T, recurrent_kernel.T, bias, bias_hh]  # (4H, in) and (4H, H)
    with torch.no_grad():
        for param, value in zip(lstm.parameters(), values):
            param.copy_(torch.from_numpy(np.ascontiguousarray(value)))
        return lstm(torch.from_numpy(x))


def report(label, out):
    print(f"{label:36} max |diff| = {np.abs(out.numpy() - reference).max():.4f}")


params = torch.nn.LSTM(D, H).named_parameters()  # names end in _l0: layer 0
print("torch LSTM:", ", ".join(f"{n[:-3]} {tuple(p.shape)}" for n, p in params))
zeros = np.zeros(4 * H, dtype=np.float32)
report("naive, batch_first left False:", port(zeros)[0])  # reads x as (T, N, D)
report("naive, Keras bias in both biases:", port(bias, batch_first=True)[0])
outputs, (h_n, c_n) = port(zeros, batch_first=True)  # right
report("right, bias_ih = bias, bias_hh = 0:", outputs)
h_last = h_n[0]  # h_n is (layers, N, H)
