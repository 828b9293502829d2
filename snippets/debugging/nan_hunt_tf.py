"""Hunting a NaN gradient in TensorFlow with tf.debugging.enable_check_numerics."""
import tensorflow as tf


def safe_log(x):
    # Meant to map x <= 0 to 0. The forward pass is fine; the gradient is not.
    return tf.where(x > 0, tf.math.log(x), tf.zeros_like(x))


x = tf.Variable([0.0, 1.0, 2.0])
with tf.GradientTape() as tape:
    loss = tf.reduce_sum(safe_log(x))
grad = tape.gradient(loss, x)
print("loss:", round(loss.numpy().item(), 4), "| grad:", grad.numpy().tolist())

# Check-numerics mode checks the output of every op, forward and backward, for
# Inf as well as NaN, and raises at the first one. It names the op and counts.
tf.debugging.enable_check_numerics()
try:
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(safe_log(x))
    tape.gradient(loss, x)
except tf.errors.InvalidArgumentError as err:
    lines = [line.strip() for line in err.message.splitlines()]
    print("error:", type(err).__name__)
    for start in ("!!!", "# of", "Input tensor"):
        # the op, the count, its input
        print(next(line for line in lines if line.startswith(start)))
tf.debugging.disable_check_numerics()

# The fix: never feed log a value it cannot take, even in the branch not chosen
with tf.GradientTape() as tape:
    loss = tf.reduce_sum(tf.where(x > 0, tf.math.log(tf.where(x > 0, x, 1.0)), 0.0))
print("fixed grad:", tape.gradient(loss, x).numpy().tolist())
# compare-differs: the two tabs show each framework's own error message
