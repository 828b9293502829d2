"""Gradients in TensorFlow: a GradientTape records operations and returns gradients."""
# compare-agree: f g w atol=1e-6
import tensorflow as tf

# f(w) = sum(w**2 + 3w), so df/dw = 2w + 3
w = tf.Variable([1.0, 2.0, 3.0])  # trainable Variables are watched automatically
c = tf.constant([1.0, 1.0, 1.0])  # constants are not, unless you tape.watch(c)
with tf.GradientTape(persistent=True) as tape:  # persistent: ask more than once
    f = tf.reduce_sum(w**2 + 3 * w)
print("f:", f.numpy().item())
print("df/dw:", tape.gradient(f, w).numpy().tolist(), "| expected:",
      (2 * w + 3).numpy().tolist())
print("grad of an unwatched tensor:", tape.gradient(f, c))

# Asking again returns the same gradient: nothing accumulates
print("asked a 2nd time:", tape.gradient(f, w).numpy().tolist())
del tape  # a persistent tape holds its resources until deleted

# A non-persistent tape (the default) answers once, then is released
with tf.GradientTape() as tape:
    f = tf.reduce_sum(w**2 + 3 * w)
g = tape.gradient(f, w)
try:
    tape.gradient(f, w)
except RuntimeError as err:
    print("tape asked twice:", str(err).split(".")[0])

# Updates happen outside the tape, through the Variable's assign methods
w.assign_sub(0.1 * g)
print("w after one step:", [round(v, 2) for v in w.numpy().tolist()])
