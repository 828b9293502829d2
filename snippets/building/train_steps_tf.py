"""Training agrees too: a digits MLP, copied weights, the same batches, Adam."""
# compare-agree: grad_1 step_torch step_keras loss_torch loss_keras atol=1e-5
import keras
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits

# the same weights and batch order in both tabs
rng = np.random.default_rng(0)
x, y = load_digits(return_X_y=True)
x = (x / 16.0).astype(np.float32)
# 5 batches of 64, in this order
order = rng.permutation(len(x))[: 5 * 64]
w1 = rng.standard_normal((32, 64), dtype=np.float32) * 0.1  # (out, in), torch's layout
b1 = np.zeros(32, np.float32)
w2 = rng.standard_normal((10, 32), dtype=np.float32) * 0.1
b2 = np.zeros(10, np.float32)

model = keras.Sequential([keras.Input(shape=(64,)), keras.layers.Dense(32, "relu"),
                          keras.layers.Dense(10)])
loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)


def train(eps_at_step):
    """5 Adam steps from the copied weights; the first gradients, the weights after one
    step, and the loss of each step, flattened in Keras's layout to compare."""
    # Dense kernels are (in, out)
    model.set_weights([w1.T, b1, w2.T, b2])
    opt = keras.optimizers.Adam(learning_rate=3e-3)
    losses = []
    for t, batch in enumerate(order.reshape(5, 64), start=1):
        opt.epsilon = eps_at_step(t)
        with tf.GradientTape() as tape:
            loss = loss_fn(y[batch], model(x[batch], training=True))
        grads = tape.gradient(loss, model.trainable_variables)
        opt.apply_gradients(zip(grads, model.trainable_variables, strict=True))
        if t == 1:
            grad = [g.numpy().ravel() for g in grads]
            step = [v.numpy().ravel() for v in model.trainable_variables]
        losses.append(float(loss))
    return np.concatenate(grad), np.concatenate(step), np.array(losses)


# The defaults: Keras's epsilon=1e-7 on sqrt(v) against torch's 1e-8 on sqrt(v_hat).
# Pixels that are almost always 0 give tiny gradients, where the epsilon matters.
grad_1, step_keras, loss_keras = train(lambda t: 1e-7)
# torch's epsilon, moved onto sqrt(v): torch's numbers, from Keras.
_, step_torch, loss_torch = train(lambda t: 1e-8 * np.sqrt(1 - 0.999**t))
print(f"first gradients: {grad_1.size} values, norm {np.linalg.norm(grad_1):.4f}")
diff = np.abs(step_torch - step_keras).max()
print(f"after one step, torch's eps against Keras's: max |diff| = {diff:.4f}")
print("losses of 5 steps, torch's eps:", loss_torch.round(4))
print("losses of 5 steps, Keras's eps:", loss_keras.round(4))
