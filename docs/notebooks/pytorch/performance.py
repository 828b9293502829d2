# Performance: the PyTorch examples, from the living TensorFlow-vs-PyTorch
# comparison. Each `# %%` cell is a standalone script.
# The outputs on the page were made with: pip install numpy==2.4.6 torch==2.15.0


# CI runs each snippet in a fresh process, one thread, seeded with 0:
import random

import numpy as np
import torch

torch.set_num_threads(1)


def reseed(*_):
    random.seed(0)
    np.random.seed(0)
    torch.manual_seed(0)


# %% Mixed precision: autocast and dtype policies: performance/mixed_precision
reseed()
"""Mixed precision in PyTorch: torch.autocast runs a region of code in bfloat16."""
import numpy as np
import torch
from torch import nn

rng = np.random.default_rng(0)
x = torch.from_numpy(rng.normal(size=(32, 64)).astype(np.float32))
labels = torch.from_numpy(rng.integers(0, 10, size=32))
model = nn.Sequential(nn.Linear(64, 128), nn.ReLU(), nn.Linear(128, 10))

# autocast changes no module: it picks a dtype per operation while the block runs.
with torch.autocast(device_type="cpu", dtype=torch.bfloat16):
    hidden = model[1](model[0](x))
    logits = model[2](hidden)
    loss = nn.functional.cross_entropy(logits, labels)
loss.backward()  # outside the block: backward reuses the dtypes of the forward pass

print("weights:            ", model[0].weight.dtype)
print("Linear, ReLU output:", hidden.dtype)
print("logits:             ", logits.dtype)
print("loss:               ", loss.dtype, "(cross_entropy is kept in float32)")
print("weight gradient:    ", model[0].weight.grad.dtype)

with torch.no_grad():
    full = model(x)  # the same model outside the block: float32 again
err = (logits.float() - full).abs().max().item()
print("float32 outside the block:", full.dtype)
print("logits within 0.05 of float32:", err < 0.05)


# %% Profiling: which operators take the time: performance/profiler
reseed()
"""torch.profiler: which operators a model runs, how often, and where the time goes."""
import numpy as np
import torch
from torch import nn
from torch.profiler import ProfilerActivity, profile

rng = np.random.default_rng(0)
x = torch.from_numpy(rng.normal(size=(256, 1024)).astype(np.float32))
model = nn.Sequential(nn.Linear(1024, 1024), nn.ReLU(), nn.Linear(1024, 10))

with torch.no_grad():
    model(x)  # a first call outside the profile: warm-up
    with profile(activities=[ProfilerActivity.CPU]) as prof:
        for _ in range(5):
            model(x)

# key_averages() groups the recorded events by operator. Its table() prints their times
# too (sort_by="self_cpu_time_total"), and export_chrome_trace() writes a timeline; but
# times differ on every run and CPU, so this prints the operators, their calls, and only
# the top one by time.
events = prof.key_averages()
slowest = max(events, key=lambda event: event.self_cpu_time_total)
print("most self CPU time:", slowest.key)
print("operators by number of calls:")
for event in sorted(events, key=lambda event: (-event.count, event.key)):
    print(f"  {event.key:18} {event.count:3}")
