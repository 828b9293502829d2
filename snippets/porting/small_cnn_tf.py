"""Porting a small torch CNN to Keras: every layout, and the order Flatten reads in."""
# compare-agree: logits predicted atol=1e-4
import keras
import numpy as np

np.set_printoptions(precision=4, suppress=True)
rng = np.random.default_rng(6)  # the same numbers in both tabs, in torch's order
conv_w = rng.standard_normal((6, 1, 3, 3), dtype=np.float32)  # (out, in, kh, kw)
conv_b, gamma, beta, mean = rng.standard_normal((4, 6), dtype=np.float32)
var = rng.uniform(0.5, 2, 6).astype(np.float32)
fc_w = rng.standard_normal((3, 96), dtype=np.float32) * 0.3  # inputs in (C, H, W) order
fc_b = rng.standard_normal(3, dtype=np.float32) * 0.1
x = rng.standard_normal((4, 1, 8, 8), dtype=np.float32)  # (N, C, H, W)
eps = 1e-3  # the epsilon the model was trained with (set on torch's BatchNorm2d)

model = keras.Sequential([
    keras.Input((8, 8, 1)),  # channels_last
    keras.layers.Conv2D(6, 3, padding="same"),  # stride 1: the same as padding=1
    keras.layers.BatchNormalization(epsilon=eps), keras.layers.ReLU(),
    keras.layers.MaxPooling2D(2), keras.layers.Flatten(), keras.layers.Dense(3)])


def port(dense_kernel):
    conv, bn, dense = model.layers[0], model.layers[1], model.layers[5]
    conv.set_weights([conv_w.transpose(2, 3, 1, 0), conv_b])  # (kh, kw, in, out)
    bn.set_weights([gamma, beta, mean, var])
    dense.set_weights([dense_kernel, fc_b])
    return model(x.transpose(0, 2, 3, 1)).numpy()  # images to (N, H, W, C)


naive = port(fc_w.T)  # naive: transposed, rows still in torch's (C, H, W) order
print("naive, rows as torch orders them:   classes", naive.argmax(1).tolist())
# Right: Flatten reads (H, W, C) here, so reorder the rows before use.
logits = port(fc_w.reshape(3, 6, 4, 4).transpose(2, 3, 1, 0).reshape(96, 3))
predicted = logits.argmax(1)
print("right, rows reordered to (H, W, C): classes", predicted.tolist())
print(f"max |naive - right| = {np.abs(naive - logits).max():.4f}")
print("right logits:")
print(logits)
