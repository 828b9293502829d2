"""Rosetta stone, tensor creation in TensorFlow: one line per table row."""
# compare-differs: one line per table row; the rows are printed, not kept to compare
import numpy as np
import tensorflow as tf


def show(label, t):
    """Print one row: label, then shape, dtype and values (or the plain value)."""
    if isinstance(t, (tf.Tensor, tf.Variable)):
        v = t.numpy().astype("float64").round(4) if t.dtype.is_floating else t.numpy()
        v = v.tolist() if v.size <= 12 else ""  # values of small ones only
        t = f"{tuple(t.shape)!s:<12} {t.dtype.name:<8} {v}"
    print(f"{label:<11} {t}".rstrip())


x = tf.constant([[1, 2], [3, 4]])  # Python ints become int32
show("from list", x)
show("zeros", tf.zeros((2, 3)))
show("ones", tf.ones((2, 3)))
show("full", tf.fill((2, 2), 7.0))
show("eye", tf.eye(3))
show("arange", tf.range(0, 10, 3))
show("linspace", tf.linspace(0.0, 1.0, 5))
show("zeros_like", tf.zeros_like(x))
a = np.array([1.5, 2.5], dtype=np.float32)
t = tf.convert_to_tensor(a)
a[0] = 9.0  # the tensor keeps 1.5: TensorFlow copied `a`
show("from numpy", t)
show("to numpy", type(tf.ones(2).numpy()).__name__)
show("trainable", tf.Variable(tf.zeros(2)).trainable)
