"""Rosetta stone, random numbers in PyTorch: one line per row of the page's table."""
# compare-differs: each framework has its own random generator
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
