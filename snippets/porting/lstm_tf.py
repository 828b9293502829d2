"""Porting a torch LSTM to Keras: transposes, and two biases summed into one."""
# compare-agree: outputs h_last atol=1e-5
import keras
import numpy as np

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

# What a torch LSTM stores: (4H, in) and (4H, H) matrices and two biases that add up.
b_ih = rng.standard_normal(4 * H, dtype=np.float32)
weight_ih, weight_hh, bias_ih, bias_hh = Wx.T, Wh.T, b_ih, b - b_ih


def port(bias, **options):
    lstm = keras.layers.LSTM(H, **options)
    lstm.build((None, T, D))
    lstm.set_weights([weight_ih.T, weight_hh.T, bias])  # kernel, recurrent, bias
    return lstm(x)


def report(label, out):
    print(f"{label:36} max |diff| = {np.abs(out.numpy() - reference).max():.4f}")


probe = keras.layers.LSTM(H)
probe.build((None, T, D))
names = [f"{w.name} {tuple(w.shape)}" for w in probe.weights]
print("Keras LSTM:", ", ".join(names))
print("default output shape:", tuple(port(bias_ih + bias_hh).shape), "(last step only)")
report("naive, bias = bias_ih:", port(bias_ih, return_sequences=True))
outputs, h_last, c_last = port(bias_ih + bias_hh, return_sequences=True,
                               return_state=True)  # right
report("right, bias = bias_ih + bias_hh:", outputs)
