"""Compiling a TensorFlow function with XLA and checking it matches eager."""
# compare-differs: each tab checks its compiler against its own eager run

import numpy as np
import tensorflow as tf


def fn(x, w):
    return tf.nn.gelu(x @ w) * 2 + 1


tf.random.set_seed(0)
x = tf.random.normal((64, 64))
w = tf.random.normal((64, 64)) / 8

# The first call traces a graph and compiles it with XLA; later calls reuse it.
compiled_fn = tf.function(fn, jit_compile=True)

eager = fn(x, w)
compiled = compiled_fn(x, w)
print("output shape:", tuple(compiled.shape))
print("matches eager:", np.allclose(eager, compiled, atol=1e-5))
print("checksum:", round(float(tf.reduce_sum(compiled)), 3))
