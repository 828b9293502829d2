"""Keras trains with compile() and fit(), holding out validation data for you."""
# compare-agree: loss_history val_history weights atol=1e-5
import keras
import matplotlib.pyplot as plt
import numpy as np

# The same seeded data as the PyTorch version: y = 2*x1 - x2 + 0.5, plus noise.
rng = np.random.default_rng(0)
x = rng.normal(size=(64, 2)).astype(np.float32)
noise = rng.normal(0, 0.1, size=(64, 1))
y = (x @ np.array([[2.0], [-1.0]]) + 0.5 + noise).astype(np.float32)

# Zero initial weights on both sides, so the two tabs print the same numbers.
layer = keras.layers.Dense(1, kernel_initializer="zeros")
model = keras.Sequential([keras.Input(shape=(2,)), layer])
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.05), loss="mse")

# validation_split holds out the LAST 25% of the rows; shuffle=False keeps batch order
# equal to the PyTorch tab (the default shuffles the training rows every epoch).
history = model.fit(
    x, y, epochs=5, batch_size=8, validation_split=0.25, shuffle=False, verbose=0
)
print("history keys:", sorted(history.history))
loss_history, val_history = history.history["loss"], history.history["val_loss"]
weights = np.concatenate([w.ravel() for w in layer.get_weights()])
for epoch, (loss, val) in enumerate(
    zip(history.history["loss"], history.history["val_loss"]), start=1
):
    print(f"epoch {epoch}  loss {loss:.4f}  val_loss {val:.4f}")

# The loss curve as an SVG file, shown under the output. A fixed hash salt and no date
# make the file the same on every run; fonttype "none" keeps the labels as text.
plt.rcParams.update({"svg.hashsalt": "loss", "svg.fonttype": "none"})
fig, ax = plt.subplots(figsize=(4.5, 2.4))
for key in ["loss", "val_loss"]:
    # rounded to 3 decimals: the same on every CPU
    ax.plot(range(1, 6), np.round(history.history[key], 3), marker=".", label=key)
ax.legend()
ax.set(xlabel="epoch", ylabel="loss (MSE)", title="Keras: model.fit")
fig.savefig("loss.svg", bbox_inches="tight",
            metadata={"Date": None, "Title": "Loss per epoch, Keras fit"})
