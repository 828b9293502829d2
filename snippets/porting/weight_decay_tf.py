"""Weight decay: Keras's weight_decay is decoupled, like AdamW; L2 is done by hand."""
# compare-agree: w_l2 w_decoupled atol=1e-5
import keras
import numpy as np
import tensorflow as tf

np.set_printoptions(precision=4, suppress=True)
rng = np.random.default_rng(0)  # the same numbers in both tabs
w0 = rng.standard_normal(4, dtype=np.float32)
g = np.float32([1.0, -0.5, 0.25, 2.0])  # the loss is sum(g * w)
lr, decay, steps = 0.1, 0.1, 3

# torch's Adam(weight_decay=0.1) written out: the gradient becomes g + decay * w, then
# the Adam step (torch's epsilon, 1e-8 on sqrt(v_hat), is too small to matter).
w, m, v = w0.astype(np.float64), 0.0, 0.0
for t in range(1, steps + 1):
    grad = g + decay * w
    m, v = 0.9 * m + 0.1 * grad, 0.999 * v + 0.001 * grad**2
    w = w - lr / (1 - 0.9**t) * m / (np.sqrt(v) / np.sqrt(1 - 0.999**t) + 1e-8)
torch_rule = w.astype(np.float32)


def train(l2=0.0, **options):
    # `steps` steps on loss = sum(g * w) + l2 / 2 * sum(w**2)
    w = tf.Variable(w0)
    opt = keras.optimizers.Adam(learning_rate=lr, **options)
    for _ in range(steps):
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(w * g) + l2 / 2 * tf.reduce_sum(w**2)
        opt.apply_gradients([(tape.gradient(loss, w), w)])
    return w.numpy()


# Naive: Keras's weight_decay shrinks the weights directly, outside the gradient.
w_decoupled = train(weight_decay=decay)
print(f"naive port of torch's Adam(weight_decay=0.1): max |diff| = "
      f"{np.abs(w_decoupled - torch_rule).max():.4f}")
# Right: torch's L2 is a term of the loss, whose gradient is decay * w.
w_l2 = train(l2=decay)
print(f"right, decay / 2 * sum(w**2) in the loss:     max |diff| = "
      f"{np.abs(w_l2 - torch_rule).max():.4f}")
print("after 3 steps, L2 in the gradient:", w_l2)
print("after 3 steps, decoupled:         ", w_decoupled)
