"""Porting a Keras Conv2D to torch: kernel (kh, kw, in, out) and NHWC images."""
# compare-agree: y atol=1e-5
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
