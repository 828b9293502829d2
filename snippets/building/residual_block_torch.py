"""A residual block in PyTorch: the skip connection is one `+` in forward."""
# compare-agree: out atol=1e-5
import operator
from collections import OrderedDict

import numpy as np
import torch
from torch import nn


class ResidualBlock(nn.Module):
    def __init__(self, features_in, features_out):
        super().__init__()
        self.fc1 = nn.Linear(features_in, features_out)
        self.fc2 = nn.Linear(features_out, features_out)
        # The two paths must have one size to be added: project x when it differs.
        self.shortcut = nn.Identity()
        if features_in != features_out:
            self.shortcut = nn.Linear(features_in, features_out, bias=False)

    def forward(self, x):
        h = self.fc2(torch.relu(self.fc1(x)))
        return torch.relu(h + self.shortcut(x))  # the skip connection


model = nn.Sequential(
    OrderedDict(block1=ResidualBlock(8, 8), block2=ResidualBlock(8, 16))
)

# The same numbers in both tabs, drawn in one order from one generator: W is (out, in).
rng = np.random.default_rng(0)
with torch.no_grad():
    for block in model:
        layers = [block.fc1, block.fc2]
        if isinstance(block.shortcut, nn.Linear):
            layers.append(block.shortcut)
        for layer in layers:
            shape = tuple(layer.weight.shape)
            layer.weight.copy_(torch.from_numpy(rng.normal(0, 0.3, shape)))
            if layer.bias is not None:
                layer.bias.copy_(torch.from_numpy(rng.normal(0, 0.1, shape[0])))
x = torch.from_numpy(rng.normal(size=(4, 8)).astype(np.float32))

# torch.fx reads the graph out of forward's Python code: find the additions.
graph = torch.fx.symbolic_trace(model).graph
for node in graph.nodes:
    if node.target is operator.add:
        print("add:", " + ".join(str(arg) for arg in node.args))
print("parameters:", sum(p.numel() for p in model.parameters()))
with torch.no_grad():
    out = model(x)
print("output shape:", tuple(out.shape))
print("row sums:", out.sum(dim=1).numpy().round(4))
