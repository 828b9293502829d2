"""PyTorch's defaults that a port must match, read from the installed torch itself."""
# compare-differs: each tab reads its own framework's defaults, which differ
import inspect
import re

import torch
from torch import nn


def default(callable_, name):
    """A keyword's default, from the signature: it follows every upgrade."""
    return inspect.signature(callable_).parameters[name].default


def init_of(cls, tensor):
    """The init call of a layer's reset_parameters, read from its source code."""
    source = inspect.getsource(cls.reset_parameters)
    found = re.search(rf"init\.(\w+)\(self\.{tensor}, ?([^\n]*)\)", source)
    return f"{found[1]}({found[2].strip()})"


def documented_input(cls):
    """The input shape in a layer's docstring, such as (N, C_{in}, H_{in}, W_{in})."""
    return re.search(r"Input: :math:`([^`]*)`", cls.__doc__)[1]


momentum = default(nn.BatchNorm2d, "momentum")
rows = [
    ("BatchNorm epsilon", default(nn.BatchNorm2d, "eps")),
    ("BatchNorm momentum", f"{momentum} (the weight of the new batch)"),
    ("BatchNorm, new batch's weight", round(momentum, 6)),
    ("LayerNorm epsilon", default(nn.LayerNorm, "eps")),
    ("Adam epsilon", f"{default(torch.optim.Adam, 'eps')} (on sqrt(v_hat))"),
    ("Adam weight decay", default(torch.optim.Adam, "weight_decay")),
    ("AdamW weight decay", default(torch.optim.AdamW, "weight_decay")),
    ("Linear weight init", init_of(nn.Linear, "weight")),
    ("Linear bias init", init_of(nn.Linear, "bias")),
    ("Conv2d padding", repr(default(nn.Conv2d, "padding"))),
    ("Conv2d weight shape", f"{tuple(nn.Conv2d(3, 8, 5).weight.shape)}: out, in, h, w"),
    ("image layout", f"{documented_input(nn.Conv2d)} (nn.Conv2d's docstring)"),
    ("attention batch_first", default(nn.MultiheadAttention, "batch_first")),
]
print(f"torch {torch.__version__.split('+')[0]}")
for name, value in rows:
    print(f"{name:30} {value}")
