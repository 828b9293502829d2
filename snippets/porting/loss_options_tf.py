"""Losses: Keras smooths one-hot labels only; "sum" adds up per-sample means."""
# compare-agree: smoothed torch_sum keras_sum atol=1e-5
import keras
import numpy as np

rng = np.random.default_rng(0)  # the same numbers in both tabs
logits = rng.standard_normal((4, 3), dtype=np.float32) * 2
labels = np.array([0, 1, 2, 1])
pred = rng.standard_normal((4, 3), dtype=np.float32)
target = rng.standard_normal((4, 3), dtype=np.float32)

# torch's CrossEntropyLoss(label_smoothing=0.1), by hand: 0.9 of the usual loss plus
# 0.1 of the mean of -log p over the classes, averaged over the batch.
log_p = logits - np.log(np.exp(logits).sum(1, keepdims=True))
torch_smoothed = (0.9 * -log_p[np.arange(4), labels] - 0.1 * log_p.mean(1)).mean()
# torch's MSELoss(reduction="sum"), by hand: the sum of every squared difference.
torch_rule = ((pred - target) ** 2).sum()


def show(label, value, reference):
    diff = abs(float(value) - reference)
    print(f"{label:47} {float(value):7.4f}   |diff| = {diff:.4f}")


# Naive: the sparse loss takes the class indices, but has no label_smoothing at all.
naive = keras.losses.SparseCategoricalCrossentropy(from_logits=True)(labels, logits)
show("naive port, sparse loss, no smoothing:", naive, torch_smoothed)
# Right: one-hot labels, and the categorical loss, which smooths them.
smoothed = keras.losses.CategoricalCrossentropy(from_logits=True, label_smoothing=0.1)(
    keras.ops.one_hot(labels, 3), logits)
show("right, one-hot, label_smoothing=0.1:", smoothed, torch_smoothed)
# Naive: reduction="sum" sums the per-sample means (each over the last axis).
keras_sum = keras.losses.MeanSquaredError(reduction="sum")(target, pred)
show('naive port of "sum", reduction="sum":', keras_sum, torch_rule)
# Right: give each element its own last axis, so the mean per element is the element.
torch_sum = keras.losses.MeanSquaredError(reduction="sum")(target[..., None],
                                                            pred[..., None])
show('right, reduction="sum" on [..., None]:', torch_sum, torch_rule)
