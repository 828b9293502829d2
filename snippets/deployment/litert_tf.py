"""Converting a Keras model to LiteRT (.tflite) and running it with ai-edge-litert."""
# compare-differs: the two tabs show different deployment paths

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
