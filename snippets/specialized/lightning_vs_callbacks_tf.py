"""Keras: fit() owns the loop; early stopping, LR schedule and logging are callbacks."""
# compare-differs: each framework draws its own initial weights; the trainers differ
import keras
import numpy as np

# The same synthetic data as the PyTorch tab: y = 3 x1 - 2 x2 + noise (var 0.25).
rng = np.random.default_rng(0)
X = rng.standard_normal((256, 2)).astype("float32")
y = X @ np.array([[3.0], [-2.0]], "float32") + 0.5 * rng.standard_normal((256, 1))
y = y.astype("float32")
keras.utils.set_random_seed(0)  # weight init and shuffling

model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1), loss="mse")


class EpochLog(keras.callbacks.Callback):
    def on_epoch_end(self, epoch, logs):  # logs hold the epoch means and val_ metrics
        lr = float(self.model.optimizer.learning_rate)
        print(f"epoch {epoch + 1:2d}  train {logs['loss']:.4f}  "
              f"val {logs['val_loss']:.4f}  lr {lr:.4f}")


callbacks = [
    # Stop once val_loss has not improved by 0.005 for 2 epochs in a row.
    keras.callbacks.EarlyStopping("val_loss", min_delta=0.005, patience=2),
    # Halve the learning rate every 4 epochs.
    keras.callbacks.LearningRateScheduler(lambda epoch: 0.1 * 0.5 ** (epoch // 4)),
    EpochLog(),
]
history = model.fit(X[:192], y[:192], validation_data=(X[192:], y[192:]),
                    batch_size=32, epochs=30, callbacks=callbacks, verbose=0)
w = [round(v, 2) for v in model.layers[0].kernel.numpy().flatten().tolist()]
epochs = len(history.history["loss"])
print(f"stopped after {epochs} epochs; weights {w} (true [3, -2])")
