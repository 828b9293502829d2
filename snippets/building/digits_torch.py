"""A real data set: scikit-learn's 8x8 digits, a small MLP trained in PyTorch."""
# compare-differs: each framework draws its own initial weights and batch order
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
x_tr, x_te = (torch.tensor(a, dtype=torch.float32) for a in (x_tr, x_te))
y_tr, y_te = torch.tensor(y_tr), torch.tensor(y_te)

model = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10))
loss_fn = nn.CrossEntropyLoss()  # takes raw scores (logits) and integer labels
optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
loader = DataLoader(TensorDataset(x_tr, y_tr), batch_size=64, shuffle=True)

losses = []  # the mean training loss of each epoch, as Keras's History keeps it
for epoch in range(1, 21):
    model.train()
    total = 0.0
    for xb, yb in loader:
        optimizer.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        optimizer.step()
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
