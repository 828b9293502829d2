"""keras.Sequential: a plain stack of layers, with a compact summary of each one."""
# compare-differs: each tab prints its own framework's model summary
import keras

model = keras.Sequential(
    [
        # tells Keras the input size, so weights exist now
        keras.Input(shape=(4,)),
        keras.layers.Dense(16, activation="relu", name="dense1"),  # activation inside
        keras.layers.Dense(8, activation="relu", name="dense2"),
        keras.layers.Dense(3, name="dense3"),
    ]
)

# model.summary() prints a wider table; this loop prints the same facts compactly.
print(f"{'layer':14} {'output shape':14} {'params':>6}")
for layer in model.layers:
    # known before any data: Keras tracks shapes
    dims = layer.output.shape[1:]
    shape = "(batch, " + ", ".join(map(str, dims)) + ")"
    name = layer.name + " " + type(layer).__name__
    print(f"{name:14} {shape:14} {layer.count_params():6d}")
print("total params:", model.count_params())
