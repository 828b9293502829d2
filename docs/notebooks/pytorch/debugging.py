# Debugging: the PyTorch examples, from the living TensorFlow-vs-PyTorch
# comparison. Each `# %%` cell is a standalone script.
# The outputs on the page were made with: pip install numpy==2.4.6 tensorboard==2.21.0 torch==2.15.0


# CI runs each snippet in a fresh process, one thread, seeded with 0:
import random

import numpy as np
import torch

torch.set_num_threads(1)


def reseed(*_):
    random.seed(0)
    np.random.seed(0)
    torch.manual_seed(0)


# %% Stopping in the debugger: debugging/breakpoint
reseed()
"""breakpoint() and pdb in PyTorch: eager code, torch.compile, and its eager switch."""
import io
import pdb
import re
import sys

import torch


def scaled_sum(x, w):
    y = x * w
    breakpoint()  # stop here
    total = y.sum()
    return total


# Plumbing: this page is built without a keyboard, so a script types pdb's commands
# and a buffer stands in for the terminal. At a real terminal, you type them yourself.
screen = io.StringIO()


class Keyboard(io.StringIO):
    def readline(self, *args):
        line = super().readline(*args)
        # echo what is "typed", as a terminal would
        screen.write(line)
        return line


def typed(commands):
    """From now on, breakpoint() starts pdb with `commands` as its input."""
    sys.breakpointhook = lambda: pdb.Pdb(
        stdin=Keyboard(commands), stdout=screen).set_trace(sys._getframe(1))


def show(title):
    print(f"--- {title}")
    for line in screen.getvalue().splitlines() or ["(the debugger did not stop)"]:
        # "> /a/b/file.py(12)f()": no folders
        line = re.sub(r"^> \S*/", "> ", line)
        # and no line numbers in library files: they change between versions
        print(re.sub(r"^> (?!breakpoint_)(\w+\.py)\(\d+\)", r"> \1: ", line))
    screen.seek(0)
    screen.truncate()


x = torch.tensor([1.0, 2.0, 3.0])
typed("p y\nn\np total\nc\n")
scaled_sum(x, 2.0)
show("eager: stops at your line, with real values")

# Dynamo, no code generation
compiled = torch.compile(scaled_sum, backend="eager")
typed("p y\nc\n")
compiled(x, 2.0)
show("torch.compile: stops in code the compiler runs, not in yours")

with torch.compiler.set_stance("force_eager"):
    # switch compilation off to debug
    typed("p y\nc\n")
    compiled(x, 2.0)
show('set_stance("force_eager"): back at your line')


# %% Printing inside compiled code: debugging/print_in_graph
reseed()
"""print in PyTorch: eager code prints on every call, and so does torch.compile."""
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


# %% Hunting a NaN: debugging/nan_hunt
reseed()
"""Hunting a NaN gradient in PyTorch with torch.autograd.detect_anomaly."""
import re
import warnings

import torch


def safe_log(x):
    # Meant to map x <= 0 to 0. The forward pass is fine; the gradient is not.
    return torch.where(x > 0, torch.log(x), torch.zeros_like(x))


x = torch.tensor([0.0, 1.0, 2.0], requires_grad=True)
loss = safe_log(x).sum()
loss.backward()
print("loss:", round(loss.item(), 4), "| grad:", x.grad.tolist())

# Anomaly mode records where each op was created, and raises as soon as a
# backward function returns NaN. The creation traceback comes as a warning.
x.grad = None
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    try:
        with torch.autograd.detect_anomaly():
            safe_log(x).sum().backward()
    except RuntimeError as err:
        print("error:", type(err).__name__)
        print(str(err).splitlines()[0])

message = next(str(w.message) for w in caught if "forward call" in str(w.message))
print("warning:", message.split(". ")[0])
# The traceback's last frame is the forward op to blame: its line, function, code
*_, (line, function, code) = re.findall(r'line (\d+), in (\w+)\n\s+(.+)', message)
print(f"created in {function}(), line {line}: {code}")

# The fix: never feed log a value it cannot take, even in the branch not chosen
x.grad = None
torch.where(x > 0, torch.log(torch.where(x > 0, x, 1.0)), 0.0).sum().backward()
print("fixed grad:", x.grad.tolist())


# %% A shape error: debugging/shape_error
reseed()
"""A matmul shape mismatch in PyTorch: the error message, then the fix."""

import torch

a = torch.ones(2, 3)
b = torch.ones(2, 3)

try:
    a @ b  # inner dimensions are 3 and 2: they must match
except RuntimeError as err:
    print("error:", type(err).__name__)
    print("message:", str(err).splitlines()[0])

# Transposing b makes the shapes (2, 3) @ (3, 2).
fixed = a @ b.T
print("fixed shape:", tuple(fixed.shape))
print("fixed result:", fixed.tolist())


# %% Looking at an intermediate result: debugging/inspect_intermediate
reseed()
"""Inspecting intermediate activations in PyTorch with forward hooks."""

from collections import OrderedDict

import numpy as np
import torch
from torch import nn

model = nn.Sequential(
    OrderedDict(
        hidden=nn.Linear(4, 8),
        act=nn.ReLU(),
        out=nn.Linear(8, 2),
    )
)
# the same weights in both tabs, drawn by NumPy
rng = np.random.default_rng(0)
with torch.no_grad():
    for layer, shape in ((model.hidden, (4, 8)), (model.out, (8, 2))):
        kernel = rng.standard_normal(shape, dtype=np.float32)  # Keras's (in, out)
        layer.weight.copy_(torch.from_numpy(kernel.T.copy()))  # Linear's is (out, in)
        layer.bias.zero_()
x = torch.arange(12, dtype=torch.float32).reshape(3, 4) / 10


def report(name):
    # A hook sees (module, inputs, output) every time the module runs.
    def hook(module, inputs, output):
        print(f"{name:>6}: shape={tuple(output.shape)} mean={output.mean():.4f}")

    return hook


handles = [
    layer.register_forward_hook(report(name)) for name, layer in model.named_children()
]
with torch.no_grad():
    y = model(x)

# Remove hooks when done so later forward passes stay silent.
for handle in handles:
    handle.remove()
print("final output shape:", tuple(y.shape))


# %% Changing a model while it trains: debugging/change_while_training
reseed()
"""Freeze a layer and add one between two training steps of a PyTorch model."""
import numpy as np
import torch
from torch import nn

rng = np.random.default_rng(0)
x = torch.from_numpy(rng.normal(size=(32, 4)).astype(np.float32))
y = x.sum(dim=1, keepdim=True)

model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
step_number = 0


def step():
    """One training step; says which layers it changed."""
    global step_number
    step_number += 1
    weighted = [layer for layer in model if hasattr(layer, "weight")]
    before = [layer.weight.detach().clone() for layer in weighted]
    optimizer.zero_grad()
    loss = nn.functional.mse_loss(model(x), y)
    loss.backward()
    optimizer.step()
    changed = [not torch.equal(old, layer.weight)
               for old, layer in zip(before, weighted, strict=True)]
    print(f"step {step_number}  loss {loss.item():.3f}  weights changed: {changed}")


step()
step()

print("-- freeze the first layer: requires_grad_(False)")
model[0].requires_grad_(False)
# no gradient reaches it, and Adam skips a parameter whose .grad is None
step()

print("-- append a layer: it runs in the next forward pass at once")
added = nn.Linear(1, 1)
model.append(added)
step()  # ...but the optimizer was given the old parameters only
print("   the new layer has a gradient:", added.weight.grad is not None)

print("-- optimizer.add_param_group: now it trains too")
optimizer.add_param_group({"params": added.parameters()})
step()
print("param groups:", len(optimizer.param_groups),
      "| tensors with Adam state:", len(optimizer.state),
      "(the old layers kept theirs)")


# %% TensorBoard, from both frameworks: debugging/tensorboard
reseed()
"""TensorBoard from PyTorch: SummaryWriter writes scalars, TensorBoard reads them."""
import glob

import numpy as np
import torch
import torch._dynamo  # before TensorBoard imports TensorFlow: see the note below
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
from torch import nn
from torch.utils.tensorboard import SummaryWriter  # needs the tensorboard package

# The same data and starting weights on both tabs: a small linear regression.
rng = np.random.default_rng(0)
X = rng.normal(size=(32, 3))
Y = X @ np.array([[1.5], [-2.0], [0.5]]) + 0.1 * rng.normal(size=(32, 1))
model = nn.Linear(3, 1).double()
with torch.no_grad():
    model.weight.zero_()
    model.bias.zero_()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)

writer = SummaryWriter("runs/regression")
for step in range(12):
    optimizer.zero_grad()
    loss = nn.functional.mse_loss(model(torch.from_numpy(X)), torch.from_numpy(Y))
    loss.backward()
    optimizer.step()
    writer.add_scalar("train/loss", loss.item(), step)
writer.close()
print("event files written:", len(glob.glob("runs/regression/events.out.tfevents.*")))

# Read the run back with the reader the TensorBoard server itself uses.
run = EventAccumulator("runs/regression")
run.Reload()
print("tags by kind:", {kind: tags for kind, tags in run.Tags().items() if tags})
# ScalarEvent(wall_time, step, value)
events = run.Scalars("train/loss")
steps = [e.step for e in events]
losses = [e.value for e in events]  # stored as 32-bit floats
print("steps:", steps)
print("loss:", [round(v, 4) for v in losses])


def draw(path, title, steps, values, colour):
    """A line chart in plain SVG: no plotting library needed."""
    width, height, pad = 480, 260, 50
    # the y axis runs from 0 to a round number
    top = np.ceil(max(values) * 2) / 2
    x = [pad + s * (width - 2 * pad) / max(steps) for s in steps]
    y = [height - pad - v / top * (height - 2 * pad) for v in values]
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" '
             f'height="{height}" font-family="sans-serif" font-size="12">',
             f"<title>{title}</title>",
             f'<text x="{width / 2}" y="20" text-anchor="middle">{title}</text>',
             f'<path d="M{pad},{pad - 10}V{height - pad}H{width - pad + 10}" '
             'stroke="#444" fill="none"/>',
             f'<polyline points="{" ".join(f"{a:.1f},{b:.1f}" for a, b in zip(x, y))}" '
             f'stroke="{colour}" stroke-width="2" fill="none"/>']
    for s in range(0, max(steps) + 1, 2):
        sx = pad + s * (width - 2 * pad) / max(steps)
        parts.append(f'<text x="{sx:.1f}" y="{height - pad + 16}" '
                     f'text-anchor="middle">{s}</text>')
    for v in np.linspace(0, top, 3):
        vy = height - pad - v / top * (height - 2 * pad)
        parts.append(f'<text x="{pad - 6}" y="{vy + 4:.1f}" text-anchor="end">'
                     f"{v:.2f}</text>")
    parts.append(f'<text x="{width / 2}" y="{height - 12}" text-anchor="middle">'
                 "step</text></svg>")
    with open(path, "w") as f:
        f.write("\n".join(parts))


draw("loss.svg", "train/loss, read back from the event file", steps, losses, "#ee4c2c")
