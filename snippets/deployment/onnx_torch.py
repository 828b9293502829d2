"""Exporting a PyTorch model to ONNX and running it with ONNX Runtime."""
# compare-agree: onnx_out atol=1e-5

import numpy as np
import onnx
import onnxruntime as ort
import torch
from torch import nn

model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2)).eval()
# the same weights in both tabs, biases zero as in Keras
rng = np.random.default_rng(0)
with torch.no_grad():
    for layer, shape in ((model[0], (4, 8)), (model[2], (8, 2))):
        kernel = rng.standard_normal(shape, dtype=np.float32)  # Keras's (in, out)
        layer.weight.copy_(torch.from_numpy(kernel.T.copy()))  # Linear's is (out, in)
        layer.bias.zero_()
x = torch.arange(12, dtype=torch.float32).reshape(3, 4) / 10

# dynamo=True (the default) goes through torch.export, then onnxscript;
# verbose=False keeps the exporter's progress lines off stdout.
torch.onnx.export(
    model, (x,), "model.onnx", dynamo=True, verbose=False,
    input_names=["features"], output_names=["logits"],
    dynamic_shapes=({0: torch.export.Dim("batch")},), external_data=False,
)

proto = onnx.load("model.onnx")
print("opset:", {imp.domain or "ai.onnx": imp.version for imp in proto.opset_import})
print("ops:", [node.op_type for node in proto.graph.node])

options = ort.SessionOptions()
options.intra_op_num_threads = 1
session = ort.InferenceSession("model.onnx", options)
print("inputs: ", [(i.name, i.shape) for i in session.get_inputs()])
print("outputs:", [(o.name, o.shape) for o in session.get_outputs()])

(onnx_out,) = session.run(None, {"features": x.numpy()})
with torch.no_grad():
    torch_out = model(x).numpy()
print("max abs diff vs PyTorch:", f"{np.abs(onnx_out - torch_out).max():.4f}")
(other,) = session.run(None, {"features": np.zeros((5, 4), np.float32)})
print("other batch size:", other.shape)
