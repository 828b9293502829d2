"""Draw the graph tf.function traces from a tiny model, with pydot and Graphviz."""
# compare-differs: the graphs differ by design
import keras
import pydot
import tensorflow as tf

model = keras.Sequential([
    keras.Input((3,)),
    keras.layers.Dense(4, activation="relu", name="fc1"),
    keras.layers.Dense(2, name="fc2"),
], name="tiny")

spec = tf.TensorSpec([None, 3], tf.float32)
traced = tf.function(model).get_concrete_function(spec).graph
# Variable reads and the resource handles they read are bookkeeping: leave them out.
every = traced.get_operations()
ops = [op for op in every if op.type not in {"NoOp", "ReadVariableOp"}
       and op.outputs[0].dtype != tf.resource]
labels = {op.name: op.type for op in ops}
edges = [(t.op.name, op.name) for op in ops for t in op.inputs if t.op.name in labels]

graph = pydot.Dot("Graph traced by tf.function", rankdir="TB")
graph.set_node_defaults(fontname="Helvetica")
for op in ops:  # operations as filled boxes, the graph's input and output as ovals
    style = {"shape": "box", "style": "filled", "fillcolor": "#dbe4fb"}
    if op.type in {"Placeholder", "Identity"}:
        style = {"shape": "ellipse"}
    graph.add_node(pydot.Node(op.name, label=op.type, **style))
for src, dst in edges:
    graph.add_edge(pydot.Edge(src, dst))
graph.write_svg("graph.svg")

reads = sum(op.type == "ReadVariableOp" for op in every)
print(f"operations: {len(ops)} (variable reads left out: {reads})")
for op in ops:
    print(f"  {op.type:12} {op.name}")
print("edges:")
for src, dst in edges:
    print(f"  {labels[src]} -> {labels[dst]}")
