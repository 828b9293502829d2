"""Rosetta stone, reshaping and joining tensors in PyTorch: one line per table row."""
# compare-agree: checked atol=1e-6
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
