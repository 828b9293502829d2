"""Porting a torch Conv2d to Keras: weight (out, in, kh, kw) and NCHW images."""
# compare-agree: y atol=1e-5
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
