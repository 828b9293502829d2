"""TensorBoard from PyTorch: SummaryWriter writes scalars, TensorBoard reads them."""
# compare-agree: steps losses atol=1e-6
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
