"""Data-parallel training: DistributedDataParallel over gloo, two processes on a CPU."""
# compare-options: timeout=300
# compare-agree: grad_single grad_allreduced losses_single losses_replicas kernel_after
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
