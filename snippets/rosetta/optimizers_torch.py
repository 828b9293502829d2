"""Rosetta stone, optimizers in PyTorch (torch.optim): one line per table row."""
# compare-differs: one line per table row; the rows are printed, not kept to compare
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
