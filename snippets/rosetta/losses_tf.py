"""Rosetta stone, losses in Keras 3: one line per row of the page's table."""
# compare-differs: one line per table row; the rows are printed, not kept to compare
import keras
import tensorflow as tf


def show(label, t):
    """Print one row: label, then shape, dtype and values (or the plain value)."""
    if isinstance(t, (tf.Tensor, tf.Variable)):
        v = t.numpy().astype("float64").round(4) if t.dtype.is_floating else t.numpy()
        v = v.tolist() if v.size <= 12 else ""  # values of small ones only
        t = f"{tuple(t.shape)!s:<12} {t.dtype.name:<8} {v}"
    print(f"{label:<11} {t}".rstrip())


logits = tf.constant([[2.0, 0.5, -1.0], [0.1, 1.5, 0.3]])  # raw scores, 3 classes
y = tf.constant([0, 1])  # class indices
onehot = tf.one_hot(y, 3)
z, t = tf.constant([1.0, -2.0, 0.5]), tf.constant([1.0, 0.0, 1.0])  # binary
pred = tf.constant([[1.0, 2.0], [4.0, 0.0]])
target = tf.constant([[1.5, 2.0], [2.0, 0.0]])
# Arguments go (y_true, y_pred): the target comes first.
show("ce", keras.losses.SparseCategoricalCrossentropy(from_logits=True)(y, logits))
show("ce probs", keras.losses.SparseCategoricalCrossentropy()(y, tf.nn.softmax(logits)))
show("ce wrong", keras.losses.SparseCategoricalCrossentropy()(y, logits))  # not probs
show("ce fn", keras.losses.sparse_categorical_crossentropy(y, logits, from_logits=True))
show("onehot", keras.losses.CategoricalCrossentropy(from_logits=True)(onehot, logits))
show("bce logits", keras.losses.BinaryCrossentropy(from_logits=True)(t, z))
show("mse", keras.losses.MeanSquaredError()(target, pred))
show("mse none", keras.losses.MeanSquaredError(reduction=None)(target, pred))
show("mae", keras.losses.MeanAbsoluteError()(target, pred))
show("huber", keras.losses.Huber(delta=1.0)(target, pred))
q = tf.nn.softmax(logits)  # KLDivergence wants probabilities, target first
show("kl", keras.losses.KLDivergence()(onehot * 0.8 + 0.2 / 3, q))
