"""TensorFlow.js in Node.js: the Keras model as a TF.js layers model, and its output."""
# compare-agree: original browser_output atol=1e-5
import json
import os
import subprocess

import keras
import numpy as np

# The same weights on both tabs, made with NumPy. Dense stores them as [in, out].
rng = np.random.default_rng(0)
W1, W2 = rng.normal(0, 0.5, (4, 8)), rng.normal(0, 0.5, (8, 2))  # [in, out]
B1, B2 = rng.normal(0, 0.1, 8), rng.normal(0, 0.1, 2)
model = keras.Sequential([keras.Input(shape=(4,), name="features"),
                          keras.layers.Dense(8, activation="relu"),
                          keras.layers.Dense(2)])
model.set_weights([W1, B1, W2, B2])
x = np.linspace(-1, 1, 12, dtype="float32").reshape(3, 4)
original = model(x).numpy()

# TF.js loads a layers model from model.json (the architecture and a manifest of
# the weights) and the raw little-endian float32 weights it names.
PREDICT = """
const tf = require("@tensorflow/tfjs-core");
require("@tensorflow/tfjs-backend-cpu");  // pure JavaScript: no native binary
const { loadLayersModel } = require("@tensorflow/tfjs-layers");
const fs = require("fs");

async function main() {
  await tf.setBackend("cpu");
  const { modelTopology, weightsManifest } = JSON.parse(fs.readFileSync("model.json"));
  const weightData = new Uint8Array(fs.readFileSync("weights.bin")).buffer;
  const model = await loadLayersModel(tf.io.fromMemory(
    { modelTopology, weightSpecs: weightsManifest[0].weights, weightData }));
  const x = tf.tensor(JSON.parse(fs.readFileSync("input.json")));
  return { output: await model.predict(x).array() };
}
main().catch((error) => ({ error: error.message })).then((answer) => {
  fs.writeFileSync("answer.json", JSON.stringify(answer));
});
"""


def run_in_node(topology):
    """Write the model in TF.js's layers format; predict in Node.js; return that."""
    specs = [{"name": f"{layer.name}/{w.name}", "shape": list(w.shape),
              "dtype": "float32"} for layer in model.layers for w in layer.weights]
    with open("weights.bin", "wb") as f:
        for w in model.get_weights():
            f.write(np.asarray(w, "<f4").tobytes())
    with open("model.json", "w") as f:
        manifest = [{"paths": ["weights.bin"], "weights": specs}]
        json.dump({"format": "layers-model", "modelTopology": topology,
                   "weightsManifest": manifest}, f)
    with open("input.json", "w") as f:
        json.dump(x.tolist(), f)
    with open("predict.js", "w") as f:
        f.write(PREDICT)
    # Node looks for the packages in ./node_modules, where the notebook's install
    # cell puts them, and in the folders NODE_PATH lists.
    places = (os.environ.get("NODE_PATH", ""), "node_modules")
    if not any(os.path.isdir(place) for place in places):
        raise SystemExit("JavaScript packages missing: run the notebook's install "
                         "cell, or `npm install @tensorflow/tfjs-core "
                         "@tensorflow/tfjs-backend-cpu @tensorflow/tfjs-layers`")
    node = subprocess.run(["node", "predict.js"], capture_output=True, text=True,
                          timeout=60)
    if node.returncode:
        raise RuntimeError(f"node failed:\n{node.stderr}")
    with open("answer.json") as f:
        return json.load(f)


# 1. Keras 3's own description of the model, which is what the tensorflowjs
#    converter (4.22.0, for Keras 2) copies into model.json from a Keras 3 model.
answer = run_in_node(json.loads(model.to_json()))
print("Keras 3 config in TF.js:", answer.get("error", "loaded"))

# 2. The same layers, described as TF.js 4.22 reads them (Keras 2's names).
layers = [{"class_name": "Dense",
           "config": {"name": layer.name, "units": layer.units,
                      "activation": keras.activations.serialize(layer.activation)}}
          for layer in model.layers]
layers[0]["config"]["batch_input_shape"] = [None, 4]
answer = run_in_node({"class_name": "Sequential",
                      "config": {"name": "mlp", "layers": layers}})
browser_output = np.array(answer["output"])
print("TF.js output:", np.round(browser_output, 4).tolist())
print("max abs diff vs Keras:", f"{np.abs(browser_output - original).max():.4f}")
