"""A PyTorch input pipeline: a map-style Dataset; a DataLoader batches and shuffles."""
# compare-differs: each framework shuffles with its own random generator
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
