"""TensorFlow 2 runs eagerly: each operation executes at once and returns a value."""
# compare-agree: b y atol=1e-6
import tensorflow as tf

# Eager is the default; it is False only while tracing a tf.function.
print("executing eagerly:", tf.executing_eagerly())
a = tf.constant([1.0, 2.0, 3.0])
b = a * 2 + 1  # computed right here, not deferred to a later graph run
print("b:", b)
print("b as NumPy:", b.numpy())
# Plain Python control flow can branch on tensor values.
print("sum(b) > 10:", bool(tf.reduce_sum(b) > 10))

# A GradientTape records operations as they run, for differentiation later.
w = tf.Variable([1.0, 2.0, 3.0])
with tf.GradientTape() as tape:
    y = tf.reduce_sum(w * w)
print("y:", y.numpy().item())
print("type(y):", type(y).__name__)
print("dy/dw:", tape.gradient(y, w))
