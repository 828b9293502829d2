"""Training in Keras: compile() and fit() with SGD, fitting y = 3x + 2 (plus noise)."""
import keras
import numpy as np

# The same seeded NumPy data as the PyTorch version: 32 points, float32.
rng = np.random.default_rng(0)
x_np = np.linspace(-1, 1, 32, dtype=np.float32).reshape(-1, 1)
y_np = (3 * x_np + 2 + rng.normal(0, 0.1, size=x_np.shape)).astype(np.float32)

keras.utils.set_random_seed(0)  # reproducible initial weights
model = keras.Sequential([keras.Input(shape=(1,)), keras.layers.Dense(1)])
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.5), loss="mse")

# fit() takes NumPy arrays; batch_size=32 makes each epoch one full-batch step.
history = model.fit(x_np, y_np, epochs=30, batch_size=32, shuffle=False, verbose=0)

kernel, bias = model.layers[0].get_weights()
print(f"weight: {kernel.item():.2f}")
print(f"bias: {bias.item():.2f}")
print(f"final loss: {history.history['loss'][-1]:.4f}")
