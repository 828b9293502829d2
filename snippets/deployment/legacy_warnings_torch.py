"""TorchScript still runs, but each of its entry points warns that it is deprecated."""
# compare-differs: each tab shows its own framework's deprecation warning

import warnings

import torch
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2)).eval()
x = torch.arange(12, dtype=torch.float32).reshape(3, 4) / 10

# The old deployment route: trace to TorchScript, save a .pt file, load it back.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    scripted = torch.jit.trace(model, x)
    torch.jit.save(scripted, "model.pt")
    reloaded = torch.jit.load("model.pt")

# Since torch 2.14 these are FutureWarnings, which Python shows to every user; they
# were DeprecationWarnings, which it hides outside __main__ and tests.
messages = dict.fromkeys(f"{w.category.__name__}: {w.message}" for w in caught
                         if issubclass(w.category, (DeprecationWarning, FutureWarning)))
for message in messages:  # each distinct warning once, in order
    print(message)
with torch.no_grad():
    print("still runs, outputs match:", torch.allclose(reloaded(x), model(x)))
