"""Rosetta stone, matmul, einsum and reductions in PyTorch: one line per table row."""
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
