"""A PyTorch module with two inputs and two outputs: forward takes and returns two."""
# compare-differs: each framework draws its own random initial weights
import inspect

import torch
from torch import nn


class TwoIO(nn.Module):
    def __init__(self):
        super().__init__()
        self.branch = nn.Linear(16, 8)  # only one input's branch
        self.trunk = nn.Linear(8 + 4, 32)  # sizes are added up by hand
        self.label = nn.Linear(32, 3)  # head 1: class scores
        self.score = nn.Linear(32, 1)  # head 2: in 0..1

    def forward(self, features, meta):
        h = torch.relu(self.branch(features))
        h = torch.cat([h, meta], dim=1)  # join the two paths
        h = torch.relu(self.trunk(h))
        return self.label(h), torch.sigmoid(self.score(h))


model = TwoIO()
print("inputs:", list(inspect.signature(model.forward).parameters))  # just arguments
outputs = model(torch.randn(5, 16), torch.randn(5, 4))
print("outputs:", type(outputs).__name__, "of", len(outputs), "(unnamed)")
out_label, out_score = outputs
print("label shape:", tuple(out_label.shape))
print("score shape:", tuple(out_score.shape))
print("params:", sum(p.numel() for p in model.parameters()))
