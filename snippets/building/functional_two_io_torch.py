"""A PyTorch module with two inputs and two outputs: forward takes and returns two."""
# compare-agree: out_label out_score atol=1e-5
import inspect

import numpy as np
import torch
from torch import nn


class TwoIO(nn.Module):
    def __init__(self):
        super().__init__()
        self.branch = nn.Linear(16, 8)  # only one input's branch
        # sizes are added up by hand
        self.trunk = nn.Linear(8 + 4, 32)
        self.label = nn.Linear(32, 3)  # head 1: class scores
        self.score = nn.Linear(32, 1)  # head 2: in 0..1

    def forward(self, features, meta):
        h = torch.relu(self.branch(features))
        h = torch.cat([h, meta], dim=1)  # join the two paths
        h = torch.relu(self.trunk(h))
        return self.label(h), torch.sigmoid(self.score(h))


model = TwoIO()
print("inputs:", list(inspect.signature(model.forward).parameters))  # just arguments
# The same weights and inputs in both tabs, from NumPy, so both compute the same.
rng = np.random.default_rng(0)
shapes = [(16, 8), 8, (12, 32), 32, (32, 3), 3, (32, 1), 1]  # Keras's (in, out) order
weights = [rng.standard_normal(s, dtype=np.float32) * 0.3 for s in shapes]
with torch.no_grad():
    for param, w in zip(model.parameters(), weights, strict=True):
        # Linear's weight is (out, in)
        param.copy_(torch.from_numpy(w.T.copy()))
inputs = [rng.standard_normal(s, dtype=np.float32) for s in ((5, 16), (5, 4))]
outputs = model(*(torch.from_numpy(a) for a in inputs))
print("outputs:", type(outputs).__name__, "of", len(outputs), "(unnamed)")
out_label, out_score = outputs
print("label shape:", tuple(out_label.shape))
print("score shape:", tuple(out_score.shape))
print("params:", sum(p.numel() for p in model.parameters()))
