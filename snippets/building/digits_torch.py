"""A real data set: scikit-learn's 8x8 digits, a small MLP trained in PyTorch."""
# compare-agree: grad_1 step_1 losses atol=1e-4
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
