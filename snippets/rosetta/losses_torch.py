"""Rosetta stone, losses in PyTorch: one line per row of the page's table."""
# compare-differs: one line per table row; the rows are printed, not kept to compare
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
