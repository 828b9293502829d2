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
# compare-differs: the two tabs show each framework's own error message
