"""Porting a small torch CNN to Keras: every layout, and the order Flatten reads in."""
# compare-agree: logits predicted grad_1 step_1 losses atol=1e-4
import keras
import numpy as np
import tensorflow as tf

np.set_printoptions(precision=4, suppress=True)
# the same numbers in both tabs, in torch's order
rng = np.random.default_rng(6)
conv_w = rng.standard_normal((6, 1, 3, 3), dtype=np.float32)  # (out, in, kh, kw)
conv_b, gamma, beta, mean = rng.standard_normal((4, 6), dtype=np.float32)
var = rng.uniform(0.5, 2, 6).astype(np.float32)
fc_w = rng.standard_normal((3, 96), dtype=np.float32) * 0.3  # inputs in (C, H, W) order
fc_b = rng.standard_normal(3, dtype=np.float32) * 0.1
x = rng.standard_normal((4, 1, 8, 8), dtype=np.float32)  # (N, C, H, W)
# the epsilon the model was trained with (set on torch's BatchNorm2d)
eps = 1e-3

model = keras.Sequential([
    keras.Input((8, 8, 1)),  # channels_last
    # stride 1: the same as padding=1
    keras.layers.Conv2D(6, 3, padding="same"),
    keras.layers.BatchNormalization(epsilon=eps), keras.layers.ReLU(),
    keras.layers.MaxPooling2D(2), keras.layers.Flatten(), keras.layers.Dense(3)])


def port(dense_kernel):
    conv, bn, dense = model.layers[0], model.layers[1], model.layers[5]
    conv.set_weights([conv_w.transpose(2, 3, 1, 0), conv_b])  # (kh, kw, in, out)
    bn.set_weights([gamma, beta, mean, var])
    dense.set_weights([dense_kernel, fc_b])
    return model(x.transpose(0, 2, 3, 1)).numpy()  # images to (N, H, W, C)


# naive: transposed, rows still in torch's (C, H, W) order
naive = port(fc_w.T)
print("naive, rows as torch orders them:   classes", naive.argmax(1).tolist())
# Right: Flatten reads (H, W, C) here, so reorder the rows before use.
logits = port(fc_w.reshape(3, 6, 4, 4).transpose(2, 3, 1, 0).reshape(96, 3))
predicted = logits.argmax(1)
print("right, rows reordered to (H, W, C): classes", predicted.tolist())
print(f"max |naive - right| = {np.abs(naive - logits).max():.4f}")
print("right logits:")
print(logits)


def torch_layout(conv_k, conv_b, gamma, beta, dense_k, dense_b):
    """Gradients or weights in torch's layout, as one array: the port above, undone."""
    dense_w = dense_k.reshape(4, 4, 6, 3).transpose(3, 2, 0, 1).reshape(3, 96)
    return np.concatenate([a.ravel() for a in (
        conv_k.transpose(3, 2, 0, 1), conv_b, gamma, beta, dense_w, dense_b)])


# Training agrees too. From the right port, in training mode (BatchNorm normalizes
# with each batch's own statistics), the same 4 labels and plain SGD: both tabs compare
# the first gradients, the weights after one step and the loss of 5 steps, in torch's
# layout.
labels = np.array([0, 1, 2, 1])
optimizer = keras.optimizers.SGD(learning_rate=0.01)
loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
losses = []
for step in range(1, 6):
    with tf.GradientTape() as tape:
        loss = loss_fn(labels, model(x.transpose(0, 2, 3, 1), training=True))
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables, strict=True))
    if step == 1:
        grad_1 = torch_layout(*(g.numpy() for g in grads))
        step_1 = torch_layout(*(v.numpy() for v in model.trainable_variables))
    losses.append(float(loss))
print("5 SGD steps, losses:", np.round(losses, 4))
