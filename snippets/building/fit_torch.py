"""PyTorch has no fit(): a small hand-written one with a validation split."""
# compare-agree: loss_history val_history weights atol=1e-5
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
