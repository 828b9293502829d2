"""Defining an op with a hand-written gradient using @tf.custom_gradient."""
# compare-agree: y dy_dx atol=1e-6

import tensorflow as tf


@tf.custom_gradient
def log1pexp(x):
    """softplus(x) = log(1 + exp(x)), computed without overflow."""
    # Naive log(1 + exp(x)) overflows: exp(100) is inf in float32.
    y = tf.maximum(x, 0.0) + tf.math.log1p(tf.exp(-tf.abs(x)))

    def grad(upstream):
        # d/dx log(1 + exp(x)) = sigmoid(x), which never overflows.
        return upstream * tf.sigmoid(x)

    return y, grad  # the closure keeps x alive for the backward pass


x = tf.constant([-2.0, 0.0, 100.0])
with tf.GradientTape() as tape:
    tape.watch(x)  # constants are not watched automatically
    y = log1pexp(x)
    total = tf.reduce_sum(y)
dy_dx = tape.gradient(total, x)

print("x:       ", x.numpy().tolist())
print("value:   ", [round(v, 4) for v in y.numpy().tolist()])
print("gradient:", [round(g, 4) for g in dy_dx.numpy().tolist()])
