"""torch.export rejects an `if` on tensor values; torch.cond and while_loop fix it."""
# compare-agree: shrunk atol=1e-6
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
