"""Rosetta stone, random numbers in TensorFlow and Keras: one line per table row."""
# compare-differs: each framework has its own random generator
import keras
import tensorflow as tf


def show(label, t):
    """Print one row: label, then shape, dtype and values (or the plain value)."""
    if isinstance(t, (tf.Tensor, tf.Variable)):
        v = t.numpy().astype("float64").round(4) if t.dtype.is_floating else t.numpy()
        v = v.tolist() if v.size <= 12 else ""  # values of small ones only
        t = f"{tuple(t.shape)!s:<12} {t.dtype.name:<8} {v}"
    print(f"{label:<11} {t}".rstrip())


keras.utils.set_random_seed(0)  # seeds Python, NumPy, TensorFlow and Keras
show("normal", tf.random.normal((2, 3)))
show("uniform", tf.random.uniform((3,)))
show("randint", tf.random.uniform((4,), 0, 10, dtype=tf.int64))  # maxval is excluded
show("permute", tf.random.shuffle(tf.range(5)))
probs = tf.constant([[0.3, 0.0, 0.7]])
show("sample", tf.random.categorical(tf.math.log(probs), 4)[0])  # from log-probs
g = keras.random.SeedGenerator(42)  # a generator of its own, apart from the global
show("generator", keras.random.normal((3,), seed=g))
show("next draw", keras.random.normal((3,), seed=g))  # its state moved on
show("seeded call", keras.random.normal((3,), seed=42))  # repeats the generator row
