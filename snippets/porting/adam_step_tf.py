"""Adam: Keras adds epsilon to the raw sqrt(v), torch to the bias-corrected one."""
# compare-agree: w_torch_rule w_keras_rule atol=1e-5
import keras
import numpy as np
import tensorflow as tf

np.set_printoptions(precision=6, suppress=True)
rng = np.random.default_rng(0)  # the same numbers in both tabs
w0 = rng.standard_normal(4, dtype=np.float32)
# gradients of very different sizes
g = np.float32([1.0, 1e-3, 1e-6, 1e-8])
lr, steps = 0.1, 3

# torch's rule written out: step lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps),
# with eps = 1e-8. Keras's is lr * sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + eps).
w, m, v = w0.astype(np.float64), 0.0, 0.0
for t in range(1, steps + 1):
    m, v = 0.9 * m + 0.1 * g, 0.999 * v + 0.001 * g**2
    w = w - lr / (1 - 0.9**t) * m / (np.sqrt(v) / np.sqrt(1 - 0.999**t) + 1e-8)
torch_rule = w.astype(np.float32)


def adam(eps_at_step):
    # `steps` steps of Keras's Adam on loss = sum(g * w)
    w = tf.Variable(w0)
    opt = keras.optimizers.Adam(learning_rate=lr)
    for t in range(1, steps + 1):
        opt.epsilon = eps_at_step(t)
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(w * g)
        opt.apply_gradients([(tape.gradient(loss, w), w)])
    return w.numpy()


print("keras.optimizers.Adam default epsilon:", keras.optimizers.Adam().epsilon)
w_keras_rule = adam(lambda t: 1e-7)
print("change after 3 steps, Keras's default:", w_keras_rule - w0)
print("change after 3 steps, naive eps=1e-8: ", adam(lambda t: 1e-8) - w0)
print("change after 3 steps, torch's rule:   ", torch_rule - w0)
# Right: torch's eps on sqrt(v_hat) is eps * sqrt(1 - b2^t) on sqrt(v), step by step.
w_torch_rule = adam(lambda t: 1e-8 * np.sqrt(1 - 0.999**t))
err = np.abs(w_torch_rule - torch_rule).max()
print(f"right, eps = 1e-8 * sqrt(1 - 0.999**t): max |diff| = {err:.4f}")
