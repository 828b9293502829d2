"""Cross-entropy: Keras expects probabilities unless from_logits=True."""
# compare-agree: loss loss_sum weighted_mean weighted_over_n atol=1e-5
import keras
import numpy as np

rng = np.random.default_rng(0)  # the same numbers in both tabs
logits = rng.standard_normal((4, 3), dtype=np.float32) * 3
labels = np.array([0, 1, 1, 2])
class_weight = np.float32([1.0, 2.0, 0.5])
log_p = logits - np.log(np.exp(logits).sum(1, keepdims=True))  # log-softmax
reference = -log_p[np.arange(4), labels]  # one loss per sample


def show(label, value):
    print(f"{label:38} {float(value):.4f}")


show("reference mean loss:", reference.mean())

SCCE = keras.losses.SparseCategoricalCrossentropy
# Naive: hand logits (what a torch model returns) to the default, from_logits=False.
naive = SCCE()(labels, logits)
show("naive, logits in, from_logits=False:", naive)
loss = SCCE(from_logits=True)(labels, logits)  # right
show("right, from_logits=True:", loss)
loss_sum = SCCE(from_logits=True, reduction="sum")(labels, logits)
show("reduction='sum':", loss_sum)

# Class weights become per-sample weights. To match torch's weighted mean, divide by
# the sum of the weights used...
sample_weight = class_weight[labels]
weighted_mean = SCCE(from_logits=True, reduction="mean_with_sample_weight")(
    labels, logits, sample_weight=sample_weight)
show("weights, mean over sum of weights:", weighted_mean)
# ...as Keras's default reduction divides by the batch size.
weighted_over_n = SCCE(from_logits=True)(labels, logits, sample_weight=sample_weight)
show("weights, mean over the batch size:", weighted_over_n)
