"""PyTorch reaching ONNX: shared weights in, an ONNX graph out, run by ONNX Runtime."""
# compare-agree: out atol=1e-5

import numpy as np
import onnx
import onnxruntime as ort
import torch
from torch import nn

# The same numbers in both tabs: weights as (inputs, outputs) matrices.
rng = np.random.default_rng(0)
w1, b1 = rng.normal(size=(4, 8)), rng.normal(size=8)
w2, b2 = rng.normal(size=(8, 2)), rng.normal(size=2)
x = np.linspace(-1, 1, 12, dtype=np.float32).reshape(3, 4)

model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2)).eval()
with torch.no_grad():  # nn.Linear stores its weight as (outputs, inputs)
    for layer, w, b in ((model[0], w1, b1), (model[2], w2, b2)):
        layer.weight.copy_(torch.tensor(w.T))
        layer.bias.copy_(torch.tensor(b))

np.set_printoptions(precision=4, suppress=True)
with torch.no_grad():
    print("PyTorch output:")
    print(model(torch.from_numpy(x)).numpy())

torch.onnx.export(model, (torch.from_numpy(x),), "model.onnx", dynamo=True,
                  verbose=False, external_data=False)
graph = onnx.load("model.onnx").graph
print("ONNX ops:", [node.op_type for node in graph.node])
print("weights stored:", sorted(tuple(t.dims) for t in graph.initializer))

options = ort.SessionOptions()
options.intra_op_num_threads = 1
session = ort.InferenceSession("model.onnx", options)
(out,) = session.run(None, {session.get_inputs()[0].name: x})
print("ONNX Runtime output:")
print(out)
