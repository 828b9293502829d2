# Rosetta stone: the PyTorch examples, from the living TensorFlow-vs-PyTorch
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


# %% Tensor creation: rosetta/creation
reseed()
"""Rosetta stone, tensor creation in PyTorch: one line per row of the page's table."""
import numpy as np
import torch


def show(label, t):
    """Print one row: label, then shape, dtype and values (or the plain value)."""
    if isinstance(t, torch.Tensor):
        v = t.detach().double().round(decimals=4) if t.is_floating_point() else t
        v = v.tolist() if t.numel() <= 12 else ""  # values of small ones only
        t = f"{tuple(t.shape)!s:<12} {str(t.dtype)[6:]:<8} {v}"
    print(f"{label:<11} {t}".rstrip())


x = torch.tensor([[1, 2], [3, 4]])  # Python ints become int64
show("from list", x)
show("zeros", torch.zeros(2, 3))
show("ones", torch.ones(2, 3))
show("full", torch.full((2, 2), 7.0))
show("eye", torch.eye(3))
show("arange", torch.arange(0, 10, 3))
show("linspace", torch.linspace(0, 1, 5))
show("zeros_like", torch.zeros_like(x))
a = np.array([1.5, 2.5], dtype=np.float32)
t = torch.from_numpy(a)
a[0] = 9.0  # the tensor sees this change: it shares memory with `a`
show("from numpy", t)
show("to numpy", type(torch.ones(2).numpy()).__name__)
show("trainable", torch.zeros(2, requires_grad=True).requires_grad)


# %% Reshaping, joining and indexing: rosetta/reshape
reseed()
"""Rosetta stone, reshaping and joining tensors in PyTorch: one line per table row."""
import torch

checked = []  # every value shown, for the check that both tabs compute the same


def show(label, t):
    """Print one row: label, then shape, dtype and values (or the plain value)."""
    if isinstance(t, torch.Tensor):
        checked.extend(t.detach().double().flatten().tolist())
        v = t.detach().double().round(decimals=4) if t.is_floating_point() else t
        v = v.tolist() if t.numel() <= 12 else ""  # values of small ones only
        t = f"{tuple(t.shape)!s:<12} {str(t.dtype)[6:]:<8} {v}"
    print(f"{label:<11} {t}".rstrip())


x = torch.arange(6).reshape(2, 3)  # [[0, 1, 2], [3, 4, 5]]
y = torch.zeros(2, 3, 4)
v = torch.tensor([1, 2])
show("reshape", x.reshape(3, 2))
show("flatten", x.flatten())
show("transpose", x.T)
show("permute", y.permute(0, 2, 1))
show("unsqueeze", x.unsqueeze(0))
show("squeeze", torch.zeros(1, 3, 1).squeeze())
show("concat", torch.cat([x, x], dim=0))
show("stack", torch.stack([x, x], dim=0))
show("split n", torch.chunk(x, 3, dim=1)[0])  # 3 equal pieces
show("split size", torch.split(x, 2, dim=1)[0])  # pieces of size 2
show("tile", x.repeat(1, 2))
show("repeat", torch.repeat_interleave(v, 2))
show("gather", torch.index_select(x, 1, torch.tensor([2, 0])))
show("where", torch.where(x > 2, x, 0))


# %% Matmul, einsum and reductions: rosetta/matmul
reseed()
"""Rosetta stone, matmul, einsum and reductions in PyTorch: one line per table row."""
import torch

checked = []  # every value shown, for the check that both tabs compute the same


def show(label, t):
    """Print one row: label, then shape, dtype and values (or the plain value)."""
    if isinstance(t, torch.Tensor):
        checked.extend(t.detach().double().flatten().tolist())
        v = t.detach().double().round(decimals=4) if t.is_floating_point() else t
        v = v.tolist() if t.numel() <= 12 else ""  # values of small ones only
        t = f"{tuple(t.shape)!s:<12} {str(t.dtype)[6:]:<8} {v}"
    print(f"{label:<11} {t}".rstrip())


a = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])  # (2, 3)
b = torch.ones(3, 2)
u, v = torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0])
p, q = torch.ones(4, 2, 3), torch.ones(4, 3, 5)  # batches of 4 matrices
show("matmul", a @ b)
show("batched", torch.bmm(p, q))
show("dot", torch.dot(u, v))
show("outer", torch.outer(u, v))
show("einsum", torch.einsum("ij,jk->ik", a, b))
show("sum", a.sum(dim=0))
show("mean keep", a.mean(dim=1, keepdim=True))
show("max", a.amax(dim=1))  # a.max(dim=1) returns (values, indices)
show("argmax", a.argmax(dim=1))
show("std", a.std())  # sample std: divides by n - 1
show("std pop", a.std(correction=0))
show("norm", torch.linalg.vector_norm(u))
show("cumsum", torch.cumsum(a, dim=1))


# %% Layers: rosetta/layers
reseed()
"""Rosetta stone, layers in PyTorch (torch.nn): one line per row of the page's table."""
import torch
import torch.nn.functional as F
from torch import nn


def show(label, t):
    """Print one row: label, then shape, dtype and values (or the plain value)."""
    if isinstance(t, torch.Tensor):
        v = t.detach().double().round(decimals=4) if t.is_floating_point() else t
        v = v.tolist() if t.numel() <= 8 else ""  # random weights: shapes only
        t = f"{tuple(t.shape)!s:<12} {str(t.dtype)[6:]:<8} {v}"
    print(f"{label:<11} {t}".rstrip())


x = torch.ones(4, 4)  # (batch, features)
img = torch.ones(1, 3, 8, 8)  # channels first: (batch, channels, height, width)
seq = torch.ones(2, 5, 4)  # (batch, time, features)
s = torch.tensor([-1.0, 2.0])
lin = nn.Linear(4, 3)
show("dense", lin(x))
show("weight", lin.weight)  # (out, in)
conv = nn.Conv2d(3, 8, kernel_size=3, padding=1)
show("conv2d", conv(img))
show("conv weight", conv.weight)  # (out, in, height, width)
show("maxpool", nn.MaxPool2d(2)(img))
show("flatten", nn.Flatten()(img))
show("embedding", nn.Embedding(10, 4)(torch.tensor([[1, 2, 3]])))
show("lstm", nn.LSTM(4, 6, batch_first=True)(seq)[0])
show("dropout", nn.Dropout(0.5)(torch.ones(8)))  # modules start in training mode
show("dropout off", nn.Dropout(0.5).eval()(torch.ones(8)))
show("batchnorm", nn.BatchNorm1d(4).momentum)  # weight of the new batch
show("layernorm", nn.LayerNorm(4).eps)
show("relu", F.relu(s))
show("softmax", F.softmax(s, dim=-1))
model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3))
show("params", sum(p.numel() for p in model.parameters()))


# %% Losses: rosetta/losses
reseed()
"""Rosetta stone, losses in PyTorch: one line per row of the page's table."""
import torch
import torch.nn.functional as F
from torch import nn


def show(label, t):
    """Print one row: label, then shape, dtype and values (or the plain value)."""
    if isinstance(t, torch.Tensor):
        v = t.detach().double().round(decimals=4) if t.is_floating_point() else t
        v = v.tolist() if t.numel() <= 12 else ""  # values of small ones only
        t = f"{tuple(t.shape)!s:<12} {str(t.dtype)[6:]:<8} {v}"
    print(f"{label:<11} {t}".rstrip())


logits = torch.tensor([[2.0, 0.5, -1.0], [0.1, 1.5, 0.3]])  # raw scores, 3 classes
y = torch.tensor([0, 1])  # class indices
onehot = F.one_hot(y, 3).float()
z, t = torch.tensor([1.0, -2.0, 0.5]), torch.tensor([1.0, 0.0, 1.0])  # binary
pred = torch.tensor([[1.0, 2.0], [4.0, 0.0]])
target = torch.tensor([[1.5, 2.0], [2.0, 0.0]])
# Arguments go (input, target): the prediction comes first.
show("ce", nn.CrossEntropyLoss()(logits, y))
show("ce probs", F.nll_loss(torch.log(F.softmax(logits, dim=1)), y))
show("ce wrong", nn.CrossEntropyLoss()(F.softmax(logits, dim=1), y))  # softmax twice
show("ce fn", F.cross_entropy(logits, y))  # functional form: already averaged
show("onehot", nn.CrossEntropyLoss()(logits, onehot))
show("bce logits", nn.BCEWithLogitsLoss()(z, t))
show("mse", nn.MSELoss()(pred, target))
show("mse none", nn.MSELoss(reduction="none")(pred, target))
show("mae", nn.L1Loss()(pred, target))
show("huber", nn.HuberLoss(delta=1.0)(pred, target))
log_q = F.log_softmax(logits, dim=1)  # KLDivLoss wants log-probabilities as input
show("kl", nn.KLDivLoss(reduction="batchmean")(log_q, onehot * 0.8 + 0.2 / 3))


# %% Optimizers: rosetta/optimizers
reseed()
"""Rosetta stone, optimizers in PyTorch (torch.optim): one line per table row."""
import torch


def show(label, t):
    """Print one row: label, then shape, dtype and values (or the plain value)."""
    if isinstance(t, torch.Tensor):
        v = t.detach().double().round(decimals=4) if t.is_floating_point() else t
        v = v.tolist() if t.numel() <= 12 else ""  # values of small ones only
        t = f"{tuple(t.shape)!s:<12} {str(t.dtype)[6:]:<8} {v}"
    print(f"{label:<11} {t}".rstrip())


w = torch.nn.Parameter(torch.tensor([1.0, -2.0]))


def step(opt):
    """Two updates of loss = sum(w ** 2) from w = [1, -2]; returns the new w."""
    with torch.no_grad():
        w.copy_(torch.tensor([1.0, -2.0]))
    for _ in range(2):
        opt.zero_grad()  # gradients accumulate in w.grad until cleared
        (w ** 2).sum().backward()
        opt.step()
    return w


show("sgd", step(torch.optim.SGD([w], lr=0.1)))
show("momentum", step(torch.optim.SGD([w], lr=0.1, momentum=0.9)))
show("adam", step(torch.optim.Adam([w], lr=0.1)))
show("adam eps", torch.optim.Adam([w]).defaults["eps"])
show("adamw", step(torch.optim.AdamW([w], lr=0.1)))
show("adamw wd", torch.optim.AdamW([w]).defaults["weight_decay"])
show("rmsprop", torch.optim.RMSprop([w]).defaults["alpha"])  # decay of the average
opt = torch.optim.SGD([w], lr=0.1)
sched = torch.optim.lr_scheduler.StepLR(opt, step_size=1, gamma=0.5)
opt.step()  # once per epoch: the optimizer first, then the schedule
sched.step()
show("schedule", sched.get_last_lr()[0])
w.grad = torch.tensor([3.0, 4.0])  # norm 5
show("clip norm", torch.nn.utils.clip_grad_norm_([w], max_norm=1.0))
show("clipped", w.grad)


# %% Saving and loading: rosetta/saving
reseed()
"""Rosetta stone, saving and loading in PyTorch: weights, then a whole model."""
import os

import torch
from torch import nn

x = torch.ones(2, 4)
model = nn.Sequential(nn.Linear(4, 3))
print("state keys ", list(model.state_dict()))

torch.save(model.state_dict(), "model.pt")  # weights only: a dict of tensors
fresh = nn.Sequential(nn.Linear(4, 3))  # the code must rebuild the architecture
fresh.load_state_dict(torch.load("model.pt"))  # weights_only=True by default
print("weights    ", torch.equal(fresh(x), model(x)))

# The whole program (code and weights) as a graph; TorchScript is deprecated.
torch.export.save(torch.export.export(model, (x,)), "model.pt2")
loaded = torch.export.load("model.pt2").module()
print("whole model", torch.equal(loaded(x), model(x)))

opt = torch.optim.Adam(model.parameters(), lr=0.01)
model(x).square().mean().backward()
opt.step()  # one training step, so Adam has moments worth saving
# Resuming training needs the optimizer state too: save both in one dict.
torch.save({"model": model.state_dict(), "opt": opt.state_dict()}, "ckpt.pt")
opt2 = torch.optim.Adam(fresh.parameters())
opt2.load_state_dict(torch.load("ckpt.pt")["opt"])
step = opt2.state_dict()["state"][0]["step"]  # Adam's step count, per parameter
print("checkpoint ", type(opt2).__name__, "step", int(step))
print("files      ", sorted(os.listdir()))


# %% Devices: rosetta/devices
reseed()
"""Rosetta stone, devices in PyTorch, CPU only: where tensors live and how they move."""
import torch
from torch import nn

# The usual pattern is "cuda" if torch.cuda.is_available() else "cpu"; CPU here.
device = torch.device("cpu")
print("device     ", device)
print("gpu?       ", torch.cuda.is_available())  # False here: CUDA is hidden
# The accelerator there is (CUDA, MPS, XPU...), or None: a CUDA build names CUDA
# even without a GPU, unless asked to check.
print("accelerator", torch.accelerator.current_accelerator(check_available=True))
x = torch.ones(2)
print("tensor on  ", x.device)
print("move       ", x.to(device).device)  # explicit: nothing moves by itself
print("create on  ", torch.zeros(2, device=device).device)
model = nn.Linear(2, 1).to(device)  # moves the parameters in place
print("model on   ", model.weight.device)
print("result on  ", model(x.to(device)).device)  # inputs must sit with the model


# %% Dtypes and casting: rosetta/dtypes
reseed()
"""Rosetta stone, dtypes and casting in PyTorch: one line per table row."""
import numpy as np
import torch
from torch import nn


def show(label, t):
    """Print one row: label, then shape, dtype and values (or the plain value)."""
    t = str(t)[6:] if isinstance(t, torch.dtype) else t
    if isinstance(t, torch.Tensor):
        v = t.detach().double().round(decimals=4) if t.is_floating_point() else t
        v = v.tolist() if t.numel() <= 12 else ""  # values of small ones only
        t = f"{tuple(t.shape)!s:<12} {str(t.dtype)[6:]:<8} {v}"
    print(f"{label:<11} {t}".rstrip())


show("default", torch.get_default_dtype())
show("int list", torch.tensor([1, 2]))
show("numpy f64", torch.from_numpy(np.array([1.5])))  # NumPy's default is float64
show("cast", torch.tensor([1.0, 2.0]).to(torch.float16))
show("truncate", torch.tensor([1.7, -1.7]).long())  # rounds toward zero
show("int+float", torch.tensor([1, 2]) + 0.5)  # promoted
show("f32+f64", torch.tensor([1.0]) + torch.tensor([1.0], dtype=torch.float64))
show("int / int", torch.tensor([3]) / 2)
show("bfloat16", torch.ones(2, dtype=torch.bfloat16))
show("compare", torch.tensor([1, 2]) > 1)
lin = nn.Linear(2, 2)
with torch.autocast("cpu", dtype=torch.bfloat16):  # compute in bf16, keep f32 weights
    show("mixed out", lin(torch.ones(1, 2)).dtype)
show("mixed var", lin.weight.dtype)
show("ops promote", torch.add(torch.tensor([1, 2]), 0.5))


# %% Random numbers: rosetta/random
reseed()
"""Rosetta stone, random numbers in PyTorch: one line per row of the page's table."""
import torch


def show(label, t):
    """Print one row: label, then shape, dtype and values (or the plain value)."""
    if isinstance(t, torch.Tensor):
        v = t.detach().double().round(decimals=4) if t.is_floating_point() else t
        v = v.tolist() if t.numel() <= 12 else ""  # values of small ones only
        t = f"{tuple(t.shape)!s:<12} {str(t.dtype)[6:]:<8} {v}"
    print(f"{label:<11} {t}".rstrip())


torch.manual_seed(0)  # seeds the global generator (CPU and every GPU)
show("normal", torch.randn(2, 3))
show("uniform", torch.rand(3))
show("randint", torch.randint(0, 10, (4,)))  # high is excluded
show("permute", torch.randperm(5))
probs = torch.tensor([0.3, 0.0, 0.7])
show("sample", torch.multinomial(probs, 4, replacement=True))  # from probabilities
g = torch.Generator().manual_seed(42)  # a generator of its own, apart from the global
show("generator", torch.randn(3, generator=g))
show("next draw", torch.randn(3, generator=g))  # its state moved on
show("seeded call", torch.randn(3, generator=torch.Generator().manual_seed(42)))
