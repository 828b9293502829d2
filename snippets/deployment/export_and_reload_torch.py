"""Exporting a PyTorch model with torch.export, saving it and loading it back."""
# compare-differs: the two tabs export different formats

import torch
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2)).eval()
x = torch.arange(12, dtype=torch.float32).reshape(3, 4) / 10

# Mark the batch dimension as dynamic so the exported program accepts any batch.
batch = torch.export.Dim("batch")
ep = torch.export.export(model, (x,), dynamic_shapes=({0: batch},))
torch.export.save(ep, "model.pt2")

# The loaded program needs no Python class definition for the model.
loaded = torch.export.load("model.pt2")


def dims(node):  # a symbolic (dynamic) size prints as "batch"
    return tuple(d if isinstance(d, int) else "batch" for d in node.meta["val"].shape)


nodes = {node.name: node for node in loaded.graph.nodes}
signature = loaded.graph_signature
print("inputs: ", [(name, dims(nodes[name])) for name in signature.user_inputs])
print("outputs:", [(name, dims(nodes[name])) for name in signature.user_outputs])

reloaded = loaded.module()
with torch.no_grad():
    expected = model(x)
    actual = reloaded(x)
print("outputs match:", torch.allclose(expected, actual))
print("max abs diff:", round((expected - actual).abs().max().item(), 6))
print("other batch size:", tuple(reloaded(torch.zeros(5, 4)).shape))
