"""Porting torch padding=1 with stride 2 to Keras: "same" is not the same."""
# compare-agree: y_same y_pad1 atol=1e-5
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
