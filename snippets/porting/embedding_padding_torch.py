"""Padding in embeddings: padding_idx zeroes a row, but a mean still counts the pads."""
# compare-agree: pooled grad atol=1e-6
import numpy as np
import torch
from torch import nn

np.set_printoptions(precision=4, suppress=True)
rng = np.random.default_rng(0)  # the same numbers in both tabs
# 5 ids, id 0 is the padding
table = rng.standard_normal((5, 3), dtype=np.float32)
# two sequences, padded to length 4
ids = np.array([[3, 1, 0, 0], [2, 4, 4, 0]])
# the loss is sum(pooled * probe)
probe = np.float32([1.0, -1.0, 0.5])

# Keras's Embedding(mask_zero=True) then GlobalAveragePooling1D: a mean of the real
# tokens only, whatever row 0 of the table holds.
real = ids != 0
keras_rule = (table[ids] * real[..., None]).sum(1) / real.sum(1, keepdims=True)

emb = nn.Embedding(5, 3, padding_idx=0)
with torch.no_grad():
    # a copied row 0 is no longer zero
    emb.weight.copy_(torch.from_numpy(table))
vectors = emb(torch.from_numpy(ids))
# Naive: the mean over the length counts the pads, and row 0 is not even zero.
naive = vectors.mean(dim=1)
print("naive port, mean over the length: max |diff| = "
      f"{np.abs(naive.detach().numpy() - keras_rule).max():.4f}")
# Right: average the real tokens only, with the mask Keras builds from the zeros.
mask = torch.from_numpy(real).unsqueeze(-1).float()
pooled = (vectors * mask).sum(dim=1) / mask.sum(dim=1)
print("right, mask the pads:             max |diff| = "
      f"{np.abs(pooled.detach().numpy() - keras_rule).max():.4f}")
(pooled * torch.from_numpy(probe)).sum().backward()
grad = emb.weight.grad
print("pooled:", pooled.detach().numpy())
print("gradient of the table, row 0 (padding):", grad[0].numpy())
print("gradient of the table, row 4 (twice):  ", grad[4].numpy())
