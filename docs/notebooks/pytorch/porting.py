# Porting between frameworks: the PyTorch examples, from the living TensorFlow-vs-PyTorch
# comparison. Each `# %%` cell is a standalone script.
# The outputs on the page were made with: pip install numpy==2.4.6 torch==2.15.0


# CI runs each snippet in a fresh process, one thread, seeded with 0:
import random

import numpy as np
import torch

torch.set_num_threads(1)


def reseed(*_):
    random.seed(0)
    np.random.seed(0)
    torch.manual_seed(0)


# %% Dense and Linear: a transposed matrix: porting/dense_linear
reseed()
"""Porting a Keras Dense layer to torch.nn.Linear: the kernel must be transposed."""
import numpy as np
import torch

# The same numbers in both tabs: the layer computes y = x @ W.T + b, W is (out, in).
rng = np.random.default_rng(0)
W = rng.standard_normal((4, 4), dtype=np.float32)
b = rng.standard_normal(4, dtype=np.float32)
x = rng.standard_normal((3, 4), dtype=np.float32)
reference = x @ W.T + b

# What a Keras checkpoint holds: Dense stores its kernel as (in, out), that is W.T.
kernel, bias = W.T.copy(), b

layer = torch.nn.Linear(4, 4)
print("Linear.weight shape:", tuple(layer.weight.shape), "= (out, in)")
with torch.no_grad():
    # Naive: copy the kernel as it is. The layer is square, so no shape error warns you.
    layer.weight.copy_(torch.from_numpy(kernel))
    layer.bias.copy_(torch.from_numpy(bias))
    err = np.abs(layer(torch.from_numpy(x)).numpy() - reference).max()
    print(f"naive port, kernel as is: max |diff| = {err:.4f}")
    # Right: transpose the kernel to (out, in).
    layer.weight.copy_(torch.from_numpy(kernel.T))
    y = layer(torch.from_numpy(x))
err = np.abs(y.numpy() - reference).max()
print(f"right port, kernel.T:     max |diff| = {err:.4f}")
print("y[0]:", y[0].numpy().round(4))


# %% Convolutions: NCHW and NHWC: porting/conv2d_layout
reseed()
"""Porting a Keras Conv2D to torch: kernel (kh, kw, in, out) and NHWC images."""
import numpy as np
import torch
from numpy.lib.stride_tricks import sliding_window_view

# The same numbers in both tabs, in math order: x (N, C, H, W), w (out, in, kh, kw).
rng = np.random.default_rng(0)
w = rng.standard_normal((4, 3, 3, 3), dtype=np.float32)
b = rng.standard_normal(4, dtype=np.float32)
x = rng.standard_normal((2, 3, 5, 5), dtype=np.float32)
windows = sliding_window_view(x, (3, 3), axis=(2, 3))  # (N, C, H', W', kh, kw)
reference = np.einsum("nchwij,ocij->nohw", windows, w) + b[:, None, None]

# What the Keras side holds: kernel (kh, kw, in, out) and images (N, H, W, C).
kernel, images = w.transpose(2, 3, 1, 0), x.transpose(0, 2, 3, 1)

conv = torch.nn.Conv2d(3, 4, kernel_size=3)
print("Conv2d.weight shape:", tuple(conv.weight.shape), "= (out, in, kh, kw)")


def run(weight, inputs):
    with torch.no_grad():
        conv.weight.copy_(torch.from_numpy(np.ascontiguousarray(weight)))
        conv.bias.copy_(torch.from_numpy(b))
        return conv(torch.from_numpy(np.ascontiguousarray(inputs)))


def report(label, out):
    print(f"{label:34} max |diff| = {np.abs(out.numpy() - reference).max():.4f}")


right_kernel = kernel.transpose(3, 2, 0, 1)
report("naive kernel.T (flips kh and kw):", run(kernel.T, x))
# the right shape, the wrong order
reshaped = images.reshape(2, 3, 5, 5)
report("naive images.reshape(N, C, H, W):", run(right_kernel, reshaped))
y = run(right_kernel, images.transpose(0, 3, 1, 2))  # right: permute the axes
report("right: transpose(3, 2, 0, 1):", y)


# %% Padding "same" with a stride: porting/conv2d_padding
reseed()
"""Porting Keras padding="same" with stride 2 to torch: the padding is asymmetric."""
import numpy as np
import torch
import torch.nn.functional as F
from numpy.lib.stride_tricks import sliding_window_view

rng = np.random.default_rng(0)  # the same numbers in both tabs
w = rng.standard_normal((2, 2, 3, 3), dtype=np.float32)  # (out, in, kh, kw)
x = rng.standard_normal((1, 2, 6, 6), dtype=np.float32)  # (N, C, H, W)


def reference(top, bottom):
    # stride-2 convolution of x padded by (top, bottom)
    xp = np.pad(x, ((0, 0), (0, 0), (top, bottom), (top, bottom)))
    windows = sliding_window_view(xp, (3, 3), axis=(2, 3))[:, :, ::2, ::2]
    return np.einsum("nchwij,ocij->nohw", windows, w)


# Keras "same": out = ceil(6 / 2) = 3, total padding = (3 - 1) * 2 + 3 - 6 = 1.
total = (3 - 1) * 2 + 3 - 6
print("Keras 'same' pads (top, bottom) =", (total // 2, total - total // 2))
try:
    torch.nn.Conv2d(2, 2, 3, stride=2, padding="same")
except ValueError as err:
    print("torch padding='same':", err)
conv = torch.nn.Conv2d(2, 2, 3, stride=2, padding=1, bias=False)
with torch.no_grad():
    conv.weight.copy_(torch.from_numpy(w))
    y_pad1 = conv(torch.from_numpy(x))  # naive: 1 on every side
    err = np.abs(y_pad1.numpy() - reference(0, 1)).max()
    print(f"naive padding=1 vs Keras 'same':     max |diff| = {err:.4f}")
    conv.padding = (0, 0)
    # Right: pad only the right and bottom, F.pad takes (left, right, top, bottom).
    y_same = conv(F.pad(torch.from_numpy(x), (0, 1, 0, 1)))
err = np.abs(y_same.numpy() - reference(0, 1)).max()
print(f"right F.pad(0, 1, 0, 1) + padding=0: max |diff| = {err:.4f}")


# %% Batch normalization while training: porting/batchnorm_train
reseed()
"""BatchNorm training step: torch's momentum is 1 - Keras's, and epsilon differs."""
import numpy as np
import torch

np.set_printoptions(precision=5, suppress=True)
rng = np.random.default_rng(0)  # the same numbers in both tabs
x = rng.standard_normal((8, 3), dtype=np.float32) * np.float32([0.03, 1.0, 3.0])
gamma, beta = rng.standard_normal((2, 3), dtype=np.float32)
# this batch's statistics (biased variance)
mean, var = x.mean(0), x.var(0)
# Keras's rule: moving = 0.99 * moving + 0.01 * batch, epsilon = 1e-3 (from 0 and 1).
keras_y = (x - mean) / np.sqrt(var + 1e-3) * gamma + beta
keras_mean, keras_var = 0.01 * mean, 0.99 + 0.01 * var


def train_step(**options):
    # one forward pass in training mode, from fresh stats
    # a new module is in training mode
    bn = torch.nn.BatchNorm1d(3, **options)
    with torch.no_grad():
        bn.weight.copy_(torch.from_numpy(gamma))
        bn.bias.copy_(torch.from_numpy(beta))
        y = bn(torch.from_numpy(x))
    return y.numpy(), bn.running_mean.numpy(), bn.running_var.numpy()


def report(label, y, running_mean):
    print(f"{label:31} max |diff| y = {np.abs(y - keras_y).max():.4f}, "
          f"running_mean = {np.abs(running_mean - keras_mean).max():.4f}")


# torch's defaults: running = 0.9 * running + 0.1 * batch, eps = 1e-5.
y_torch, mean_torch, _ = train_step()
report("naive momentum=0.99:", *train_step(momentum=0.99)[:2])
y_keras, mean_keras, var_keras = train_step(momentum=0.01, eps=1e-3)
report("right momentum=0.01, eps=1e-3:", y_keras, mean_keras)
# No option changes this: torch updates running_var with the unbiased variance.
print("running_var, torch:     ", var_keras)
print("running_var, Keras rule:", keras_var)
print("difference:             ", var_keras - keras_var)
print("0.01 * var / (n - 1):   ", 0.01 * var / (len(x) - 1))


# %% Batch normalization at inference: porting/batchnorm_eval
reseed()
"""BatchNorm at inference: switch to eval mode; carry Keras's epsilon=1e-3 over."""
import numpy as np
import torch

rng = np.random.default_rng(0)  # the same numbers in both tabs
gamma, beta, mean = rng.standard_normal((3, 4), dtype=np.float32)
# learned statistics, some of them tiny
var = np.float32([1e-3, 1e-2, 1.0, 4.0])
x = rng.standard_normal((5, 4), dtype=np.float32)
# What Keras computes for a BatchNormalization with these weights, at inference:
keras_y = (x - mean) / np.sqrt(var + 1e-3) * gamma + beta


def port(**options):
    bn = torch.nn.BatchNorm1d(4, **options)
    with torch.no_grad():
        for name, value in zip(["weight", "bias", "running_mean", "running_var"],
                               [gamma, beta, mean, var]):
            getattr(bn, name).copy_(torch.from_numpy(value))
    return bn


def report(label, y):
    print(f"{label:34} max |diff| = {np.abs(y.numpy() - keras_y).max():.4f}")


with torch.no_grad():
    bn = port(eps=1e-3)
    report("naive, left in training mode:", bn(torch.from_numpy(x)))
    print("  and that call moved running_mean to", bn.running_mean.numpy().round(4))
    report("naive, default eps=1e-5:", port().eval()(torch.from_numpy(x)))
    y_keras = port(eps=1e-3).eval()(torch.from_numpy(x))  # right
    report("right, eps=1e-3 and .eval():", y_keras)
    # torch's own default, eps=1e-5
    y_torch = port().eval()(torch.from_numpy(x))


# %% LSTM: the same gate order, one bias or two: porting/lstm
reseed()
"""Porting a Keras LSTM to torch: transposes, one bias into two, and batch_first."""
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


# %% GRU: gates in another order: porting/gru
reseed()
"""Porting a Keras GRU to torch: gate order z, r, h becomes r, z, n."""
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


# %% Cross-entropy: logits or probabilities: porting/cross_entropy
reseed()
"""Cross-entropy: CrossEntropyLoss takes logits; class weights change the mean."""
import numpy as np
import torch

rng = np.random.default_rng(0)  # the same numbers in both tabs
logits = rng.standard_normal((4, 3), dtype=np.float32) * 3
labels = np.array([0, 1, 1, 2])
class_weight = np.float32([1.0, 2.0, 0.5])
log_p = logits - np.log(np.exp(logits).sum(1, keepdims=True))  # log-softmax
reference = -log_p[np.arange(4), labels]  # one loss per sample


def show(label, value):
    print(f"{label:38} {float(value):.4f}")


show("reference mean loss:", reference.mean())

z, y = torch.from_numpy(logits), torch.from_numpy(labels)
# what a Keras model that ends in softmax returns
probs = torch.softmax(z, dim=1)
# Naive: feed those probabilities to CrossEntropyLoss, which applies softmax again.
naive = torch.nn.CrossEntropyLoss()(probs, y)
show("naive, probabilities in:", naive)
# right: logits in (drop the softmax layer)
loss = torch.nn.CrossEntropyLoss()(z, y)
show("right, logits in:", loss)
loss_sum = torch.nn.CrossEntropyLoss(reduction="sum")(z, y)
show("reduction='sum':", loss_sum)

# With class weights, torch's mean divides by the sum of the weights used...
w = torch.from_numpy(class_weight)
weighted_mean = torch.nn.CrossEntropyLoss(weight=w)(z, y)
show("weights, mean over sum of weights:", weighted_mean)
# ...and Keras's default divides by the batch size: reduce by hand to match it.
per_sample = torch.nn.CrossEntropyLoss(weight=w, reduction="none")(z, y)
weighted_over_n = per_sample.mean()
show("weights, mean over the batch size:", weighted_over_n)


# %% Adam: where epsilon goes: porting/adam_step
reseed()
"""Adam: torch adds eps to the bias-corrected sqrt(v_hat), Keras to the raw one."""
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


# %% Default initialization: porting/init_stats
reseed()
"""Default initializations: Linear draws U(±1/sqrt(fan_in)), Dense uses Glorot."""
import numpy as np
import torch

fan_in, fan_out = 1024, 1024
# samples differ between frameworks: compare statistics
torch.manual_seed(0)


def stats(layer):  # [max |w|, std of w, max |b|]
    w, b = layer.weight.detach().numpy(), layer.bias.detach().numpy()
    return np.array([np.abs(w).max(), w.std(), np.abs(b).max()])


def show(label, values):
    print(f"{label:28} max|w| {values[0]:.5f}  std(w) {values[1]:.5f}  "
          f"max|b| {values[2]:.5f}")


# torch's default: kaiming_uniform_(a=sqrt(5)) gives U(-1/sqrt(fan_in), 1/sqrt(fan_in)),
# for the bias too.
bound = 1 / np.sqrt(fan_in)
show("torch rule, in theory:", [bound, bound / np.sqrt(3), bound])
torch_rule = stats(torch.nn.Linear(fan_in, fan_out))
show("torch rule, measured:", torch_rule)
# Keras's default: glorot_uniform, U(±sqrt(6 / (fan_in + fan_out))), and a zero bias.
limit = np.sqrt(6 / (fan_in + fan_out))
show("Keras rule, in theory:", [limit, limit / np.sqrt(3), 0.0])
# Naive: keep torch's default when a Keras model is retrained from scratch (above).
# Right: ask for Keras's initializers explicitly.
layer = torch.nn.Linear(fan_in, fan_out)
torch.nn.init.xavier_uniform_(layer.weight)
torch.nn.init.zeros_(layer.bias)
keras_rule = stats(layer)
show("Keras rule, xavier_uniform_:", keras_rule)


# %% Dropout: training and inference modes: porting/dropout
reseed()
"""Dropout: a new torch module is in training mode until you call .eval()."""
import numpy as np
import torch

# masks differ between frameworks: compare what they must share
torch.manual_seed(0)
rng = np.random.default_rng(0)  # the same numbers in both tabs
W = rng.standard_normal((8, 8), dtype=np.float32)
b = rng.standard_normal(8, dtype=np.float32)
x = rng.standard_normal((2, 8), dtype=np.float32)
# what inference must return: dropout does nothing
reference = x @ W.T + b

model = torch.nn.Sequential(torch.nn.Linear(8, 8), torch.nn.Dropout(p=0.5))
with torch.no_grad():
    model[0].weight.copy_(torch.from_numpy(W))
    model[0].bias.copy_(torch.from_numpy(b))
    print("model.training after construction:", model.training)
    # naive: as built, dropout is on
    out = model(torch.from_numpy(x)).numpy()
    # no_grad() switches off gradient tracking, not dropout.
    print(f"naive, as built (inside no_grad): {(out == 0).sum():2} of 16 zeroed")
    # right: inference mode, dropout is the identity
    model.eval()
    eval_out = model(torch.from_numpy(x)).numpy()
print(f"right, after model.eval():        {(eval_out == 0).sum():2} of 16 zeroed")
err = np.abs(eval_out - reference).max()
print(f"inference vs x @ W.T + b: max |diff| = {err:.4f}")

# In training, kept values are scaled by 1 / (1 - p), so the mean is unchanged.
out = torch.nn.Dropout(p=0.5)(torch.ones(100_000))
train_scale = out[out != 0].unique()
print("training: kept values =", train_scale.tolist(),
      f"kept fraction = {(out != 0).float().mean():.3f}")


# %% Attention: one packed projection or a kernel per head: porting/attention
reseed()
"""Attention: nn.MultiheadAttention packs q, k, v into one (3E, E) in-projection."""
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


# %% Gradient clipping: one norm for all, or one per variable: porting/grad_clipping
reseed()
"""Gradient clipping: clip_grad_norm_ scales all gradients by one global norm."""
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


# %% Weight decay: L2 in the gradient, or decoupled: porting/weight_decay
reseed()
"""Weight decay: torch's Adam(weight_decay=) is L2 in the gradient; AdamW is not."""
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


# %% Padding in embeddings: padding_idx and mask_zero: porting/embedding_padding
reseed()
"""Padding in embeddings: padding_idx zeroes a row, but a mean still counts the pads."""
import numpy as np
import torch
from torch import nn

np.set_printoptions(precision=4, suppress=True)
rng = np.random.default_rng(0)  # the same numbers in both tabs
# 5 ids, id 0 is the padding
table = rng.standard_normal((5, 3), dtype=np.float32)
# two sequences, padded to length 4
ids = np.array([[3, 1, 0, 0], [2, 4, 4, 0]])
# the loss is sum(pooled * probe)
probe = np.float32([1.0, -1.0, 0.5])

# Keras's Embedding(mask_zero=True) then GlobalAveragePooling1D: a mean of the real
# tokens only, whatever row 0 of the table holds.
real = ids != 0
keras_rule = (table[ids] * real[..., None]).sum(1) / real.sum(1, keepdims=True)

emb = nn.Embedding(5, 3, padding_idx=0)
with torch.no_grad():
    # a copied row 0 is no longer zero
    emb.weight.copy_(torch.from_numpy(table))
vectors = emb(torch.from_numpy(ids))
# Naive: the mean over the length counts the pads, and row 0 is not even zero.
naive = vectors.mean(dim=1)
print("naive port, mean over the length: max |diff| = "
      f"{np.abs(naive.detach().numpy() - keras_rule).max():.4f}")
# Right: average the real tokens only, with the mask Keras builds from the zeros.
mask = torch.from_numpy(real).unsqueeze(-1).float()
pooled = (vectors * mask).sum(dim=1) / mask.sum(dim=1)
print("right, mask the pads:             max |diff| = "
      f"{np.abs(pooled.detach().numpy() - keras_rule).max():.4f}")
(pooled * torch.from_numpy(probe)).sum().backward()
grad = emb.weight.grad
print("pooled:", pooled.detach().numpy())
print("gradient of the table, row 0 (padding):", grad[0].numpy())
print("gradient of the table, row 4 (twice):  ", grad[4].numpy())


# %% Learning-rate schedules: epochs or steps: porting/lr_schedule
reseed()
"""Learning-rate schedules: StepLR counts epochs; Keras's schedules count steps."""
import numpy as np
import torch

epochs, batches = 6, 3  # 3 optimizer steps per epoch

# Keras's ExponentialDecay(0.1, decay_steps=6, decay_rate=0.5, staircase=True), by hand:
# the rate halves every 6 optimizer steps, that is every 2 epochs here.
keras_rule = [0.1 * 0.5 ** (step // 6) for step in range(epochs * batches)]


def rates(step_size):
    # the rate of each optimizer step, StepLR stepped once an epoch
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=step_size, gamma=0.5)
    seen = []
    for _ in range(epochs):
        for _ in range(batches):
            seen.append(opt.param_groups[0]["lr"])
            opt.step()
        sched.step()  # once an epoch
    return np.array(seen)


# Naive: decay_steps=6 copied as step_size=6, but StepLR counts the epochs.
naive = rates(step_size=6)
print(f"naive port, step_size=6:            max |diff| = "
      f"{np.abs(naive - keras_rule).max():.4f}")
# Right: 6 steps are 2 epochs of 3 batches.
lrs = rates(step_size=6 // batches)
print(f"right, step_size=6 // batches = 2:  max |diff| = "
      f"{np.abs(lrs - keras_rule).max():.4f}")
print("rate at each step:", " ".join(f"{lr:g}" for lr in lrs))


# %% Losses: label smoothing and what "sum" adds up: porting/loss_options
reseed()
"""Losses: label smoothing ports as it is; reduction="sum" adds up other numbers."""
import numpy as np
import torch
from torch import nn

rng = np.random.default_rng(0)  # the same numbers in both tabs
logits = rng.standard_normal((4, 3), dtype=np.float32) * 2
labels = np.array([0, 1, 2, 1])
pred = rng.standard_normal((4, 3), dtype=np.float32)
target = rng.standard_normal((4, 3), dtype=np.float32)

# Keras's CategoricalCrossentropy(from_logits=True, label_smoothing=0.1), by hand: the
# one-hot targets become 0.9 * one_hot + 0.1 / 3, and the loss is averaged.
log_p = logits - np.log(np.exp(logits).sum(1, keepdims=True))
soft = np.eye(3)[labels] * 0.9 + 0.1 / 3
keras_smoothed = -(soft * log_p).sum(1).mean()
# Keras's MeanSquaredError(reduction="sum"), by hand: a mean per sample, then the sum.
keras_rule = ((pred - target) ** 2).mean(-1).sum()


def show(label, value, reference):
    diff = abs(float(value) - reference)
    print(f"{label:47} {float(value):7.4f}   |diff| = {diff:.4f}")


z, y = torch.from_numpy(logits), torch.from_numpy(labels)
smoothed = nn.CrossEntropyLoss(label_smoothing=0.1)(z, y)
show("label_smoothing=0.1, ported as it is:", smoothed, keras_smoothed)
p, t = torch.from_numpy(pred), torch.from_numpy(target)
# Naive: MSELoss(reduction="sum") adds up every element, 3 per sample here.
torch_sum = nn.MSELoss(reduction="sum")(p, t)
show('naive port of "sum", MSELoss(reduction="sum"):', torch_sum, keras_rule)
# Right: Keras averages each sample's last axis first, then sums over the batch.
keras_sum = nn.MSELoss(reduction="none")(p, t).mean(dim=-1).sum()
show('right, reduction="none", .mean(-1).sum():', keras_sum, keras_rule)


# %% Defaults that differ: porting/defaults
reseed()
"""PyTorch's defaults that a port must match, read from the installed torch itself."""
import inspect
import re

import torch
from torch import nn


def default(callable_, name):
    """A keyword's default, from the signature: it follows every upgrade."""
    return inspect.signature(callable_).parameters[name].default


def init_of(cls, tensor):
    """The init call of a layer's reset_parameters, read from its source code."""
    source = inspect.getsource(cls.reset_parameters)
    found = re.search(rf"init\.(\w+)\(self\.{tensor}, ?([^\n]*)\)", source)
    return f"{found[1]}({found[2].strip()})"


def documented_input(cls):
    """The input shape in a layer's docstring, such as (N, C_{in}, H_{in}, W_{in})."""
    return re.search(r"Input: :math:`([^`]*)`", cls.__doc__)[1]


momentum = default(nn.BatchNorm2d, "momentum")
rows = [
    ("BatchNorm epsilon", default(nn.BatchNorm2d, "eps")),
    ("BatchNorm momentum", f"{momentum} (the weight of the new batch)"),
    ("BatchNorm, new batch's weight", round(momentum, 6)),
    ("LayerNorm epsilon", default(nn.LayerNorm, "eps")),
    ("Adam epsilon", f"{default(torch.optim.Adam, 'eps')} (on sqrt(v_hat))"),
    ("Adam weight decay", default(torch.optim.Adam, "weight_decay")),
    ("AdamW weight decay", default(torch.optim.AdamW, "weight_decay")),
    ("Linear weight init", init_of(nn.Linear, "weight")),
    ("Linear bias init", init_of(nn.Linear, "bias")),
    ("Conv2d padding", repr(default(nn.Conv2d, "padding"))),
    ("Conv2d weight shape", f"{tuple(nn.Conv2d(3, 8, 5).weight.shape)}: out, in, h, w"),
    ("image layout", f"{documented_input(nn.Conv2d)} (nn.Conv2d's docstring)"),
    ("attention batch_first", default(nn.MultiheadAttention, "batch_first")),
]
print(f"torch {torch.__version__.split('+')[0]}")
for name, value in rows:
    print(f"{name:30} {value}")


# %% A whole CNN: porting/small_cnn
reseed()
"""Porting a small Keras CNN to torch: every layout, and the order Flatten reads in."""
import numpy as np
import torch
from torch import nn

np.set_printoptions(precision=4, suppress=True)
# the same numbers in both tabs, in torch's order
rng = np.random.default_rng(6)
conv_w = rng.standard_normal((6, 1, 3, 3), dtype=np.float32)  # (out, in, kh, kw)
conv_b, gamma, beta, mean = rng.standard_normal((4, 6), dtype=np.float32)
var = rng.uniform(0.5, 2, 6).astype(np.float32)
fc_w = rng.standard_normal((3, 96), dtype=np.float32) * 0.3  # inputs in (C, H, W) order
fc_b = rng.standard_normal(3, dtype=np.float32) * 0.1
x = rng.standard_normal((4, 1, 8, 8), dtype=np.float32)  # (N, C, H, W)
# the epsilon the model was trained with (Keras's default)
eps = 1e-3

# What the Keras model holds: channels_last, and Dense rows in (H, W, C) order.
kernel = conv_w.transpose(2, 3, 1, 0)
dense_kernel = fc_w.reshape(3, 6, 4, 4).transpose(2, 3, 1, 0).reshape(96, 3)
images = x.transpose(0, 2, 3, 1)

model = nn.Sequential(
    nn.Conv2d(1, 6, 3, padding=1), nn.BatchNorm2d(6, eps=eps), nn.ReLU(),
    nn.MaxPool2d(2), nn.Flatten(), nn.Linear(96, 3)).eval()


def port(fc_weight):
    state = {"0.weight": kernel.transpose(3, 2, 0, 1), "0.bias": conv_b,
             "1.weight": gamma, "1.bias": beta, "1.running_mean": mean,
             "1.running_var": var, "5.weight": fc_weight, "5.bias": fc_b}
    # strict=False: BatchNorm's num_batches_tracked counter is not part of the port.
    model.load_state_dict({k: torch.tensor(v) for k, v in state.items()}, strict=False)
    with torch.no_grad():
        return model(torch.tensor(images.transpose(0, 3, 1, 2))).numpy()


# naive: transposed, rows still in (H, W, C) order
naive = port(dense_kernel.T)
print("naive, rows as Keras orders them:   classes", naive.argmax(1).tolist())
# Right: reorder the rows from (H, W, C) to torch's (C, H, W), then transpose.
fc_weight = dense_kernel.reshape(4, 4, 6, 3).transpose(3, 2, 0, 1).reshape(3, 96)
logits = port(fc_weight)
predicted = logits.argmax(1)
print("right, rows reordered to (C, H, W): classes", predicted.tolist())
print(f"max |naive - right| = {np.abs(naive - logits).max():.4f}")
print("right logits:")
print(logits)


def flat(tensors):
    """Gradients or weights as one array of copies, to compare with the Keras tab."""
    return np.concatenate([t.detach().numpy().ravel() for t in tensors])


# Training agrees too. From the right port, in training mode (BatchNorm normalizes
# with each batch's own statistics), the same 4 labels and plain SGD: both tabs compare
# the first gradients, the weights after one step and the loss of 5 steps, in torch's
# layout.
labels = torch.tensor([0, 1, 2, 1])
optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
model.train()
losses = []
for step in range(1, 6):
    optimizer.zero_grad()
    loss = nn.functional.cross_entropy(model(torch.tensor(x)), labels)
    loss.backward()
    if step == 1:
        grad_1 = flat(p.grad for p in model.parameters())
    optimizer.step()
    if step == 1:
        step_1 = flat(model.parameters())
    losses.append(loss.item())
print("5 SGD steps, losses:", np.round(losses, 4))
