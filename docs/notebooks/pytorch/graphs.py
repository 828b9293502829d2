# Computational graphs: the PyTorch examples, from the living TensorFlow-vs-PyTorch
# comparison. Each `# %%` cell is a standalone script.
# The outputs on the page were made with: pip install numpy==2.4.6 pydot==4.0.1 torch==2.15.0


# CI runs each snippet in a fresh process, one thread, seeded with 0:
import random

import numpy as np
import torch

torch.set_num_threads(1)


def reseed(*_):
    random.seed(0)
    np.random.seed(0)
    torch.manual_seed(0)


# %% Eager by default: graphs/eager_by_default
reseed()
"""PyTorch runs eagerly: each operation executes at once and returns a real value."""
import torch

# Eager is the default; this is True only while torch.compile traces code.
print("inside torch.compile:", torch.compiler.is_compiling())
a = torch.tensor([1.0, 2.0, 3.0])
b = a * 2 + 1  # computed right here, not deferred to a later graph run
print("b:", b)
print("b as NumPy:", b.numpy())
# Plain Python control flow can branch on tensor values.
print("sum(b) > 10:", bool(b.sum() > 10))

# Autograd records operations as they run: the result knows what produced it.
w = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = (w * w).sum()
print("y:", y.item())
print("y.grad_fn:", type(y.grad_fn).__name__)
y.backward()
print("dy/dw:", w.grad)


# %% History: build a graph, then run it in a Session: graphs/session_history
reseed()
"""PyTorch never had sessions: the same computation simply runs, line by line."""
import torch

# No build phase: each line computes its result on the spot, so there is no
# placeholder to feed, no initializer to run and no Session to hold the state.
w = torch.tensor([[1.0, -1.0], [0.5, 2.0], [-1.0, 1.0]], requires_grad=True)
b = torch.tensor([0.1, -0.2], requires_grad=True)


def forward(x):
    return torch.relu(x @ w + b)


x2 = torch.arange(6, dtype=torch.float32).reshape(2, 3)
y2 = forward(x2)
print("y, batch 2:", y2)  # a value at once; grad_fn records how it was made
# A new batch size is just another call: there is no graph to reuse or rebuild.
x4 = torch.arange(12, dtype=torch.float32).reshape(4, 3)
print("y, batch 4, shape:", tuple(forward(x4).shape))


# %% Capturing a graph: `tf.function` and `torch.export`: graphs/captured_graph
reseed()
"""torch.export captures a module's forward as a graph; dynamic shapes need a Dim."""
import torch
from torch import nn


class DenseReLU(nn.Module):
    def __init__(self):
        super().__init__()
        self.w = nn.Parameter(torch.tensor([[1.0, -1.0], [0.5, 2.0], [-1.0, 1.0]]))
        self.b = nn.Parameter(torch.tensor([0.1, -0.2]))

    def forward(self, x):
        return torch.relu(x @ self.w + self.b)


model = DenseReLU()
x2 = torch.arange(6, dtype=torch.float32).reshape(2, 3)
x4 = torch.arange(12, dtype=torch.float32).reshape(4, 3)

# Export traces forward once with example inputs; parameters become graph inputs.
ep = torch.export.export(model, (x2,))
print("graph nodes:")
for node in ep.graph.nodes:
    print(f"  {node.op:15} {node.target}")
print("output, batch 2:")
print(ep.module()(x2).detach().numpy())

# By default every shape is specialized to the example input's, here batch 2.
try:
    ep.module()(x4)
except AssertionError as e:  # raised by the shape guard baked into the graph
    print("static graph, batch 4:", type(e).__name__, "-", e)

# Marking the batch dimension as a Dim gives one graph that serves every batch size.
batch = torch.export.Dim("batch")
dynamic = torch.export.export(model, (x2,), dynamic_shapes={"x": {0: batch}})
print("dynamic graph, batch sizes:", [dynamic.module()(x).shape[0] for x in (x2, x4)])


# %% Python control flow inside a graph: graphs/control_flow
reseed()
"""torch.export rejects an `if` on tensor values; torch.cond and while_loop fix it."""
import torch
from torch import nn


class Shrink(nn.Module):
    def forward(self, x):
        if x.sum() < 0:  # Python needs the tensor's value to pick a branch
            x = -x
        steps = 0
        while x.max() > 1.0:
            x = x / 2.0
            steps += 1
        return x, steps


inputs = [torch.tensor([1.0, 3.0]), torch.tensor([-1.0, -6.0])]
try:  # export traces with symbolic values, so it cannot decide the `if`
    torch.export.export(Shrink(), (inputs[0],))
except Exception as e:
    print("export:", type(e).__name__)
    print(" ", str(e).splitlines()[0].split(" (unhinted")[0])

# torch.compile does not fail: it splits the code into graphs around each decision.
graphs = []


def count_graphs(gm, example_inputs):  # a backend that counts graphs, runs them as is
    graphs.append(gm)
    return gm.forward


torch.compile(Shrink(), backend=count_graphs)(inputs[0])
print("torch.compile graphs:", len(graphs))


class StructuredShrink(nn.Module):
    def forward(self, x):
        # Both branches and the loop body become subgraphs of one exported graph.
        x = torch.cond(x.sum() < 0, lambda v: -v, lambda v: v.clone(), (x,))
        start = torch.zeros((), dtype=torch.int64)
        steps, x = torch.while_loop(lambda s, v: v.max() > 1.0,
                                    lambda s, v: (s + 1, v / 2.0), (start, x))
        return x, steps


ep = torch.export.export(StructuredShrink(), (inputs[0],))
ops = [str(n.target) for n in ep.graph.nodes
       if n.op == "call_function" and "getitem" not in str(n.target)]
print("graph ops:", ", ".join(ops))

# One graph serves every input: the branch and the loop count are decided at run time.
shrunk = []  # every result, for the check that both tabs compute the same
for x in inputs:
    y, steps = ep.module()(x)
    shrunk += [*y.tolist(), int(steps)]
    print(f"shrink({x.tolist()}) -> {y.tolist()} in {int(steps)} steps")


# %% A picture of a captured graph: graphs/graph_picture
reseed()
"""Draw the graph torch.export captures from a tiny model, with pydot and Graphviz."""
import pydot
import torch
from torch import nn

model = nn.Sequential()
model.add_module("fc1", nn.Linear(3, 4))
model.add_module("relu", nn.ReLU())
model.add_module("fc2", nn.Linear(4, 2))

ep = torch.export.export(model, (torch.zeros(2, 3),))
# Parameters are lifted to extra graph inputs; leave them out to keep the picture clear.
params = set(ep.graph_signature.inputs_to_parameters)
nodes = [n for n in ep.graph.nodes if n.name not in params]
# "aten.linear.default" -> "linear"; the input and the output keep their own names.
labels = {n.name: str(n.target).split(".")[1] if n.op == "call_function" else n.name
          for n in nodes}
edges = [(i.name, n.name) for n in nodes for i in n.all_input_nodes if i.name in labels]

graph = pydot.Dot("Graph captured by torch.export", rankdir="TB")
graph.set_node_defaults(fontname="Helvetica")
for node in nodes:  # operators as filled boxes, the graph's input and output as ovals
    style = {"shape": "box", "style": "filled", "fillcolor": "#fde2cf"}
    if node.op != "call_function":
        style = {"shape": "ellipse"}
    graph.add_node(pydot.Node(node.name, label=labels[node.name], **style))
for src, dst in edges:
    graph.add_edge(pydot.Edge(src, dst))
graph.write_svg("graph.svg")

print(f"nodes: {len(nodes)} (parameters left out: {len(params)})")
for node in nodes:
    print(f"  {node.op:14} {node.name:9} {node.target}")
print("edges:")
for src, dst in edges:
    print(f"  {labels[src]} -> {labels[dst]}")
