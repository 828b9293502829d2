"""Rosetta stone, dtypes and casting in TensorFlow: one line per table row."""
# compare-differs: each tab shows its own framework's dtype rules
import keras
import numpy as np
import tensorflow as tf


def show(label, t):
    """Print one row: label, then shape, dtype and values (or the plain value)."""
    t = t.name if isinstance(t, tf.DType) else t
    if isinstance(t, (tf.Tensor, tf.Variable)):
        v = t.numpy().astype("float64").round(4) if t.dtype.is_floating else t.numpy()
        v = v.tolist() if v.size <= 12 else ""  # values of small ones only
        t = f"{tuple(t.shape)!s:<12} {t.dtype.name:<8} {v}"
    print(f"{label:<11} {t}".rstrip())


def attempt(label, fn):
    """Show fn's result, or the name of the error it raises."""
    try:
        show(label, fn())
    except tf.errors.InvalidArgumentError as err:
        show(label, type(err).__name__)


show("default", keras.config.floatx())
show("int list", tf.constant([1, 2]))
show("numpy f64", tf.constant(np.array([1.5])))  # NumPy's default is float64
show("cast", tf.cast(tf.constant([1.0, 2.0]), tf.float16))
show("truncate", tf.cast(tf.constant([1.7, -1.7]), tf.int64))  # rounds toward zero
attempt("int+float", lambda: tf.constant([1, 2]) + 0.5)  # no implicit promotion
attempt("f32+f64", lambda: tf.constant([1.0]) + tf.constant([1.0], tf.float64))
show("int / int", tf.constant([3]) / 2)
show("bfloat16", tf.ones(2, dtype=tf.bfloat16))
show("compare", tf.constant([1, 2]) > 1)
dense = keras.layers.Dense(2, dtype="mixed_bfloat16")  # compute bf16, f32 weights
show("mixed out", dense(tf.ones((1, 2))).dtype)
show("mixed var", dense.kernel.dtype)
show("ops promote", keras.ops.add(tf.constant([1, 2]), 0.5))  # keras.ops promotes
