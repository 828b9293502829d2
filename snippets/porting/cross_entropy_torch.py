"""Cross-entropy: CrossEntropyLoss takes logits; class weights change the mean."""
# compare-agree: loss loss_sum weighted_mean weighted_over_n atol=1e-5
import numpy as np
import torch

rng = np.random.default_rng(0)  # the same numbers in both tabs
logits = rng.standard_normal((4, 3), dtype=np.float32) * 3
labels = np.array([0, 1, 1, 2])
class_weight = np.float32([1.0, 2.0, 0.5])
log_p = logits - np.log(np.exp(logits).sum(1, keepdims=True))  # log-softmax
reference = -log_p[np.arange(4), labels]  # one loss per sample


def show(label, value):
    print(f"{label:38} {float(value):.4f}")


show("reference mean loss:", reference.mean())

z, y = torch.from_numpy(logits), torch.from_numpy(labels)
# what a Keras model that ends in softmax returns
probs = torch.softmax(z, dim=1)
# Naive: feed those probabilities to CrossEntropyLoss, which applies softmax again.
naive = torch.nn.CrossEntropyLoss()(probs, y)
show("naive, probabilities in:", naive)
# right: logits in (drop the softmax layer)
loss = torch.nn.CrossEntropyLoss()(z, y)
show("right, logits in:", loss)
loss_sum = torch.nn.CrossEntropyLoss(reduction="sum")(z, y)
show("reduction='sum':", loss_sum)

# With class weights, torch's mean divides by the sum of the weights used...
w = torch.from_numpy(class_weight)
weighted_mean = torch.nn.CrossEntropyLoss(weight=w)(z, y)
show("weights, mean over sum of weights:", weighted_mean)
# ...and Keras's default divides by the batch size: reduce by hand to match it.
per_sample = torch.nn.CrossEntropyLoss(weight=w, reduction="none")(z, y)
weighted_over_n = per_sample.mean()
show("weights, mean over the batch size:", weighted_over_n)
