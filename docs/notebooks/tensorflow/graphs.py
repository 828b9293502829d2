# Computational graphs: the TensorFlow examples, from the living TensorFlow-vs-PyTorch
# comparison. Each `# %%` cell is a standalone script.
# The outputs on the page were made with: pip install keras==3.15.1 numpy==2.4.6 pydot==4.0.1 tensorflow==2.21.0


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


# %% Eager by default: graphs/eager_by_default
reseed()
"""TensorFlow 2 runs eagerly: each operation executes at once and returns a value."""
import tensorflow as tf

# Eager is the default; it is False only while tracing a tf.function.
print("executing eagerly:", tf.executing_eagerly())
a = tf.constant([1.0, 2.0, 3.0])
b = a * 2 + 1  # computed right here, not deferred to a later graph run
print("b:", b)
print("b as NumPy:", b.numpy())
# Plain Python control flow can branch on tensor values.
print("sum(b) > 10:", bool(tf.reduce_sum(b) > 10))

# A GradientTape records operations as they run, for differentiation later.
w = tf.Variable([1.0, 2.0, 3.0])
with tf.GradientTape() as tape:
    y = tf.reduce_sum(w * w)
print("y:", y.numpy().item())
print("type(y):", type(y).__name__)
print("dy/dw:", tape.gradient(y, w))


# %% History: build a graph, then run it in a Session: graphs/session_history
reseed()
"""TF1 style, kept only in tf.compat.v1: build a graph, then run it in a Session."""
import numpy as np
import tensorflow as tf

tf1 = tf.compat.v1
with tf.Graph().as_default() as graph:
    # Building: each line only adds nodes to `graph`; nothing is computed yet.
    x = tf1.placeholder(tf.float32, shape=(None, 3), name="x")
    w = tf1.Variable([[1.0, -1.0], [0.5, 2.0], [-1.0, 1.0]], name="w")
    b = tf1.Variable([0.1, -0.2], name="b")
    y = tf.nn.relu(tf.matmul(x, w) + b, name="y")
    init = tf1.global_variables_initializer()
    print("executing eagerly:", tf.executing_eagerly())
    print("y:", y)  # a symbolic handle to a node's output, with no value
    print("operations in the graph:", len(graph.get_operations()))

    # Running: a Session feeds the placeholder and evaluates only what `y` needs.
    with tf1.Session(graph=graph) as sess:
        sess.run(init)  # variables have no value until their initializer runs
        x2 = np.arange(6, dtype=np.float32).reshape(2, 3)
        print("y, batch 2:")
        y2 = sess.run(y, feed_dict={x: x2})
        print(y2)
        # The same graph serves a new batch size: only the fed value changes.
        x4 = np.arange(12, dtype=np.float32).reshape(4, 3)
        print("y, batch 4, shape:", sess.run(y, feed_dict={x: x4}).shape)


# %% Capturing a graph: `tf.function` and `torch.export`: graphs/captured_graph
reseed()
"""tf.function traces Python code into a graph, retracing when input shapes change."""
import tensorflow as tf

w = tf.Variable([[1.0, -1.0], [0.5, 2.0], [-1.0, 1.0]])  # 3 features -> 2 outputs
b = tf.Variable([0.1, -0.2])
trace_count = 0


@tf.function
def dense_relu(x):
    global trace_count
    trace_count += 1  # Python side effects run only while tracing, not on each call
    return tf.nn.relu(x @ w + b)


x2 = tf.reshape(tf.range(6, dtype=tf.float32), (2, 3))
x4 = tf.reshape(tf.range(12, dtype=tf.float32), (4, 3))

# Tracing for one input signature yields a concrete graph; variables become inputs.
concrete = dense_relu.get_concrete_function(tf.TensorSpec([2, 3], tf.float32))
print("graph ops:")
for op in concrete.graph.get_operations():
    print(f"  {op.type:15} {op.name}")
print("output, batch 2:")
print(concrete(x2).numpy())

# A new input shape traces the Python body again; a seen shape reuses its graph.
dense_relu(x2)
print("traces after batch 2:", trace_count)
dense_relu(x4)
print("traces after batch 4:", trace_count)
dense_relu(x4 + 1)
print("traces after batch 4 again:", trace_count)

# A None dimension gives one graph that serves every batch size.
dynamic = dense_relu.get_concrete_function(tf.TensorSpec([None, 3], tf.float32))
print("dynamic graph, batch sizes:", [dynamic(x).shape[0] for x in (x2, x4)])


# %% Python control flow inside a graph: graphs/control_flow
reseed()
"""AutoGraph turns a data-dependent `if` and `while` into graph control-flow ops."""
import re

import tensorflow as tf


@tf.function
def shrink(x):
    # Both conditions read tensor values, so AutoGraph rewrites them as graph ops.
    if tf.reduce_sum(x) < 0:
        x = -x
    steps = tf.constant(0)
    while tf.reduce_max(x) > 1.0:
        x = x / 2.0
        steps += 1
    return x, steps


# AutoGraph first rewrites the Python source; the statements become function calls.
code = tf.autograph.to_code(shrink.python_function)
print("AutoGraph calls:", ", ".join(sorted(set(re.findall(r"ag__\.\w+_stmt", code)))))

# Tracing those calls with a symbolic tensor emits one op per statement.
graph = shrink.get_concrete_function(tf.TensorSpec([None], tf.float32)).graph
plumbing = {"Placeholder", "Const", "Identity", "NoOp"}
ops = [op.type for op in graph.get_operations() if op.type not in plumbing]
print("graph ops:", ", ".join(ops))

# One graph serves every input: the branch and the loop count are decided at run time.
shrunk = []  # every result, for the check that both tabs compute the same
for values in ([1.0, 3.0], [-1.0, -6.0]):
    y, steps = shrink(tf.constant(values))
    shrunk += [*y.numpy().tolist(), int(steps)]
    print(f"shrink({values}) -> {y.numpy().tolist()} in {int(steps)} steps")
print("traces:", shrink.experimental_get_tracing_count())


# %% A picture of a captured graph: graphs/graph_picture
reseed()
"""Draw the graph tf.function traces from a tiny model, with pydot and Graphviz."""
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
