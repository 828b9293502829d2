# Model building and training: the PyTorch examples, from the living TensorFlow-vs-PyTorch
# comparison. Each `# %%` cell is a standalone script.
# The outputs on the page were made with: pip install matplotlib==3.11.2 numpy==2.4.6 scikit-learn==1.9.1 torch==2.15.0


# CI runs each snippet in a fresh process, one thread, seeded with 0:
import random

import numpy as np
import torch

torch.set_num_threads(1)


def reseed(*_):
    random.seed(0)
    np.random.seed(0)
    torch.manual_seed(0)


# %% Defining a model: building/define_model
reseed()
"""Defining a model as a class in PyTorch: an nn.Module subclass (4 -> 8 -> 3 MLP)."""
import torch
from torch import nn


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        # Layers need their input size up front, so weights exist immediately.
        self.hidden = nn.Linear(4, 8)
        self.out = nn.Linear(8, 3)

    def forward(self, x):
        return self.out(torch.relu(self.hidden(x)))


torch.manual_seed(0)  # reproducible initial weights
model = MLP()
x = torch.ones(2, 4)  # a batch of 2 inputs with 4 features
y = model(x)
print("output shape:", tuple(y.shape))
print("parameters:", sum(p.numel() for p in model.parameters()))
# Linear stores its weight as (out_features, in_features).
for name, p in model.named_parameters():
    print(f"  {name:18} {tuple(p.shape)}")


# %% A layer of your own: building/custom_layer
reseed()
"""A custom layer with its own weights: nn.Module with nn.Parameter in PyTorch."""
import torch
from torch import nn


class Scale(nn.Module):
    """y = x * gamma + beta, one gamma and beta per feature."""

    def __init__(self, features: int):
        # weights are created here: the size is known up front
        super().__init__()
        # registered: trained, saved
        self.gamma = nn.Parameter(torch.ones(features))
        self.beta = nn.Parameter(torch.zeros(features))
        # A buffer is saved with the weights but never trained.
        self.register_buffer("calls", torch.zeros((), dtype=torch.long))

    def forward(self, x):
        self.calls += 1
        return x * self.gamma + self.beta


layer = Scale(3)
x = torch.tensor([[1.0, 2.0, 3.0]])
print("output:", layer(x).tolist())
print("trainable:", [(name, tuple(p.shape)) for name, p in layer.named_parameters()])
print("state_dict keys:", list(layer.state_dict()))

# Gradients reach the custom weights like any built-in layer's.
layer(x).sum().backward()
grad_gamma, grad_beta = layer.gamma.grad, layer.beta.grad
print("grad gamma:", grad_gamma.tolist(), "grad beta:", grad_beta.tolist())
print("calls so far:", int(layer.calls))


# %% A stack of layers: Sequential: building/sequential
reseed()
"""nn.Sequential: a plain stack of layers, with a compact summary of each one."""
import torch
from torch import nn

model = nn.Sequential(
    nn.Linear(4, 16),
    # activations are modules of their own in the stack
    nn.ReLU(),
    nn.Linear(16, 8),
    nn.ReLU(),
    nn.Linear(8, 3),
)

# PyTorch has no built-in summary; push a sample batch through to see the shapes.
x = torch.zeros(1, 4)
print(f"{'layer':14} {'output shape':14} {'params':>6}")
for name, layer in model.named_children():
    x = layer(x)
    shape = "(batch, " + ", ".join(map(str, x.shape[1:])) + ")"
    n = sum(p.numel() for p in layer.parameters())
    print(f"{name + ' ' + type(layer).__name__:14} {shape:14} {n:6d}")
print("total params:", sum(p.numel() for p in model.parameters()))


# %% Two inputs, two outputs: building/functional_two_io
reseed()
"""A PyTorch module with two inputs and two outputs: forward takes and returns two."""
import inspect

import numpy as np
import torch
from torch import nn


class TwoIO(nn.Module):
    def __init__(self):
        super().__init__()
        self.branch = nn.Linear(16, 8)  # only one input's branch
        # sizes are added up by hand
        self.trunk = nn.Linear(8 + 4, 32)
        self.label = nn.Linear(32, 3)  # head 1: class scores
        self.score = nn.Linear(32, 1)  # head 2: in 0..1

    def forward(self, features, meta):
        h = torch.relu(self.branch(features))
        h = torch.cat([h, meta], dim=1)  # join the two paths
        h = torch.relu(self.trunk(h))
        return self.label(h), torch.sigmoid(self.score(h))


model = TwoIO()
print("inputs:", list(inspect.signature(model.forward).parameters))  # just arguments
# The same weights and inputs in both tabs, from NumPy, so both compute the same.
rng = np.random.default_rng(0)
shapes = [(16, 8), 8, (12, 32), 32, (32, 3), 3, (32, 1), 1]  # Keras's (in, out) order
weights = [rng.standard_normal(s, dtype=np.float32) * 0.3 for s in shapes]
with torch.no_grad():
    for param, w in zip(model.parameters(), weights, strict=True):
        # Linear's weight is (out, in)
        param.copy_(torch.from_numpy(w.T.copy()))
inputs = [rng.standard_normal(s, dtype=np.float32) for s in ((5, 16), (5, 4))]
outputs = model(*(torch.from_numpy(a) for a in inputs))
print("outputs:", type(outputs).__name__, "of", len(outputs), "(unnamed)")
out_label, out_score = outputs
print("label shape:", tuple(out_label.shape))
print("score shape:", tuple(out_score.shape))
print("params:", sum(p.numel() for p in model.parameters()))


# %% A residual block: a connection that skips layers: building/residual_block
reseed()
"""A residual block in PyTorch: the skip connection is one `+` in forward."""
import operator
from collections import OrderedDict

import numpy as np
import torch
from torch import nn


class ResidualBlock(nn.Module):
    def __init__(self, features_in, features_out):
        super().__init__()
        self.fc1 = nn.Linear(features_in, features_out)
        self.fc2 = nn.Linear(features_out, features_out)
        # The two paths must have one size to be added: project x when it differs.
        self.shortcut = nn.Identity()
        if features_in != features_out:
            self.shortcut = nn.Linear(features_in, features_out, bias=False)

    def forward(self, x):
        h = self.fc2(torch.relu(self.fc1(x)))
        return torch.relu(h + self.shortcut(x))  # the skip connection


model = nn.Sequential(
    OrderedDict(block1=ResidualBlock(8, 8), block2=ResidualBlock(8, 16))
)

# The same numbers in both tabs, drawn in one order from one generator: W is (out, in).
rng = np.random.default_rng(0)
with torch.no_grad():
    for block in model:
        layers = [block.fc1, block.fc2]
        if isinstance(block.shortcut, nn.Linear):
            layers.append(block.shortcut)
        for layer in layers:
            shape = tuple(layer.weight.shape)
            layer.weight.copy_(torch.from_numpy(rng.normal(0, 0.3, shape)))
            if layer.bias is not None:
                layer.bias.copy_(torch.from_numpy(rng.normal(0, 0.1, shape[0])))
x = torch.from_numpy(rng.normal(size=(4, 8)).astype(np.float32))

# torch.fx reads the graph out of forward's Python code: find the additions.
graph = torch.fx.symbolic_trace(model).graph
for node in graph.nodes:
    if node.target is operator.add:
        print("add:", " + ".join(str(arg) for arg in node.args))
print("parameters:", sum(p.numel() for p in model.parameters()))
with torch.no_grad():
    out = model(x)
print("output shape:", tuple(out.shape))
print("row sums:", out.sum(dim=1).numpy().round(4))


# %% A hand-written training loop: building/training_loop
reseed()
"""A hand-written PyTorch training loop: zero_grad, backward, step (fits y = 3x + 2)."""
import matplotlib.pyplot as plt
import numpy as np
import torch
from torch import nn

# The same seeded NumPy data as the TensorFlow version: 32 points, float32.
rng = np.random.default_rng(0)
x_np = np.linspace(-1, 1, 32, dtype=np.float32).reshape(-1, 1)
y_np = (3 * x_np + 2 + rng.normal(0, 0.1, size=x_np.shape)).astype(np.float32)
x, y = torch.from_numpy(x_np), torch.from_numpy(y_np)

model = nn.Linear(1, 1)
# Start from zero weights on both sides, so the two tabs print the same losses.
nn.init.zeros_(model.weight)
nn.init.zeros_(model.bias)
loss_fn = nn.MSELoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.2)

losses = []
for epoch in range(1, 31):  # full batch: one step per epoch
    # gradients accumulate, so clear the previous step's
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()  # fills .grad of every parameter
    if epoch == 1:
        # kept for the check that both tabs compute the same
        grad_1 = np.concatenate([p.grad.numpy().ravel() for p in model.parameters()])
    optimizer.step()  # updates the parameters in place
    if epoch == 1:
        step_1 = np.concatenate([p.detach().numpy().ravel()
                                 for p in model.parameters()])
    losses.append(loss.item())
    if epoch % 5 == 0:
        print(f"epoch {epoch:2d}  loss {loss.item():.4f}")

print(f"weight: {model.weight.item():.2f}")
print(f"bias: {model.bias.item():.2f}")

# The loss curve as an SVG file, shown under the output. A fixed hash salt and no date
# make the file the same on every run; fonttype "none" keeps the labels as text.
plt.rcParams.update({"svg.hashsalt": "loss", "svg.fonttype": "none"})
fig, ax = plt.subplots(figsize=(4.5, 2.4))
ax.plot(range(1, 31), np.round(losses, 3), marker=".")  # 3 decimals: every CPU
ax.set(xlabel="epoch", ylabel="loss (MSE)", title="PyTorch: one loss per epoch")
fig.savefig("loss.svg", bbox_inches="tight",
            metadata={"Date": None, "Title": "Loss per epoch, PyTorch loop"})


# %% `fit`, and what PyTorch has instead: building/fit
reseed()
"""PyTorch has no fit(): a small hand-written one with a validation split."""
import matplotlib.pyplot as plt
import numpy as np
import torch
from torch import nn

# The same seeded data as the Keras version: y = 2*x1 - x2 + 0.5, plus noise.
rng = np.random.default_rng(0)
x = rng.normal(size=(64, 2)).astype(np.float32)
noise = rng.normal(0, 0.1, size=(64, 1))
y = (x @ np.array([[2.0], [-1.0]]) + 0.5 + noise).astype(np.float32)
x, y = torch.from_numpy(x), torch.from_numpy(y)


def fit(model, x, y, epochs, batch_size, validation_split, optimizer, loss_fn):
    """Train in mini-batches; return per-epoch mean losses like Keras's History."""
    n_train = int(len(x) * (1 - validation_split))
    x_train, y_train = x[:n_train], y[:n_train]
    # the last rows validate, as in Keras
    x_val, y_val = x[n_train:], y[n_train:]
    history = {"loss": [], "val_loss": []}
    for _ in range(epochs):
        model.train()
        total = 0.0
        for i in range(0, n_train, batch_size):
            xb, yb = x_train[i : i + batch_size], y_train[i : i + batch_size]
            optimizer.zero_grad()
            loss = loss_fn(model(xb), yb)
            loss.backward()
            optimizer.step()
            total += loss.item() * len(xb)
        model.eval()
        with torch.no_grad():
            # no graph needed to score the held-out rows
            val_loss = loss_fn(model(x_val), y_val).item()
        history["loss"].append(total / n_train)
        history["val_loss"].append(val_loss)
    return history


model = nn.Linear(2, 1)
# zero initial weights, as in the Keras tab
nn.init.zeros_(model.weight)
nn.init.zeros_(model.bias)
optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
history = fit(model, x, y, 5, 8, 0.25, optimizer, nn.MSELoss())
print("history keys:", sorted(history))
loss_history, val_history = history["loss"], history["val_loss"]
weights = np.concatenate([p.detach().numpy().ravel() for p in model.parameters()])
for epoch, (loss, val) in enumerate(zip(history["loss"], history["val_loss"]), start=1):
    print(f"epoch {epoch}  loss {loss:.4f}  val_loss {val:.4f}")

# The loss curve as an SVG file, shown under the output. A fixed hash salt and no date
# make the file the same on every run; fonttype "none" keeps the labels as text.
plt.rcParams.update({"svg.hashsalt": "loss", "svg.fonttype": "none"})
fig, ax = plt.subplots(figsize=(4.5, 2.4))
for key in ["loss", "val_loss"]:
    # rounded to 3 decimals: the same on every CPU
    ax.plot(range(1, 6), np.round(history[key], 3), marker=".", label=key)
ax.legend()
ax.set(xlabel="epoch", ylabel="loss (MSE)", title="PyTorch: the hand-written fit")
fig.savefig("loss.svg", bbox_inches="tight",
            metadata={"Date": None, "Title": "Loss per epoch, PyTorch fit"})


# %% Training agrees: the gradients, one step, five steps: building/train_steps
reseed()
"""Training agrees too: a digits MLP, copied weights, the same batches, Adam."""
import numpy as np
import torch
from sklearn.datasets import load_digits
from torch import nn

# the same weights and batch order in both tabs
rng = np.random.default_rng(0)
x, y = load_digits(return_X_y=True)
x = (x / 16.0).astype(np.float32)
# 5 batches of 64, in this order
order = rng.permutation(len(x))[: 5 * 64]
w1 = rng.standard_normal((32, 64), dtype=np.float32) * 0.1  # (out, in), torch's layout
b1 = np.zeros(32, np.float32)
w2 = rng.standard_normal((10, 32), dtype=np.float32) * 0.1
b2 = np.zeros(10, np.float32)

model = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10))
loss_fn = nn.CrossEntropyLoss()


def flat(tensors):
    """One array in Keras's layout, a copy: the parameters change in place later."""
    return np.concatenate([t.numpy().T.ravel() for t in tensors])


def train(eps_at_step):
    """5 Adam steps from the copied weights; the first gradients, the weights after one
    step, and the loss of each step, flattened in Keras's layout to compare."""
    with torch.no_grad():
        for param, value in zip(model.parameters(), (w1, b1, w2, b2), strict=True):
            param.copy_(torch.from_numpy(value))
    opt = torch.optim.Adam(model.parameters(), lr=3e-3)
    losses = []
    for t, batch in enumerate(order.reshape(5, 64), start=1):
        opt.param_groups[0]["eps"] = eps_at_step(t)
        opt.zero_grad()
        loss = loss_fn(model(torch.from_numpy(x[batch])), torch.from_numpy(y[batch]))
        loss.backward()
        if t == 1:
            grad = flat(p.grad for p in model.parameters())
        opt.step()
        if t == 1:
            step = flat(p.detach() for p in model.parameters())
        losses.append(loss.item())
    return grad, step, np.array(losses)


# The defaults: torch's eps=1e-8 on sqrt(v_hat) against Keras's 1e-7 on sqrt(v). Pixels
# that are almost always 0 give tiny gradients, where the epsilon matters.
grad_1, step_torch, loss_torch = train(lambda t: 1e-8)
# Keras's epsilon, moved onto sqrt(v_hat): Keras's numbers, from torch.
_, step_keras, loss_keras = train(lambda t: 1e-7 / np.sqrt(1 - 0.999**t))
print(f"first gradients: {grad_1.size} values, norm {np.linalg.norm(grad_1):.4f}")
diff = np.abs(step_torch - step_keras).max()
print(f"after one step, torch's eps against Keras's: max |diff| = {diff:.4f}")
print("losses of 5 steps, torch's eps:", loss_torch.round(4))
print("losses of 5 steps, Keras's eps:", loss_keras.round(4))


# %% Feeding data: Dataset and DataLoader, tf.data: building/data_pipeline
reseed()
"""A PyTorch input pipeline: a map-style Dataset; a DataLoader batches and shuffles."""
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset

# Ten rows of two features; y is the row number, so the shuffled order is visible.
x = np.arange(20, dtype=np.float32).reshape(10, 2)
y = np.arange(10)


class Rows(Dataset):
    def __init__(self, x, y):
        self.x, self.y = torch.from_numpy(x), torch.from_numpy(y)

    def __len__(self):
        return len(self.x)

    def __getitem__(self, i):
        # one example at a time; the transform runs per row
        return self.x[i] / 10, self.y[i]


# A seeded generator makes the shuffle repeatable; a new order is drawn every epoch.
loader = DataLoader(
    Rows(x, y), batch_size=4, shuffle=True, generator=torch.Generator().manual_seed(0)
)
for epoch in range(2):
    for step, (xb, yb) in enumerate(loader):
        print(f"epoch {epoch} batch {step}: x {tuple(xb.shape)}  y {yb.tolist()}")
        if epoch == step == 0:
            first_x = xb
print("x of epoch 0, batch 0 (divided by 10 on the way):")
print(first_x.numpy())


# %% Saving and loading weights: building/save_weights
reseed()
"""Saving and loading weights in PyTorch: torch.save(state_dict) and load_state_dict."""
import os

import torch
from torch import nn


def make_model():
    return nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3))


model = make_model()
x = torch.randn(2, 4)
# inference mode (matters for dropout and batch norm)
model.eval()
before = model(x).detach()

# A state_dict maps parameter names to tensors; it holds no code.
torch.save(model.state_dict(), "mlp.pt")
print("saved:", sorted(f for f in os.listdir() if f.startswith("mlp")))
print("keys:", list(model.state_dict()))

# To load, build the same architecture in code, then copy the tensors in.
restored = make_model()
# weights_only=True by default
restored.load_state_dict(torch.load("mlp.pt"))
restored.eval()
after = restored(x).detach()
print("predictions:")
print(before.numpy().round(4))
print("weights file, same predictions:", torch.equal(before, after))


# %% A real data set: handwritten digits: building/digits
reseed()
"""A real data set: scikit-learn's 8x8 digits, a small MLP trained in PyTorch."""
import matplotlib.pyplot as plt
import numpy as np
import torch
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

# 1797 images of 8x8 pixels (values 0..16) ship inside scikit-learn: no download.
x, y = load_digits(return_X_y=True)
x_tr, x_te, y_tr, y_te = train_test_split(
    x / 16.0, y, test_size=0.25, random_state=0, stratify=y
)
print("train:", x_tr.shape, "test:", x_te.shape)
# The same start and the same batches as the Keras tab, so the two can be compared:
# one NumPy shuffle of the rows, which both tabs follow in every epoch (shuffle=False),
# and initial weights drawn once with NumPy, in torch's (out, in) layout.
rng = np.random.default_rng(0)
order = rng.permutation(len(x_tr))
x_tr, y_tr = x_tr[order], y_tr[order]
init = [rng.standard_normal((32, 64)) * 0.1, np.zeros(32),
        rng.standard_normal((10, 32)) * 0.1, np.zeros(10)]
x_tr, x_te = (torch.tensor(a, dtype=torch.float32) for a in (x_tr, x_te))
y_tr, y_te = torch.tensor(y_tr), torch.tensor(y_te)

model = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10))
with torch.no_grad():
    for param, value in zip(model.parameters(), init, strict=True):
        param.copy_(torch.from_numpy(value))
# takes raw scores (logits) and integer labels
loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
loader = DataLoader(TensorDataset(x_tr, y_tr), batch_size=64, shuffle=False)


def flat(tensors):
    """One array of copies, to compare with the Keras tab."""
    return np.concatenate([t.detach().numpy().ravel() for t in tensors])


# the mean training loss of each epoch, as Keras's History keeps it
losses = []
step = 0
for epoch in range(1, 21):
    model.train()
    total = 0.0
    for xb, yb in loader:
        step += 1
        # Keras's Adam adds epsilon=1e-7 to sqrt(v); torch's adds eps=1e-8 to the
        # bias-corrected sqrt(v_hat). This is Keras's epsilon on torch's formula.
        optimizer.param_groups[0]["eps"] = 1e-7 / (1 - 0.999**step) ** 0.5
        optimizer.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        if step == 1:
            # kept for the check that both tabs compute the same
            grad_1 = flat(p.grad for p in model.parameters())
        optimizer.step()
        if step == 1:
            step_1 = flat(model.parameters())
        total += loss.item() * len(xb)
    losses.append(total / len(x_tr))
    if epoch % 5 == 0:
        model.eval()
        with torch.no_grad():
            acc = (model(x_te).argmax(dim=1) == y_te).float().mean().item()
        print(f"epoch {epoch:2d}  test accuracy {acc:.3f}")

# The loss curve as an SVG file, shown under the output. A fixed hash salt and no date
# make the file the same on every run; fonttype "none" keeps the labels as text.
plt.rcParams.update({"svg.hashsalt": "loss", "svg.fonttype": "none"})
fig, ax = plt.subplots(figsize=(4.5, 2.4))
ax.plot(range(1, 21), np.round(losses, 2), marker=".")  # 2 decimals: every CPU
ax.set(xlabel="epoch", ylabel="cross-entropy", title="PyTorch: training loss")
fig.savefig("loss.svg", bbox_inches="tight",
            metadata={"Date": None, "Title": "Loss per epoch, PyTorch digits"})


# %% Scaling out: two processes, one gradient: building/data_parallel
reseed()
"""Data-parallel training: DistributedDataParallel over gloo, two processes on a CPU."""
import socket

import numpy as np
import torch
import torch.distributed as dist
import torch.multiprocessing as mp
from torch import nn
from torch.nn.parallel import DistributedDataParallel as DDP

# The same data and starting weights on both tabs, in float64 so that the sums
# come out alike whatever the order of additions.
rng = np.random.default_rng(0)
X, Y = rng.normal(size=(8, 4)), rng.normal(size=(8, 1))
W1, W2 = rng.normal(0, 0.5, (4, 8)), rng.normal(0, 0.5, (8, 1))  # [in, out]
WORLD, STEPS, LR = 2, 3, 0.1
# each replica trains on its own half of the batch
SHARDS = [slice(0, 4), slice(4, 8)]


def make_model():
    model = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 1)).double()
    with torch.no_grad():
        # nn.Linear keeps its weight as [out, in]
        model[0].weight.copy_(torch.from_numpy(W1.T))
        model[2].weight.copy_(torch.from_numpy(W2.T))
        model[0].bias.zero_()
        model[2].bias.zero_()
    return model


def replica(rank, port):
    """One process of the two. On a cluster, each would run on its own machine."""
    dist.init_process_group("gloo", init_method=f"tcp://127.0.0.1:{port}",
                            rank=rank, world_size=WORLD)
    # broadcasts rank 0's weights, then syncs gradients
    model = DDP(make_model())
    optimizer = torch.optim.SGD(model.parameters(), lr=LR)
    x, y = torch.from_numpy(X[SHARDS[rank]]), torch.from_numpy(Y[SHARDS[rank]])
    losses = []
    for step in range(STEPS):
        optimizer.zero_grad()
        loss = nn.functional.mse_loss(model(x), y)  # the mean over this shard
        # DDP all-reduces here: every replica gets the average
        loss.backward()
        if step == 0:
            grad = model.module[0].weight.grad.T.clone()
        optimizer.step()
        total = loss.detach().clone()
        # for printing: the loss over the whole batch
        dist.all_reduce(total)
        losses.append(total.item() / WORLD)
    torch.save({"grad": grad, "losses": losses,
                "kernel": model.module[0].weight.detach().T}, f"rank{rank}.pt")
    dist.destroy_process_group()


# One process, the whole batch: the reference the two replicas must match.
model = make_model()
optimizer = torch.optim.SGD(model.parameters(), lr=LR)
losses_single, grads = [], []
for _ in range(STEPS):
    optimizer.zero_grad()
    loss = nn.functional.mse_loss(model(torch.from_numpy(X)), torch.from_numpy(Y))
    loss.backward()
    grads.append(model[0].weight.grad.T.clone())
    optimizer.step()
    losses_single.append(loss.item())
grad_single, kernel_single = grads[0], model[0].weight.detach().T

# What each replica's half of the batch gives on its own, before any all-reduce.
for rank, shard in enumerate(SHARDS):
    alone = make_model()
    nn.functional.mse_loss(alone(torch.from_numpy(X[shard])),
                           torch.from_numpy(Y[shard])).backward()
    print(f"replica {rank} alone (samples {shard.start}-{shard.stop - 1}): "
          f"grad norm {alone[0].weight.grad.norm():.4f}")
print(f"one process, all 8 samples:    grad norm {grad_single.norm():.4f}")

# Two processes; the operating system picks a free port for their rendezvous.
with socket.socket() as probe:
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
mp.start_processes(replica, args=(port,), nprocs=WORLD, start_method="fork")
# start_processes joins both, and stops the other if one of them fails.
ranks = [torch.load(f"rank{rank}.pt") for rank in range(WORLD)]

grad_allreduced = ranks[0]["grad"]
print(f"after DDP's all-reduce:        grad norm {grad_allreduced.norm():.4f}")
print("both ranks hold the same gradient:",
      torch.equal(ranks[0]["grad"], ranks[1]["grad"]))
print("max |all-reduced - one process|:",
      f"{(grad_allreduced - grad_single).abs().max():.4f}")

losses_replicas = ranks[0]["losses"]
print("loss per step, two replicas:", [round(v, 4) for v in losses_replicas])
print("loss per step, one process: ", [round(v, 4) for v in losses_single])
kernel_after = ranks[0]["kernel"]
print(f"weights after {STEPS} steps, max diff from one process:",
      f"{(kernel_after - kernel_single).abs().max():.4f}")
