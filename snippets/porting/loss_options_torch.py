"""Losses: label smoothing ports as it is; reduction="sum" adds up other numbers."""
# compare-agree: smoothed torch_sum keras_sum atol=1e-5
import numpy as np
import torch
from torch import nn

rng = np.random.default_rng(0)  # the same numbers in both tabs
logits = rng.standard_normal((4, 3), dtype=np.float32) * 2
labels = np.array([0, 1, 2, 1])
pred = rng.standard_normal((4, 3), dtype=np.float32)
target = rng.standard_normal((4, 3), dtype=np.float32)

# Keras's CategoricalCrossentropy(from_logits=True, label_smoothing=0.1), by hand: the
# one-hot targets become 0.9 * one_hot + 0.1 / 3, and the loss is averaged.
log_p = logits - np.log(np.exp(logits).sum(1, keepdims=True))
soft = np.eye(3)[labels] * 0.9 + 0.1 / 3
keras_smoothed = -(soft * log_p).sum(1).mean()
# Keras's MeanSquaredError(reduction="sum"), by hand: a mean per sample, then the sum.
keras_rule = ((pred - target) ** 2).mean(-1).sum()


def show(label, value, reference):
    diff = abs(float(value) - reference)
    print(f"{label:47} {float(value):7.4f}   |diff| = {diff:.4f}")


z, y = torch.from_numpy(logits), torch.from_numpy(labels)
smoothed = nn.CrossEntropyLoss(label_smoothing=0.1)(z, y)
show("label_smoothing=0.1, ported as it is:", smoothed, keras_smoothed)
p, t = torch.from_numpy(pred), torch.from_numpy(target)
# Naive: MSELoss(reduction="sum") adds up every element, 3 per sample here.
torch_sum = nn.MSELoss(reduction="sum")(p, t)
show('naive port of "sum", MSELoss(reduction="sum"):', torch_sum, keras_rule)
# Right: Keras averages each sample's last axis first, then sums over the batch.
keras_sum = nn.MSELoss(reduction="none")(p, t).mean(dim=-1).sum()
show('right, reduction="none", .mean(-1).sum():', keras_sum, keras_rule)
