"""Rosetta stone, matmul, einsum and reductions in TensorFlow: one line per row."""
# compare-agree: checked atol=1e-6
import keras
import tensorflow as tf

checked = []  # every value shown, for the check that both tabs compute the same


def show(label, t):
    """Print one row: label, then shape, dtype and values (or the plain value)."""
    if isinstance(t, (tf.Tensor, tf.Variable)):
        checked.extend(t.numpy().astype("float64").ravel().tolist())
        v = t.numpy().astype("float64").round(4) if t.dtype.is_floating else t.numpy()
        v = v.tolist() if v.size <= 12 else ""  # values of small ones only
        t = f"{tuple(t.shape)!s:<12} {t.dtype.name:<8} {v}"
    print(f"{label:<11} {t}".rstrip())


a = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])  # (2, 3)
b = tf.ones((3, 2))
u, v = tf.constant([1.0, 2.0]), tf.constant([3.0, 4.0])
p, q = tf.ones((4, 2, 3)), tf.ones((4, 3, 5))  # batches of 4 matrices
show("matmul", a @ b)
show("batched", tf.matmul(p, q))
show("dot", tf.tensordot(u, v, axes=1))
show("outer", keras.ops.outer(u, v))
show("einsum", tf.einsum("ij,jk->ik", a, b))
show("sum", tf.reduce_sum(a, axis=0))
show("mean keep", tf.reduce_mean(a, axis=1, keepdims=True))
show("max", tf.reduce_max(a, axis=1))
show("argmax", tf.argmax(a, axis=1))
n = tf.cast(tf.size(a), a.dtype)  # no ddof option: rescale by n / (n - 1) yourself
show("std", tf.math.reduce_std(a) * tf.sqrt(n / (n - 1)))  # the sample std
show("std pop", tf.math.reduce_std(a))  # population std: divides by n
show("norm", tf.norm(u))
show("cumsum", tf.cumsum(a, axis=1))
