"""ExecuTorch: torch.export to a .pte file, run by ExecuTorch's own runtime."""
# compare-agree: original device_output atol=1e-5
import numpy as np
import torch
from executorch.backends.xnnpack.partition.xnnpack_partitioner import XnnpackPartitioner
from executorch.exir import to_edge_transform_and_lower
from executorch.runtime import Runtime
from torch import nn

# The same weights on both tabs, made with NumPy. Linear stores them as [out, in].
rng = np.random.default_rng(0)
W1, W2 = rng.normal(0, 0.5, (4, 8)), rng.normal(0, 0.5, (8, 2))  # [in, out]
B1, B2 = rng.normal(0, 0.1, 8), rng.normal(0, 0.1, 2)
model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2)).eval()
with torch.no_grad():
    for layer, w, b in ((model[0], W1, B1), (model[2], W2, B2)):
        layer.weight.copy_(torch.from_numpy(w.T))
        layer.bias.copy_(torch.from_numpy(b))
x = torch.from_numpy(np.linspace(-1, 1, 12, dtype="float32").reshape(3, 4))
original = model(x).detach()

# Capture, lower to ExecuTorch's edge dialect, hand what XNNPACK (the CPU backend
# for phones) can run to it, and serialize the program.
exported = torch.export.export(model, (x,))
edge = to_edge_transform_and_lower(exported, partitioner=[XnnpackPartitioner()])
calls = [n.target for n in edge.exported_program().graph.nodes
         if n.op == "call_function"]
print("graph after lowering:", [getattr(op, "__name__", str(op)) for op in calls])
with open("model.pte", "wb") as f:
    edge.to_executorch().write_to_file(f)

# ExecuTorch's runtime is C++; its Python bindings load and run the file.
method = Runtime.get().load_program("model.pte").load_method("forward")
meta = method.metadata
print("input:", list(meta.input_tensor_meta(0).sizes()),
      "output:", list(meta.output_tensor_meta(0).sizes()), "(fixed at export)")
device_output = method.execute([x])[0]
print("ExecuTorch output:", np.round(device_output.double().numpy(), 4).tolist())
print("max abs diff vs eager PyTorch:",
      f"{(device_output - original).abs().max().item():.4f}")
