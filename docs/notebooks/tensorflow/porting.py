# Porting between frameworks: the TensorFlow examples, from the living TensorFlow-vs-PyTorch
# comparison. Each `# %%` cell is a standalone script.
# The outputs on the page were made with: pip install keras==3.15.1 numpy==2.4.6 tensorflow==2.21.0


# CI runs each snippet in a fresh process, one thread, seeded with 0:
import os
import random

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"  # TensorFlow's C++ log lines

import keras
import numpy as np
import tensorflow as tf

tf.config.threading.set_intra_op_parallelism_threads(1)
tf.config.threading.set_inter_op_parallelism_threads(1)
tf.get_logger().setLevel("ERROR")  # CI keeps its log lines out of the outputs


def reseed(*_):
    keras.backend.clear_session()  # layer names count from 0, as in a new process
    random.seed(0)
    np.random.seed(0)
    keras.utils.set_random_seed(0)  # seeds TensorFlow too


# %% Dense and Linear: a transposed matrix: porting/dense_linear
reseed()
"""Porting torch.nn.Linear to a Keras Dense layer: the weight must be transposed."""
import keras
import numpy as np

# The same numbers in both tabs: the layer computes y = x @ W.T + b, W is (out, in).
rng = np.random.default_rng(0)
W = rng.standard_normal((4, 4), dtype=np.float32)
b = rng.standard_normal(4, dtype=np.float32)
x = rng.standard_normal((3, 4), dtype=np.float32)
reference = x @ W.T + b

# What a PyTorch state_dict holds: Linear stores its weight as (out, in), that is W.
weight, bias = W, b

layer = keras.layers.Dense(4)
layer.build((None, 4))
print("Dense.kernel shape:", tuple(layer.kernel.shape), "= (in, out)")
# Naive: copy the weight as it is. The layer is square, so no shape error warns you.
layer.set_weights([weight, bias])
err = np.abs(layer(x).numpy() - reference).max()
print(f"naive port, weight as is: max |diff| = {err:.4f}")
# Right: transpose the weight to (in, out).
layer.set_weights([weight.T, bias])
y = layer(x)
err = np.abs(y.numpy() - reference).max()
print(f"right port, weight.T:     max |diff| = {err:.4f}")
print("y[0]:", y[0].numpy().round(4))


# %% Convolutions: NCHW and NHWC: porting/conv2d_layout
reseed()
"""Porting a torch Conv2d to Keras: weight (out, in, kh, kw) and NCHW images."""
import keras
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

# The same numbers in both tabs, in math order: x (N, C, H, W), w (out, in, kh, kw).
rng = np.random.default_rng(0)
w = rng.standard_normal((4, 3, 3, 3), dtype=np.float32)
b = rng.standard_normal(4, dtype=np.float32)
x = rng.standard_normal((2, 3, 5, 5), dtype=np.float32)
windows = sliding_window_view(x, (3, 3), axis=(2, 3))  # (N, C, H', W', kh, kw)
reference = np.einsum("nchwij,ocij->nohw", windows, w) + b[:, None, None]

# What the PyTorch side holds: weight (out, in, kh, kw) and images (N, C, H, W).
weight, images = w, x

# channels_last: NHWC in, NHWC out
conv = keras.layers.Conv2D(4, kernel_size=3)
conv.build((None, 5, 5, 3))
print("Conv2D.kernel shape:", tuple(conv.kernel.shape), "= (kh, kw, in, out)")


def run(kernel, inputs):
    conv.set_weights([kernel, b])
    return conv(inputs).numpy().transpose(0, 3, 1, 2)  # back to NCHW to compare


def report(label, out):
    print(f"{label:34} max |diff| = {np.abs(out - reference).max():.4f}")


right_kernel = weight.transpose(2, 3, 1, 0)
report("naive weight.T (flips kh and kw):", run(weight.T, images.transpose(0, 2, 3, 1)))
# the right shape, the wrong order
reshaped = images.reshape(2, 5, 5, 3)
report("naive images.reshape(N, H, W, C):", run(right_kernel, reshaped))
y = run(right_kernel, images.transpose(0, 2, 3, 1))  # right: permute the axes
report("right: transpose(2, 3, 1, 0):", y)


# %% Padding "same" with a stride: porting/conv2d_padding
reseed()
"""Porting torch padding=1 with stride 2 to Keras: "same" is not the same."""
import keras
import numpy as np
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
nhwc = x.transpose(0, 2, 3, 1)
kernel = w.transpose(2, 3, 1, 0)  # (kh, kw, in, out)
same = keras.layers.Conv2D(2, 3, strides=2, padding="same", use_bias=False)
same.build(nhwc.shape)
same.set_weights([kernel])
# naive: "same" for padding=1
y_same = same(nhwc).numpy().transpose(0, 3, 1, 2)
err = np.abs(y_same - reference(1, 1)).max()
print(f"naive padding='same' vs torch padding=1: max |diff| = {err:.4f}")
# Right: pad 1 on every side explicitly, then a "valid" convolution.
valid = keras.layers.Conv2D(2, 3, strides=2, padding="valid", use_bias=False)
valid.build((1, 8, 8, 2))
valid.set_weights([kernel])
y_pad1 = valid(keras.layers.ZeroPadding2D(1)(nhwc)).numpy().transpose(0, 3, 1, 2)
err = np.abs(y_pad1 - reference(1, 1)).max()
print(f"right ZeroPadding2D(1) + 'valid':        max |diff| = {err:.4f}")


# %% Batch normalization while training: porting/batchnorm_train
reseed()
"""BatchNorm training step: Keras's momentum is 1 - torch's, and epsilon differs."""
import keras
import numpy as np

np.set_printoptions(precision=5, suppress=True)
rng = np.random.default_rng(0)  # the same numbers in both tabs
x = rng.standard_normal((8, 3), dtype=np.float32) * np.float32([0.03, 1.0, 3.0])
gamma, beta = rng.standard_normal((2, 3), dtype=np.float32)
# this batch's statistics (biased variance)
mean, var = x.mean(0), x.var(0)
# torch's rule: running = 0.9 * running + 0.1 * batch, eps = 1e-5 (from 0 and 1),
# and running_var takes the unbiased variance.
torch_y = (x - mean) / np.sqrt(var + 1e-5) * gamma + beta
torch_mean, torch_var = 0.1 * mean, 0.9 + 0.1 * x.var(0, ddof=1)


def train_step(**options):
    # one forward pass in training mode, from fresh stats
    bn = keras.layers.BatchNormalization(**options)
    bn.build(x.shape)
    bn.gamma.assign(gamma)
    bn.beta.assign(beta)
    # a plain call would run in inference mode
    y = bn(x, training=True)
    return y.numpy(), bn.moving_mean.numpy(), bn.moving_variance.numpy()


def report(label, y, running_mean):
    print(f"{label:31} max |diff| y = {np.abs(y - torch_y).max():.4f}, "
          f"running_mean = {np.abs(running_mean - torch_mean).max():.4f}")


# Keras's defaults: moving = 0.99 * moving + 0.01 * batch, epsilon = 1e-3.
y_keras, mean_keras, _ = train_step()
report("naive momentum=0.1:", *train_step(momentum=0.1)[:2])
y_torch, mean_torch, var_torch = train_step(momentum=0.9, epsilon=1e-5)
report("right momentum=0.9, eps=1e-5:", y_torch, mean_torch)
# No option changes this: Keras updates moving_variance with the biased variance.
print("moving_variance, Keras: ", var_torch)
print("running_var, torch rule:", torch_var)
print("difference:             ", var_torch - torch_var)
print("-0.1 * var / (n - 1):   ", -0.1 * var / (len(x) - 1))


# %% Batch normalization at inference: porting/batchnorm_eval
reseed()
"""BatchNorm at inference: a plain Keras call infers; carry torch's eps=1e-5 over."""
import keras
import numpy as np

rng = np.random.default_rng(0)  # the same numbers in both tabs
gamma, beta, mean = rng.standard_normal((3, 4), dtype=np.float32)
# learned statistics, some of them tiny
var = np.float32([1e-3, 1e-2, 1.0, 4.0])
x = rng.standard_normal((5, 4), dtype=np.float32)
# What torch computes for a BatchNorm1d with these weights, in eval mode:
torch_y = (x - mean) / np.sqrt(var + 1e-5) * gamma + beta


def port(**options):
    bn = keras.layers.BatchNormalization(**options)
    bn.build(x.shape)
    # the order Keras keeps them in
    bn.set_weights([gamma, beta, mean, var])
    return bn


def report(label, y):
    print(f"{label:34} max |diff| = {np.abs(y.numpy() - torch_y).max():.4f}")


bn = port(epsilon=1e-5)
report("naive, called with training=True:", bn(x, training=True))
print("  and that call moved moving_mean to", bn.moving_mean.numpy().round(4))
report("naive, default epsilon=1e-3:", port()(x))
# right: a plain call runs in inference mode
y_torch = port(epsilon=1e-5)(x)
report("right, epsilon=1e-5:", y_torch)
y_keras = port()(x)  # Keras's own default, epsilon=1e-3


# %% LSTM: the same gate order, one bias or two: porting/lstm
reseed()
"""Porting a torch LSTM to Keras: transposes, and two biases summed into one."""
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


# %% GRU: gates in another order: porting/gru
reseed()
"""Porting a torch GRU to Keras: gate order r, z, n becomes z, r, h."""
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


# %% Cross-entropy: logits or probabilities: porting/cross_entropy
reseed()
"""Cross-entropy: Keras expects probabilities unless from_logits=True."""
import keras
import numpy as np

rng = np.random.default_rng(0)  # the same numbers in both tabs
logits = rng.standard_normal((4, 3), dtype=np.float32) * 3
labels = np.array([0, 1, 1, 2])
class_weight = np.float32([1.0, 2.0, 0.5])
log_p = logits - np.log(np.exp(logits).sum(1, keepdims=True))  # log-softmax
reference = -log_p[np.arange(4), labels]  # one loss per sample


def show(label, value):
    print(f"{label:38} {float(value):.4f}")


show("reference mean loss:", reference.mean())

SCCE = keras.losses.SparseCategoricalCrossentropy
# Naive: hand logits (what a torch model returns) to the default, from_logits=False.
naive = SCCE()(labels, logits)
show("naive, logits in, from_logits=False:", naive)
loss = SCCE(from_logits=True)(labels, logits)  # right
show("right, from_logits=True:", loss)
loss_sum = SCCE(from_logits=True, reduction="sum")(labels, logits)
show("reduction='sum':", loss_sum)

# Class weights become per-sample weights. To match torch's weighted mean, divide by
# the sum of the weights used...
sample_weight = class_weight[labels]
weighted_mean = SCCE(from_logits=True, reduction="mean_with_sample_weight")(
    labels, logits, sample_weight=sample_weight)
show("weights, mean over sum of weights:", weighted_mean)
# ...as Keras's default reduction divides by the batch size.
weighted_over_n = SCCE(from_logits=True)(labels, logits, sample_weight=sample_weight)
show("weights, mean over the batch size:", weighted_over_n)


# %% Adam: where epsilon goes: porting/adam_step
reseed()
"""Adam: Keras adds epsilon to the raw sqrt(v), torch to the bias-corrected one."""
import keras
import numpy as np
import tensorflow as tf

np.set_printoptions(precision=6, suppress=True)
rng = np.random.default_rng(0)  # the same numbers in both tabs
w0 = rng.standard_normal(4, dtype=np.float32)
# gradients of very different sizes
g = np.float32([1.0, 1e-3, 1e-6, 1e-8])
lr, steps = 0.1, 3

# torch's rule written out: step lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps),
# with eps = 1e-8. Keras's is lr * sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + eps).
w, m, v = w0.astype(np.float64), 0.0, 0.0
for t in range(1, steps + 1):
    m, v = 0.9 * m + 0.1 * g, 0.999 * v + 0.001 * g**2
    w = w - lr / (1 - 0.9**t) * m / (np.sqrt(v) / np.sqrt(1 - 0.999**t) + 1e-8)
torch_rule = w.astype(np.float32)


def adam(eps_at_step):
    # `steps` steps of Keras's Adam on loss = sum(g * w)
    w = tf.Variable(w0)
    opt = keras.optimizers.Adam(learning_rate=lr)
    for t in range(1, steps + 1):
        opt.epsilon = eps_at_step(t)
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(w * g)
        opt.apply_gradients([(tape.gradient(loss, w), w)])
    return w.numpy()


print("keras.optimizers.Adam default epsilon:", keras.optimizers.Adam().epsilon)
w_keras_rule = adam(lambda t: 1e-7)
print("change after 3 steps, Keras's default:", w_keras_rule - w0)
print("change after 3 steps, naive eps=1e-8: ", adam(lambda t: 1e-8) - w0)
print("change after 3 steps, torch's rule:   ", torch_rule - w0)
# Right: torch's eps on sqrt(v_hat) is eps * sqrt(1 - b2^t) on sqrt(v), step by step.
w_torch_rule = adam(lambda t: 1e-8 * np.sqrt(1 - 0.999**t))
err = np.abs(w_torch_rule - torch_rule).max()
print(f"right, eps = 1e-8 * sqrt(1 - 0.999**t): max |diff| = {err:.4f}")


# %% Default initialization: porting/init_stats
reseed()
"""Default initializations: Dense uses Glorot, Linear draws U(±1/sqrt(fan_in))."""
import keras
import numpy as np

fan_in, fan_out = 1024, 1024
# samples differ between frameworks: compare statistics
keras.utils.set_random_seed(0)


def stats(layer):  # [max |w|, std of w, max |b|]
    w, b = layer.get_weights()
    return np.array([np.abs(w).max(), w.std(), np.abs(b).max()])


def show(label, values):
    print(f"{label:28} max|w| {values[0]:.5f}  std(w) {values[1]:.5f}  "
          f"max|b| {values[2]:.5f}")


def dense(**initializers):
    layer = keras.layers.Dense(fan_out, **initializers)
    layer.build((None, fan_in))
    return layer


# Keras's default: glorot_uniform, U(±sqrt(6 / (fan_in + fan_out))), and a zero bias.
limit = np.sqrt(6 / (fan_in + fan_out))
show("Keras rule, in theory:", [limit, limit / np.sqrt(3), 0.0])
keras_rule = stats(dense())
show("Keras rule, measured:", keras_rule)
# torch's default: U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for the kernel and the bias.
bound = 1 / np.sqrt(fan_in)
show("torch rule, in theory:", [bound, bound / np.sqrt(3), bound])
# Naive: keep Keras's default when a torch model is retrained from scratch (above).
# Right: VarianceScaling's uniform limit is sqrt(3 * scale / fan_in): take scale 1/3.
torch_rule = stats(dense(
    kernel_initializer=keras.initializers.VarianceScaling(1 / 3, "fan_in", "uniform"),
    bias_initializer=keras.initializers.RandomUniform(-bound, bound)))
show("torch rule, VarianceScaling:", torch_rule)


# %% Dropout: training and inference modes: porting/dropout
reseed()
"""Dropout: a plain call to a Keras layer or model runs in inference mode."""
import keras
import numpy as np

# masks differ between frameworks: compare the rest
keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)  # the same numbers in both tabs
W = rng.standard_normal((8, 8), dtype=np.float32)
b = rng.standard_normal(8, dtype=np.float32)
x = rng.standard_normal((2, 8), dtype=np.float32)
# what inference must return: dropout does nothing
reference = x @ W.T + b

model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(8),
                          keras.layers.Dropout(rate=0.5)])
model.layers[0].set_weights([W.T, b])
# Porting a torch training step: a plain call runs in inference mode, without dropout.
out = model(x).numpy()
print(f"naive, plain call in a training loop: {(out == 0).sum():2} of 16 zeroed")
# right, for training (fit() passes it for you)
out = model(x, training=True).numpy()
print(f"right, model(x, training=True):       {(out == 0).sum():2} of 16 zeroed")
# inference: a plain call, like predict() and evaluate()
eval_out = model(x).numpy()
err = np.abs(eval_out - reference).max()
print(f"inference vs x @ W.T + b: max |diff| = {err:.4f}")

# In training, kept values are scaled by 1 / (1 - rate), so the mean is unchanged.
ones = np.ones(100_000, np.float32)
out = keras.layers.Dropout(rate=0.5)(ones, training=True).numpy()
train_scale = np.unique(out[out != 0])
print("training: kept values =", train_scale.tolist(),
      f"kept fraction = {(out != 0).mean():.3f}")


# %% Attention: one packed projection or a kernel per head: porting/attention
reseed()
"""Attention: Keras's MultiHeadAttention keeps a (E, heads, head size) kernel each."""
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


# %% Gradient clipping: one norm for all, or one per variable: porting/grad_clipping
reseed()
"""Gradient clipping: Keras's clipnorm clips each variable; global_clipnorm all."""
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


# %% Weight decay: L2 in the gradient, or decoupled: porting/weight_decay
reseed()
"""Weight decay: Keras's weight_decay is decoupled, like AdamW; L2 is done by hand."""
import keras
import numpy as np
import tensorflow as tf

np.set_printoptions(precision=4, suppress=True)
rng = np.random.default_rng(0)  # the same numbers in both tabs
w0 = rng.standard_normal(4, dtype=np.float32)
g = np.float32([1.0, -0.5, 0.25, 2.0])  # the loss is sum(g * w)
lr, decay, steps = 0.1, 0.1, 3

# torch's Adam(weight_decay=0.1) written out: the gradient becomes g + decay * w, then
# the Adam step (torch's epsilon, 1e-8 on sqrt(v_hat), is too small to matter).
w, m, v = w0.astype(np.float64), 0.0, 0.0
for t in range(1, steps + 1):
    grad = g + decay * w
    m, v = 0.9 * m + 0.1 * grad, 0.999 * v + 0.001 * grad**2
    w = w - lr / (1 - 0.9**t) * m / (np.sqrt(v) / np.sqrt(1 - 0.999**t) + 1e-8)
torch_rule = w.astype(np.float32)


def train(l2=0.0, **options):
    # `steps` steps on loss = sum(g * w) + l2 / 2 * sum(w**2)
    w = tf.Variable(w0)
    opt = keras.optimizers.Adam(learning_rate=lr, **options)
    for _ in range(steps):
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(w * g) + l2 / 2 * tf.reduce_sum(w**2)
        opt.apply_gradients([(tape.gradient(loss, w), w)])
    return w.numpy()


# Naive: Keras's weight_decay shrinks the weights directly, outside the gradient.
w_decoupled = train(weight_decay=decay)
print(f"naive port of torch's Adam(weight_decay=0.1): max |diff| = "
      f"{np.abs(w_decoupled - torch_rule).max():.4f}")
# Right: torch's L2 is a term of the loss, whose gradient is decay * w.
w_l2 = train(l2=decay)
print(f"right, decay / 2 * sum(w**2) in the loss:     max |diff| = "
      f"{np.abs(w_l2 - torch_rule).max():.4f}")
print("after 3 steps, L2 in the gradient:", w_l2)
print("after 3 steps, decoupled:         ", w_decoupled)


# %% Padding in embeddings: padding_idx and mask_zero: porting/embedding_padding
reseed()
"""Padding in embeddings: mask_zero=True hides the pads from the layers that follow."""
import keras
import numpy as np
import tensorflow as tf

np.set_printoptions(precision=4, suppress=True)
rng = np.random.default_rng(0)  # the same numbers in both tabs
# 5 ids, id 0 is the padding
table = rng.standard_normal((5, 3), dtype=np.float32)
# two sequences, padded to length 4
ids = np.array([[3, 1, 0, 0], [2, 4, 4, 0]])
# the loss is sum(pooled * probe)
probe = np.float32([1.0, -1.0, 0.5])

# torch's nn.Embedding(padding_idx=0) then a mean of the real tokens only (the mean
# a torch model must take by hand: padding_idx alone does not drop the pads).
real = ids != 0
torch_rule = (table[ids] * real[..., None]).sum(1) / real.sum(1, keepdims=True)

pool = keras.layers.GlobalAveragePooling1D()
# Naive: without mask_zero, the pads are ordinary tokens, and the mean counts them.
emb = keras.layers.Embedding(5, 3)
emb.build((None, 4))
emb.set_weights([table])
naive = pool(emb(ids))
print("naive port, no mask:        max |diff| = "
      f"{np.abs(naive.numpy() - torch_rule).max():.4f}")
# Right: mask_zero=True builds a mask from the zeros; the pooling averages the rest.
emb = keras.layers.Embedding(5, 3, mask_zero=True)
emb.build((None, 4))
emb.set_weights([table])
with tf.GradientTape() as tape:
    pooled = pool(emb(ids), mask=emb.compute_mask(ids))
    loss = tf.reduce_sum(pooled * probe)
grad = tf.convert_to_tensor(tape.gradient(loss, emb.embeddings))
print("right, mask_zero=True:      max |diff| = "
      f"{np.abs(pooled.numpy() - torch_rule).max():.4f}")
print("pooled:", pooled.numpy())
print("gradient of the table, row 0 (padding):", grad[0].numpy())
print("gradient of the table, row 4 (twice):  ", grad[4].numpy())


# %% Learning-rate schedules: epochs or steps: porting/lr_schedule
reseed()
"""Learning-rate schedules: Keras's schedules count optimizer steps, not epochs."""
import keras
import numpy as np

epochs, batches = 6, 3  # 3 optimizer steps per epoch

# torch's StepLR(opt, step_size=2, gamma=0.5), stepped once an epoch, by hand:
# the rate halves every 2 epochs, that is every 6 optimizer steps here.
torch_rule = [0.1 * 0.5 ** ((step // batches) // 2) for step in range(epochs * batches)]


def rates(decay_steps):
    # the rate of each optimizer step, read from the optimizer
    schedule = keras.optimizers.schedules.ExponentialDecay(
        0.1, decay_steps=decay_steps, decay_rate=0.5, staircase=True)
    opt = keras.optimizers.SGD(learning_rate=schedule)
    w = keras.Variable([0.0])
    seen = []
    for _ in range(epochs * batches):
        seen.append(float(opt.learning_rate))  # the rate this step uses
        opt.apply_gradients([(np.float32([0.0]), w)])
    return np.array(seen)


# Naive: step_size=2 copied as decay_steps=2, but Keras counts the optimizer steps.
naive = rates(decay_steps=2)
print(f"naive port, decay_steps=2:            max |diff| = "
      f"{np.abs(naive - torch_rule).max():.4f}")
# Right: 2 epochs are 2 * batches optimizer steps.
lrs = rates(decay_steps=2 * batches)
print(f"right, decay_steps=2 * batches = 6:   max |diff| = "
      f"{np.abs(lrs - torch_rule).max():.4f}")
print("rate at each step:", " ".join(f"{lr:g}" for lr in lrs))


# %% Losses: label smoothing and what "sum" adds up: porting/loss_options
reseed()
"""Losses: Keras smooths one-hot labels only; "sum" adds up per-sample means."""
import keras
import numpy as np

rng = np.random.default_rng(0)  # the same numbers in both tabs
logits = rng.standard_normal((4, 3), dtype=np.float32) * 2
labels = np.array([0, 1, 2, 1])
pred = rng.standard_normal((4, 3), dtype=np.float32)
target = rng.standard_normal((4, 3), dtype=np.float32)

# torch's CrossEntropyLoss(label_smoothing=0.1), by hand: 0.9 of the usual loss plus
# 0.1 of the mean of -log p over the classes, averaged over the batch.
log_p = logits - np.log(np.exp(logits).sum(1, keepdims=True))
torch_smoothed = (0.9 * -log_p[np.arange(4), labels] - 0.1 * log_p.mean(1)).mean()
# torch's MSELoss(reduction="sum"), by hand: the sum of every squared difference.
torch_rule = ((pred - target) ** 2).sum()


def show(label, value, reference):
    diff = abs(float(value) - reference)
    print(f"{label:47} {float(value):7.4f}   |diff| = {diff:.4f}")


# Naive: the sparse loss takes the class indices, but has no label_smoothing at all.
naive = keras.losses.SparseCategoricalCrossentropy(from_logits=True)(labels, logits)
show("naive port, sparse loss, no smoothing:", naive, torch_smoothed)
# Right: one-hot labels, and the categorical loss, which smooths them.
smoothed = keras.losses.CategoricalCrossentropy(from_logits=True, label_smoothing=0.1)(
    keras.ops.one_hot(labels, 3), logits)
show("right, one-hot, label_smoothing=0.1:", smoothed, torch_smoothed)
# Naive: reduction="sum" sums the per-sample means (each over the last axis).
keras_sum = keras.losses.MeanSquaredError(reduction="sum")(target, pred)
show('naive port of "sum", reduction="sum":', keras_sum, torch_rule)
# Right: give each element its own last axis, so the mean per element is the element.
torch_sum = keras.losses.MeanSquaredError(reduction="sum")(target[..., None],
                                                            pred[..., None])
show('right, reduction="sum" on [..., None]:', torch_sum, torch_rule)


# %% Defaults that differ: porting/defaults
reseed()
"""Keras's defaults that a port must match, read from the installed Keras itself."""
import inspect
import re

import keras


def default(callable_, name):
    """A keyword's default, from the signature: it follows every upgrade."""
    return inspect.signature(callable_).parameters[name].default


def initializer(config, key):
    """An initializer's class name, from a layer's config."""
    return config[key]["class_name"]


batchnorm = keras.layers.BatchNormalization().get_config()
dense = keras.layers.Dense(2).get_config()
conv = keras.layers.Conv2D(8, 5)
conv.build((None, 10, 10, 3))
query = r"query: Query tensor of shape `([^`]*)`"
query_shape = re.search(query, keras.layers.MultiHeadAttention.__doc__)[1]
rows = [
    ("BatchNorm epsilon", batchnorm["epsilon"]),
    ("BatchNorm momentum", f"{batchnorm['momentum']} (the weight of the old average)"),
    ("BatchNorm, new batch's weight", round(1 - batchnorm["momentum"], 6)),
    ("LayerNorm epsilon", keras.layers.LayerNormalization().get_config()["epsilon"]),
    ("Adam epsilon", f"{keras.optimizers.Adam().get_config()['epsilon']} (on sqrt(v))"),
    ("Adam weight decay", keras.optimizers.Adam().get_config()["weight_decay"]),
    ("AdamW weight decay", keras.optimizers.AdamW().get_config()["weight_decay"]),
    ("Dense kernel init", initializer(dense, "kernel_initializer")),
    ("Dense bias init", initializer(dense, "bias_initializer")),
    ("Conv2D padding", repr(default(keras.layers.Conv2D, "padding"))),
    ("Conv2D kernel shape", f"{tuple(conv.kernel.shape)}: h, w, in, out"),
    ("image layout", f"{keras.config.image_data_format()!r} (keras.config)"),
    ("attention batch_first", f"always: query {query_shape} (the docstring)"),
]
print(f"keras {keras.__version__}")
for name, value in rows:
    print(f"{name:30} {value}")


# %% A whole CNN: porting/small_cnn
reseed()
"""Porting a small torch CNN to Keras: every layout, and the order Flatten reads in."""
import keras
import numpy as np
import tensorflow as tf

np.set_printoptions(precision=4, suppress=True)
# the same numbers in both tabs, in torch's order
rng = np.random.default_rng(6)
conv_w = rng.standard_normal((6, 1, 3, 3), dtype=np.float32)  # (out, in, kh, kw)
conv_b, gamma, beta, mean = rng.standard_normal((4, 6), dtype=np.float32)
var = rng.uniform(0.5, 2, 6).astype(np.float32)
fc_w = rng.standard_normal((3, 96), dtype=np.float32) * 0.3  # inputs in (C, H, W) order
fc_b = rng.standard_normal(3, dtype=np.float32) * 0.1
x = rng.standard_normal((4, 1, 8, 8), dtype=np.float32)  # (N, C, H, W)
# the epsilon the model was trained with (set on torch's BatchNorm2d)
eps = 1e-3

model = keras.Sequential([
    keras.Input((8, 8, 1)),  # channels_last
    # stride 1: the same as padding=1
    keras.layers.Conv2D(6, 3, padding="same"),
    keras.layers.BatchNormalization(epsilon=eps), keras.layers.ReLU(),
    keras.layers.MaxPooling2D(2), keras.layers.Flatten(), keras.layers.Dense(3)])


def port(dense_kernel):
    conv, bn, dense = model.layers[0], model.layers[1], model.layers[5]
    conv.set_weights([conv_w.transpose(2, 3, 1, 0), conv_b])  # (kh, kw, in, out)
    bn.set_weights([gamma, beta, mean, var])
    dense.set_weights([dense_kernel, fc_b])
    return model(x.transpose(0, 2, 3, 1)).numpy()  # images to (N, H, W, C)


# naive: transposed, rows still in torch's (C, H, W) order
naive = port(fc_w.T)
print("naive, rows as torch orders them:   classes", naive.argmax(1).tolist())
# Right: Flatten reads (H, W, C) here, so reorder the rows before use.
logits = port(fc_w.reshape(3, 6, 4, 4).transpose(2, 3, 1, 0).reshape(96, 3))
predicted = logits.argmax(1)
print("right, rows reordered to (H, W, C): classes", predicted.tolist())
print(f"max |naive - right| = {np.abs(naive - logits).max():.4f}")
print("right logits:")
print(logits)


def torch_layout(conv_k, conv_b, gamma, beta, dense_k, dense_b):
    """Gradients or weights in torch's layout, as one array: the port above, undone."""
    dense_w = dense_k.reshape(4, 4, 6, 3).transpose(3, 2, 0, 1).reshape(3, 96)
    return np.concatenate([a.ravel() for a in (
        conv_k.transpose(3, 2, 0, 1), conv_b, gamma, beta, dense_w, dense_b)])


# Training agrees too. From the right port, in training mode (BatchNorm normalizes
# with each batch's own statistics), the same 4 labels and plain SGD: both tabs compare
# the first gradients, the weights after one step and the loss of 5 steps, in torch's
# layout.
labels = np.array([0, 1, 2, 1])
optimizer = keras.optimizers.SGD(learning_rate=0.01)
loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
losses = []
for step in range(1, 6):
    with tf.GradientTape() as tape:
        loss = loss_fn(labels, model(x.transpose(0, 2, 3, 1), training=True))
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables, strict=True))
    if step == 1:
        grad_1 = torch_layout(*(g.numpy() for g in grads))
        step_1 = torch_layout(*(v.numpy() for v in model.trainable_variables))
    losses.append(float(loss))
print("5 SGD steps, losses:", np.round(losses, 4))
