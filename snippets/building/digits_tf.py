"""A real data set: scikit-learn's 8x8 digits, a small MLP trained with Keras."""
# compare-agree: grad_1 step_1 losses atol=1e-4
import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

# 1797 images of 8x8 pixels (values 0..16) ship inside scikit-learn: no download.
x, y = load_digits(return_X_y=True)
x_tr, x_te, y_tr, y_te = train_test_split(
    x / 16.0, y, test_size=0.25, random_state=0, stratify=y
)
print("train:", x_tr.shape, "test:", x_te.shape)
# The same start and the same batches as the PyTorch tab, so the two can be compared:
# one NumPy shuffle of the rows, which both tabs follow in every epoch (shuffle=False),
# and initial weights drawn once with NumPy, in torch's (out, in) layout.
rng = np.random.default_rng(0)
order = rng.permutation(len(x_tr))
x_tr, y_tr = x_tr[order], y_tr[order]
init = [rng.standard_normal((32, 64)) * 0.1, np.zeros(32),
        rng.standard_normal((10, 32)) * 0.1, np.zeros(10)]

model = keras.Sequential(
    [
        keras.Input(shape=(64,)),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(10),
    ]
)
# Dense kernels are (in, out): transposed
model.set_weights([w.T for w in init])
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=3e-3),
    # Raw scores (logits) and integer labels, as in the PyTorch tab.
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=["accuracy"],
)


def flat(arrays):
    """One array in torch's (out, in) layout, to compare with the PyTorch tab."""
    return np.concatenate([np.asarray(a).T.ravel() for a in arrays])


# Kept for the check that both tabs compute the same: the first batch's gradients...
with tf.GradientTape() as tape:
    loss = model.loss(y_tr[:64], model(x_tr[:64], training=True))
grad_1 = flat(tape.gradient(loss, model.trainable_variables))


class FirstStep(keras.callbacks.Callback):
    """...and the weights after the first optimizer step."""

    def on_train_batch_end(self, batch, logs=None):
        global step_1
        if int(self.model.optimizer.iterations) == 1:
            step_1 = flat(self.model.get_weights())


# validation_freq=5 scores the held-out test set after every fifth epoch only.
history = model.fit(
    x_tr, y_tr, batch_size=64, epochs=20, verbose=0, shuffle=False,
    validation_data=(x_te, y_te), validation_freq=5, callbacks=[FirstStep()],
)
for i, acc in enumerate(history.history["val_accuracy"], start=1):
    print(f"epoch {5 * i:2d}  test accuracy {acc:.3f}")

# The loss curve as an SVG file, shown under the output. A fixed hash salt and no date
# make the file the same on every run; fonttype "none" keeps the labels as text.
plt.rcParams.update({"svg.hashsalt": "loss", "svg.fonttype": "none"})
fig, ax = plt.subplots(figsize=(4.5, 2.4))
# the mean training loss of each epoch
losses = history.history["loss"]
ax.plot(range(1, 21), np.round(losses, 2), marker=".")  # 2 decimals: every CPU
ax.set(xlabel="epoch", ylabel="cross-entropy", title="Keras: training loss")
fig.savefig("loss.svg", bbox_inches="tight",
            metadata={"Date": None, "Title": "Loss per epoch, Keras digits"})
