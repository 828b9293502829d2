"""ONNX Runtime Web in Node.js: the PyTorch model as ONNX, run on WebAssembly."""
# compare-agree: original browser_output atol=1e-5
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
