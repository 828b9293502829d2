"""Freeze a layer and add one between two training steps of a Keras model."""
# compare-differs: each framework draws its own random initial weights
import keras
import numpy as np

rng = np.random.default_rng(0)
x = rng.normal(size=(32, 4)).astype(np.float32)
y = x.sum(axis=1, keepdims=True)

model = keras.Sequential(
    [
        keras.Input(shape=(4,)),
        keras.layers.Dense(8, activation="relu", name="first"),
        keras.layers.Dense(1, name="second"),
    ],
    name="model",
)
optimizer = keras.optimizers.Adam(learning_rate=0.01)
model.compile(optimizer=optimizer, loss="mse")
step_number = 0


def step():
    """One training step; says which layers it changed."""
    global step_number
    step_number += 1
    before = [layer.kernel.numpy() for layer in model.layers]
    loss = model.train_on_batch(x, y)
    after = [layer.kernel.numpy() for layer in model.layers]
    changed = [not np.array_equal(old, new)
               for old, new in zip(before, after, strict=True)]
    print(f"step {step_number}  loss {loss:.3f}  weights changed: {changed}")


step()
step()

print("-- freeze the first layer: trainable = False")
model.layers[0].trainable = False
step()  # the step compiled earlier still updates it
print("-- compile again")
model.compile(optimizer=optimizer, loss="mse")
step()

print("-- add a layer")
added = keras.layers.Dense(1, name="added")
model.add(added)
# the compiled step still runs the old model: the new layer takes no part
step()
now = float(np.mean((model(x).numpy() - y) ** 2))
print(f"   the model as it is now has loss {now:.3f}")
print("-- compile again, with the same optimizer")
try:
    model.compile(optimizer=optimizer, loss="mse")
    model.train_on_batch(x, y)
except ValueError as error:
    print("ValueError:", str(error).split(". ")[0])
print("-- compile again, with a new optimizer: its state starts from zero")
model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), loss="mse")
step()
print("optimizer steps so far:", int(model.optimizer.iterations))
