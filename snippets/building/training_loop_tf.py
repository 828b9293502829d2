"""A hand-written TensorFlow training loop: GradientTape and apply_gradients."""
# compare-agree: grad_1 step_1 losses atol=1e-5
import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

# The same seeded NumPy data as the PyTorch version: 32 points, float32.
rng = np.random.default_rng(0)
x_np = np.linspace(-1, 1, 32, dtype=np.float32).reshape(-1, 1)
y_np = (3 * x_np + 2 + rng.normal(0, 0.1, size=x_np.shape)).astype(np.float32)
x, y = tf.constant(x_np), tf.constant(y_np)

# Start from zero weights on both sides, so the two tabs print the same losses.
layer = keras.layers.Dense(1, kernel_initializer="zeros", bias_initializer="zeros")
model = keras.Sequential([keras.Input(shape=(1,)), layer])
loss_fn = keras.losses.MeanSquaredError()
optimizer = keras.optimizers.SGD(learning_rate=0.2)


# optional: runs the step as a graph; the loop works eagerly too
@tf.function
def train_step(x, y):
    with tf.GradientTape() as tape:  # records the forward pass
        loss = loss_fn(y, model(x, training=True))
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return loss, grads


losses = []
for epoch in range(1, 31):  # full batch: one step per epoch
    loss, grads = train_step(x, y)
    if epoch == 1:
        # kept for the check that both tabs compute the same
        grad_1 = np.concatenate([g.numpy().ravel() for g in grads])
        step_1 = np.concatenate([v.numpy().ravel() for v in model.trainable_variables])
    losses.append(float(loss))
    if epoch % 5 == 0:
        print(f"epoch {epoch:2d}  loss {float(loss):.4f}")

kernel, bias = layer.get_weights()
print(f"weight: {kernel.item():.2f}")
print(f"bias: {bias.item():.2f}")

# The loss curve as an SVG file, shown under the output. A fixed hash salt and no date
# make the file the same on every run; fonttype "none" keeps the labels as text.
plt.rcParams.update({"svg.hashsalt": "loss", "svg.fonttype": "none"})
fig, ax = plt.subplots(figsize=(4.5, 2.4))
ax.plot(range(1, 31), np.round(losses, 3), marker=".")  # 3 decimals: every CPU
ax.set(xlabel="epoch", ylabel="loss (MSE)", title="TensorFlow: one loss per epoch")
fig.savefig("loss.svg", bbox_inches="tight",
            metadata={"Date": None, "Title": "Loss per epoch, TensorFlow loop"})
