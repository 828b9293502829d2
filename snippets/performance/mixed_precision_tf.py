"""Mixed precision in Keras: a dtype policy makes layers compute in bfloat16."""
# compare-differs: each framework draws its own random initial weights
import keras
import numpy as np
import tensorflow as tf

rng = np.random.default_rng(0)
x = rng.normal(size=(32, 64)).astype(np.float32)
labels = rng.integers(0, 10, size=32)
before = keras.layers.Dense(10)  # made before the policy changes: it stays float32

# The policy is read when a layer is made: set it first, then build the model.
keras.mixed_precision.set_dtype_policy("mixed_bfloat16")
model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(128, activation="relu"),
    keras.layers.Dense(10),
])
loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
with tf.GradientTape() as tape:
    hidden = model.layers[0](x)
    logits = model.layers[1](hidden)
    loss = loss_fn(labels, logits)
grads = tape.gradient(loss, model.trainable_variables)

print("policy:             ", model.layers[0].dtype_policy.name)
print("weights:            ", model.layers[0].kernel.dtype)
print("Dense, ReLU output: ", hidden.dtype.name)
print("logits:             ", logits.dtype.name)
print("loss:               ", loss.dtype.name, "(Keras losses compute in float32)")
print("weight gradient:    ", grads[0].dtype.name)

keras.mixed_precision.set_dtype_policy("float32")  # the default again
print("a layer made before the policy:", before.dtype_policy.name)

# The same weights in float32, with NumPy.
w1, b1, w2, b2 = model.get_weights()
full = np.maximum(x @ w1 + b1, 0) @ w2 + b2
err = np.abs(np.asarray(tf.cast(logits, tf.float32)) - full).max()
print("logits within 0.05 of float32:", bool(err < 0.05))
