"""Gradients in TensorFlow: GradientTape records ops; nest tapes for 2nd order."""
import tensorflow as tf

# First derivative: d/dx x**3 = 3x**2, which is 12 at x = 2
x = tf.Variable(2.0)
with tf.GradientTape() as tape:
    y = x**3
dy_dx = tape.gradient(y, x)  # trainable Variables are watched automatically
print("y:", y.numpy().item())
print("dy/dx:", dy_dx.numpy().item())

# Second derivative: d2/dx2 x**3 = 6x, also 12 at x = 2.
# The outer tape records the inner tape's gradient computation.
with tf.GradientTape() as outer:
    with tf.GradientTape() as inner:
        y = x**3
    dy_dx = inner.gradient(y, x)
d2y_dx2 = outer.gradient(dy_dx, x)
print("dy/dx (nested tapes):", dy_dx.numpy().item())
print("d2y/dx2:", d2y_dx2.numpy().item())
