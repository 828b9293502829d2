"""torch.export captures a module's forward as a graph; dynamic shapes need a Dim."""
# compare-differs: the graphs differ by design
import torch
from torch import nn


class DenseReLU(nn.Module):
    def __init__(self):
        super().__init__()
        self.w = nn.Parameter(torch.tensor([[1.0, -1.0], [0.5, 2.0], [-1.0, 1.0]]))
        self.b = nn.Parameter(torch.tensor([0.1, -0.2]))

    def forward(self, x):
        return torch.relu(x @ self.w + self.b)


model = DenseReLU()
x2 = torch.arange(6, dtype=torch.float32).reshape(2, 3)
x4 = torch.arange(12, dtype=torch.float32).reshape(4, 3)

# Export traces forward once with example inputs; parameters become graph inputs.
ep = torch.export.export(model, (x2,))
print("graph nodes:")
for node in ep.graph.nodes:
    print(f"  {node.op:15} {node.target}")
print("output, batch 2:")
print(ep.module()(x2).detach().numpy())

# By default every shape is specialized to the example input's, here batch 2.
try:
    ep.module()(x4)
except AssertionError as e:  # raised by the shape guard baked into the graph
    print("static graph, batch 4:", type(e).__name__, "-", e)

# Marking the batch dimension as a Dim gives one graph that serves every batch size.
batch = torch.export.Dim("batch")
dynamic = torch.export.export(model, (x2,), dynamic_shapes={"x": {0: batch}})
print("dynamic graph, batch sizes:", [dynamic.module()(x).shape[0] for x in (x2, x4)])
