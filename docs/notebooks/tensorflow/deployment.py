# Production deployment: the TensorFlow examples, from the living TensorFlow-vs-PyTorch
# comparison. Each `# %%` cell is a standalone script.
# The outputs on the page were made with: pip install ai-edge-litert==2.3.0 keras==3.15.1 numpy==2.4.6 onnx==1.23.2 onnxruntime==1.32.0 tensorflow==2.21.0 tf2onnx==1.17.0
# and, in this folder: npm install --prefix . @tensorflow/tfjs-backend-cpu@4.22.0 @tensorflow/tfjs-core@4.22.0 @tensorflow/tfjs-layers@4.22.0


# CI runs each snippet in a fresh process, one thread, seeded with 0:
import os
import random

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"  # TensorFlow's C++ log lines

import keras
import numpy as np
import tensorflow as tf

tf.config.threading.set_intra_op_parallelism_threads(1)
tf.config.threading.set_inter_op_parallelism_threads(1)
tf.get_logger().setLevel("ERROR")  # CI keeps its log lines out of the outputs


def reseed(*_):
    keras.backend.clear_session()  # layer names count from 0, as in a new process
    random.seed(0)
    np.random.seed(0)
    keras.utils.set_random_seed(0)  # seeds TensorFlow too


# %% Export, then load it back: deployment/export_and_reload
reseed()
"""Exporting a Keras model as a SavedModel with a serving signature, then reloading."""

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)
model = keras.Sequential(
    [
        # batch dimension stays dynamic
        keras.Input(shape=(4,), name="features"),
        keras.layers.Dense(8, activation="relu"),
        keras.layers.Dense(2),
    ]
)
x = np.arange(12, dtype="float32").reshape(3, 4) / 10

# Writes a SavedModel directory whose "serving_default" signature is what
# TensorFlow Serving and other SavedModel consumers call.
model.export("exported", verbose=False)

# The loaded object needs no Keras or Python model code, only TensorFlow.
loaded = tf.saved_model.load("exported")
serve = loaded.signatures["serving_default"]


def dims(spec):  # an unknown (dynamic) size prints as "batch"
    return tuple("batch" if d is None else d for d in spec.shape)


_, input_specs = serve.structured_input_signature
print("inputs: ", [(name, dims(spec)) for name, spec in input_specs.items()])
output_specs = serve.structured_outputs
print("outputs:", [(name, dims(spec)) for name, spec in output_specs.items()])

# A signature takes keyword tensors and returns a dict of named outputs.
expected = model(x).numpy()
actual = serve(features=tf.constant(x))["output_0"].numpy()
print("outputs match:", np.allclose(expected, actual))
print("max abs diff:", round(float(np.abs(expected - actual).max()), 6))
other = serve(features=tf.zeros((5, 4)))["output_0"]
print("other batch size:", tuple(other.shape))


# %% ONNX: a format neither framework owns: deployment/onnx
reseed()
"""Exporting a Keras model to ONNX and running it with ONNX Runtime."""

import keras
import numpy as np
import onnx
import onnxruntime as ort

model = keras.Sequential(
    [
        keras.Input(shape=(4,), name="features"),
        keras.layers.Dense(8, activation="relu"),
        keras.layers.Dense(2),
    ]
)
# the same weights in both tabs; the biases stay zero
rng = np.random.default_rng(0)
for layer, shape in zip(model.layers, ((4, 8), (8, 2)), strict=True):
    layer.kernel.assign(rng.standard_normal(shape, dtype=np.float32))
x = np.arange(12, dtype="float32").reshape(3, 4) / 10

# ONNX export traces the model's call, so Keras wants one real call first.
try:
    model.export("model.onnx", format="onnx", verbose=False)
except ValueError as e:
    print("before the first call:", str(e).strip())
keras_out = model(x).numpy()

# On the TensorFlow backend Keras traces a tf.function and hands it to tf2onnx.
model.export("model.onnx", format="onnx", verbose=False)

proto = onnx.load("model.onnx")
print("opset:", {imp.domain or "ai.onnx": imp.version for imp in proto.opset_import})
print("ops:", [node.op_type for node in proto.graph.node])

options = ort.SessionOptions()
options.intra_op_num_threads = 1
session = ort.InferenceSession("model.onnx", options)
print("inputs: ", [(i.name, i.shape) for i in session.get_inputs()])
print("outputs:", [(o.name, o.shape) for o in session.get_outputs()])

(onnx_out,) = session.run(None, {"features": x})
print("max abs diff vs Keras:", f"{np.abs(onnx_out - keras_out).max():.4f}")
(other,) = session.run(None, {"features": np.zeros((5, 4), np.float32)})
print("other batch size:", other.shape)


# %% On the device: LiteRT and ExecuTorch: deployment/litert
reseed()
"""Converting a Keras model to LiteRT (.tflite) and running it with ai-edge-litert."""

import keras
import numpy as np
from ai_edge_litert import schema_py_generated as schema
from ai_edge_litert.interpreter import Interpreter

keras.utils.set_random_seed(0)
model = keras.Sequential(
    [
        keras.Input(shape=(4,), name="features"),
        keras.layers.Dense(8, activation="relu"),
        keras.layers.Dense(2),
    ]
)
x = np.arange(12, dtype="float32").reshape(3, 4) / 10
expected = model(x).numpy()

# Keras 3 writes the LiteRT flatbuffer directly (TFLiteConverter underneath).
model.export("model.tflite", format="litert", verbose=False)

# The LiteRT interpreter is a separate package; TensorFlow is not needed to run it.
interpreter = Interpreter(model_path="model.tflite")
print("signatures:", interpreter.get_signature_list())
for d in interpreter.get_input_details():
    print("input shape signature:", d["shape_signature"].tolist(), d["dtype"].__name__)

# Read the operators stored in the flatbuffer, using LiteRT's own schema.
with open("model.tflite", "rb") as f:
    flatbuffer = schema.Model.GetRootAsModel(f.read(), 0)
names = {code: name for name, code in vars(schema.BuiltinOperator).items()
         if name.isupper()}
graph = flatbuffer.Subgraphs(0)
codes = [flatbuffer.OperatorCodes(graph.Operators(i).OpcodeIndex()).BuiltinCode()
         for i in range(graph.OperatorsLength())]
print("ops:", [names[c] for c in codes])

run = interpreter.get_signature_runner("serving_default")
actual = run(features=x)["output_0"]
print("output shape:", actual.shape)
print("max abs diff vs Keras:", f"{np.abs(actual - expected).max():.4f}")


# %% The same weights on ExecuTorch and LiteRT: deployment/executorch_litert
reseed()
"""LiteRT: a Keras model to a .tflite file, run by the ai-edge-litert interpreter."""
import keras
import numpy as np
from ai_edge_litert.interpreter import Interpreter

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

# Convert and write the flatbuffer; the batch dimension stays open (-1).
model.export("model.tflite", format="litert", verbose=False)

# The interpreter is its own package: running the file needs no TensorFlow.
interpreter = Interpreter(model_path="model.tflite")
run = interpreter.get_signature_runner("serving_default")
details = run.get_input_details()["features"], run.get_output_details()["output_0"]
print("input:", details[0]["shape_signature"].tolist(),
      "output:", details[1]["shape_signature"].tolist())
device_output = run(features=x)["output_0"]
print("LiteRT output:", np.round(device_output.astype(float), 4).tolist())
print("max abs diff vs Keras:", f"{np.abs(device_output - original).max():.4f}")


# %% In the browser: TensorFlow.js and ONNX Runtime Web: deployment/browser
reseed()
"""TensorFlow.js in Node.js: the Keras model as a TF.js layers model, and its output."""
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


# %% The old routes still run, with a warning: deployment/legacy_warnings
reseed()
"""tf.lite.Interpreter runs in TensorFlow 2.21 but warns that LiteRT replaces it."""

import warnings

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)
model = keras.Sequential(
    [
        keras.Input(shape=(4,), name="features"),
        keras.layers.Dense(8, activation="relu"),
        keras.layers.Dense(2),
    ]
)
x = np.arange(12, dtype="float32").reshape(3, 4) / 10
model.export("model.tflite", format="litert", verbose=False)

# The old on-device route: run the .tflite file with TensorFlow's own interpreter.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    interpreter = tf.lite.Interpreter(model_path="model.tflite")

# Collapse the message's line breaks and indentation into single spaces.
messages = dict.fromkeys((w.category.__name__, " ".join(str(w.message).split()))
                         for w in caught)
for category, message in messages:
    # each distinct warning once, in order
    print(f"{category}:", message)
run = interpreter.get_signature_runner("serving_default")
output = run(features=x)["output_0"]
print("still runs, outputs match:", np.allclose(output, model(x).numpy(), atol=1e-6))
