"""Porting Keras padding="same" with stride 2 to torch: the padding is asymmetric."""
# compare-agree: y_same y_pad1 atol=1e-5
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
