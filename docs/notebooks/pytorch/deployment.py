# Production deployment: the PyTorch examples, from the living TensorFlow-vs-PyTorch
# comparison. Each `# %%` cell is a standalone script.
# The outputs on the page were made with: pip install executorch==1.5.1 numpy==2.4.6 onnx==1.23.2 onnxruntime==1.32.0 onnxscript==0.7.2 torch==2.15.0
# and, in this folder: npm install --prefix . onnxruntime-web@1.31.1


# CI runs each snippet in a fresh process, one thread, seeded with 0:
import random

import numpy as np
import torch

torch.set_num_threads(1)


def reseed(*_):
    random.seed(0)
    np.random.seed(0)
    torch.manual_seed(0)


# %% Export, then load it back: deployment/export_and_reload
reseed()
"""Exporting a PyTorch model with torch.export, saving it and loading it back."""

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


# %% ONNX: a format neither framework owns: deployment/onnx
reseed()
"""Exporting a PyTorch model to ONNX and running it with ONNX Runtime."""

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


# %% On the device: LiteRT and ExecuTorch: deployment/litert
reseed()
"""What an edge runtime gets from PyTorch: a static, core-ATen torch.export graph."""

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


# %% The same weights on ExecuTorch and LiteRT: deployment/executorch_litert
reseed()
"""ExecuTorch: torch.export to a .pte file, run by ExecuTorch's own runtime."""
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


# %% In the browser: TensorFlow.js and ONNX Runtime Web: deployment/browser
reseed()
"""ONNX Runtime Web in Node.js: the PyTorch model as ONNX, run on WebAssembly."""
import json
import os
import subprocess

import numpy as np
import onnx
import torch
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

# The browser has no PyTorch: export a graph that ONNX Runtime Web can run.
torch.onnx.export(model, (x,), "model.onnx", dynamo=True, input_names=["features"],
                  output_names=["logits"], external_data=False, verbose=False)
print("ONNX ops:", [node.op_type for node in onnx.load("model.onnx").graph.node])

# The same WebAssembly build of ONNX Runtime that a web page loads, here in Node.js.
PREDICT = """
const ort = require("onnxruntime-web");
const fs = require("fs");

async function main() {
  ort.env.wasm.numThreads = 1;  // no worker threads
  const session = await ort.InferenceSession.create(fs.readFileSync("model.onnx"));
  const rows = JSON.parse(fs.readFileSync("input.json"));
  const features = new ort.Tensor("float32", Float32Array.from(rows.flat()),
                                  [rows.length, rows[0].length]);
  const { logits } = await session.run({ features });
  return { inputs: session.inputNames, outputs: session.outputNames,
           dims: logits.dims, data: Array.from(logits.data) };
}
main().catch((error) => ({ error: error.message })).then((answer) => {
  fs.writeFileSync("answer.json", JSON.stringify(answer));
});
"""
with open("input.json", "w") as f:
    json.dump(x.tolist(), f)
with open("predict.js", "w") as f:
    f.write(PREDICT)
# Node looks for the packages in ./node_modules, where the notebook's install
# cell puts them, and in the folders NODE_PATH lists.
places = (os.environ.get("NODE_PATH", ""), "node_modules")
if not any(os.path.isdir(place) for place in places):
    raise SystemExit("JavaScript packages missing: run the notebook's install "
                     "cell, or `npm install onnxruntime-web`")
node = subprocess.run(["node", "predict.js"], capture_output=True, text=True,
                      timeout=60)
if node.returncode:
    raise RuntimeError(f"node failed:\n{node.stderr}")
with open("answer.json") as f:
    answer = json.load(f)
if "error" in answer:
    raise RuntimeError(f"ONNX Runtime Web: {answer['error']}")

print("session inputs:", answer["inputs"], "outputs:", answer["outputs"])
browser_output = torch.tensor(answer["data"]).reshape(answer["dims"])
print("ONNX Runtime Web output:",
      np.round(browser_output.double().numpy(), 4).tolist())
print("max abs diff vs PyTorch:", f"{(browser_output - original).abs().max():.4f}")


# %% The old routes still run, with a warning: deployment/legacy_warnings
reseed()
"""TorchScript still runs, but each of its entry points warns that it is deprecated."""

import warnings

import torch
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2)).eval()
x = torch.arange(12, dtype=torch.float32).reshape(3, 4) / 10

# The old deployment route: trace to TorchScript, save a .pt file, load it back.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    scripted = torch.jit.trace(model, x)
    torch.jit.save(scripted, "model.pt")
    reloaded = torch.jit.load("model.pt")

# Since torch 2.14 these are FutureWarnings, which Python shows to every user; they
# were DeprecationWarnings, which it hides outside __main__ and tests.
messages = dict.fromkeys(f"{w.category.__name__}: {w.message}" for w in caught
                         if issubclass(w.category, (DeprecationWarning, FutureWarning)))
for message in messages:  # each distinct warning once, in order
    print(message)
with torch.no_grad():
    print("still runs, outputs match:", torch.allclose(reloaded(x), model(x)))
