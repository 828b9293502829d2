"""A tf.data pipeline: from_tensor_slices, shuffle, batch, map and prefetch."""
# compare-differs: each framework shuffles with its own random generator
import numpy as np
import tensorflow as tf

# Ten rows of two features; y is the row number, so the shuffled order is visible.
x = np.arange(20, dtype=np.float32).reshape(10, 2)
y = np.arange(10)

ds = (
    tf.data.Dataset.from_tensor_slices((x, y))  # one element per row
    # A buffer as large as the data shuffles all rows; a new order every epoch.
    .shuffle(buffer_size=10, seed=0)
    .batch(4)  # the last batch keeps the 2 leftover rows
    # after batch(): runs once per batch, vectorized
    .map(lambda xb, yb: (xb / 10, yb))
    # prepares the next batch while this one is used
    .prefetch(tf.data.AUTOTUNE)
)
for epoch in range(2):
    for step, (xb, yb) in enumerate(ds):
        rows = yb.numpy().tolist()
        print(f"epoch {epoch} batch {step}: x {tuple(xb.shape)}  y {rows}")
        if epoch == step == 0:
            first_x = xb
print("x of epoch 0, batch 0 (divided by 10 on the way):")
print(first_x.numpy())
