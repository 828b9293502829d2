"""Dropout: a plain call to a Keras layer or model runs in inference mode."""
# compare-agree: eval_out train_scale atol=1e-5
import keras
import numpy as np

# masks differ between frameworks: compare the rest
keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)  # the same numbers in both tabs
W = rng.standard_normal((8, 8), dtype=np.float32)
b = rng.standard_normal(8, dtype=np.float32)
x = rng.standard_normal((2, 8), dtype=np.float32)
# what inference must return: dropout does nothing
reference = x @ W.T + b

model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(8),
                          keras.layers.Dropout(rate=0.5)])
model.layers[0].set_weights([W.T, b])
# Porting a torch training step: a plain call runs in inference mode, without dropout.
out = model(x).numpy()
print(f"naive, plain call in a training loop: {(out == 0).sum():2} of 16 zeroed")
# right, for training (fit() passes it for you)
out = model(x, training=True).numpy()
print(f"right, model(x, training=True):       {(out == 0).sum():2} of 16 zeroed")
# inference: a plain call, like predict() and evaluate()
eval_out = model(x).numpy()
err = np.abs(eval_out - reference).max()
print(f"inference vs x @ W.T + b: max |diff| = {err:.4f}")

# In training, kept values are scaled by 1 / (1 - rate), so the mean is unchanged.
ones = np.ones(100_000, np.float32)
out = keras.layers.Dropout(rate=0.5)(ones, training=True).numpy()
train_scale = np.unique(out[out != 0])
print("training: kept values =", train_scale.tolist(),
      f"kept fraction = {(out != 0).mean():.3f}")
