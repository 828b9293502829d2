"""A first model from scratch in TensorFlow: fit y = 2x + 1 with a GradientTape."""
# compare-agree: w b loss atol=1e-5
import tensorflow as tf

x = tf.linspace(-1.0, 1.0, 20)
y = 2 * x + 1 + 0.05 * tf.sin(7 * x)  # a line plus a little fixed wobble

w = tf.Variable(0.0)  # state that changes lives in Variables
b = tf.Variable(0.0)
for step in range(100):
    with tf.GradientTape() as tape:  # record the forward pass
        loss = tf.reduce_mean((w * x + b - y) ** 2)
    dw, db = tape.gradient(loss, [w, b])
    w.assign_sub(0.2 * dw)  # Variables are updated with assign methods
    b.assign_sub(0.2 * db)
    if step % 25 == 0:
        print(f"step {step:3d}: loss {loss.numpy():.4f}")

print(f"w = {w.numpy():.3f}, b = {b.numpy():.3f}, loss = {loss.numpy():.5f}")
