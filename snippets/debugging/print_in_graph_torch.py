"""print in PyTorch: eager code prints on every call, and so does torch.compile."""
# compare-differs: the tabs show when each framework's print runs
import torch


def step(x):
    y = x * 3
    print("  print:", y)
    return y + 1


inputs = ([0.5, 1.5], [2.5, 3.5], [4.5, 5.5, 6.5])
print("eager:")
for value in inputs:
    print(f" call with {value}")
    step(torch.tensor(value))

# Dynamo cannot put print into a graph, so it splits the function there
# (a "graph break") and runs the print as ordinary Python on every call.
# Dynamo only, no code generation
compiled = torch.compile(step, backend="eager")
print("torch.compile:")
for value in inputs:
    print(f" call with {value}")
    compiled(torch.tensor(value))

print("torch._dynamo.explain (runs step once more):")
explained = torch._dynamo.explain(step)(torch.tensor([0.0]))
print("graphs:", explained.graph_count, "| graph breaks:", explained.graph_break_count)
print("reason:", explained.break_reasons[0].reason.splitlines()[0])

# fullgraph=True refuses graph breaks, so the same print becomes an error
torch._dynamo.reset()
try:
    torch.compile(step, backend="eager", fullgraph=True)(torch.tensor([0.0]))
except torch._dynamo.exc.Unsupported as err:
    print("fullgraph=True:", type(err).__name__, "-", str(err).splitlines()[0])
