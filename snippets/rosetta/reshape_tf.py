"""Rosetta stone, reshaping and joining tensors in TensorFlow: one line per row."""
# compare-agree: checked atol=1e-6
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


x = tf.reshape(tf.range(6, dtype=tf.int64), (2, 3))  # int64, as in the torch tab
y = tf.zeros((2, 3, 4))
v = tf.constant([1, 2], dtype=tf.int64)
show("reshape", tf.reshape(x, (3, 2)))
show("flatten", tf.reshape(x, [-1]))
show("transpose", tf.transpose(x))
show("permute", tf.transpose(y, perm=[0, 2, 1]))
show("unsqueeze", tf.expand_dims(x, 0))
show("squeeze", tf.squeeze(tf.zeros((1, 3, 1))))
show("concat", tf.concat([x, x], axis=0))
show("stack", tf.stack([x, x], axis=0))
show("split n", tf.split(x, 3, axis=1)[0])  # 3 equal pieces
show("split size", tf.split(x, [2, 1], axis=1)[0])  # sizes given as a list
show("tile", tf.tile(x, [1, 2]))
show("repeat", tf.repeat(v, 2))
show("gather", tf.gather(x, [2, 0], axis=1))
show("where", tf.where(x > 2, x, 0))
