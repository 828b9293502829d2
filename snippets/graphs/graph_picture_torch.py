"""Draw the graph torch.export captures from a tiny model, with pydot and Graphviz."""
# compare-differs: the graphs differ by design
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
