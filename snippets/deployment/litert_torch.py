"""What an edge runtime gets from PyTorch: a static, core-ATen torch.export graph."""
# compare-differs: the two tabs show different deployment paths

import torch
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2)).eval()
x = torch.arange(12, dtype=torch.float32).reshape(3, 4) / 10
expected = model(x)

# ExecuTorch and LiteRT's PyTorch converter both start from torch.export.
# Edge converters want fixed shapes, so no dimension is marked dynamic here.
ep = torch.export.export(model, (x,))
placeholder = next(n for n in ep.graph.nodes if n.name == "input")
print("input shape:", tuple(placeholder.meta["val"].shape), "(static)")
print("exported ops:", sorted(str(n.target) for n in ep.graph.nodes
                              if n.op == "call_function"))

# Lowering to the core ATen operator set, the ops an edge runtime must implement.
core = ep.run_decompositions()
ops = [n.target for n in core.graph.nodes if n.op == "call_function"]
print("core ATen ops:", sorted({str(op) for op in ops}))
print("all in core set:", all(torch.Tag.core in op.tags for op in ops))

actual = core.module()(x)
print("output shape:", tuple(actual.shape))
print("max abs diff vs eager:", f"{(actual - expected).abs().max().item():.4f}")
try:
    core.module()(torch.zeros(5, 4))
except AssertionError:
    # the shape guard baked into a static graph
    print("batch 5 on the static graph: rejected")
