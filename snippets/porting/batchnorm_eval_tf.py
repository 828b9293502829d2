"""BatchNorm at inference: a plain Keras call infers; carry torch's eps=1e-5 over."""
# compare-agree: y_torch y_keras atol=1e-5
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
