"""torch.profiler: which operators a model runs, how often, and where the time goes."""
# compare-differs: each tab profiles its own framework's operators
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
