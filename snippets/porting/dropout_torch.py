"""Dropout: a new torch module is in training mode until you call .eval()."""
# compare-agree: eval_out train_scale atol=1e-5
import numpy as np
import torch

# masks differ between frameworks: compare what they must share
torch.manual_seed(0)
rng = np.random.default_rng(0)  # the same numbers in both tabs
W = rng.standard_normal((8, 8), dtype=np.float32)
b = rng.standard_normal(8, dtype=np.float32)
x = rng.standard_normal((2, 8), dtype=np.float32)
# what inference must return: dropout does nothing
reference = x @ W.T + b

model = torch.nn.Sequential(torch.nn.Linear(8, 8), torch.nn.Dropout(p=0.5))
with torch.no_grad():
    model[0].weight.copy_(torch.from_numpy(W))
    model[0].bias.copy_(torch.from_numpy(b))
    print("model.training after construction:", model.training)
    # naive: as built, dropout is on
    out = model(torch.from_numpy(x)).numpy()
    # no_grad() switches off gradient tracking, not dropout.
    print(f"naive, as built (inside no_grad): {(out == 0).sum():2} of 16 zeroed")
    # right: inference mode, dropout is the identity
    model.eval()
    eval_out = model(torch.from_numpy(x)).numpy()
print(f"right, after model.eval():        {(eval_out == 0).sum():2} of 16 zeroed")
err = np.abs(eval_out - reference).max()
print(f"inference vs x @ W.T + b: max |diff| = {err:.4f}")

# In training, kept values are scaled by 1 / (1 - p), so the mean is unchanged.
out = torch.nn.Dropout(p=0.5)(torch.ones(100_000))
train_scale = out[out != 0].unique()
print("training: kept values =", train_scale.tolist(),
      f"kept fraction = {(out != 0).float().mean():.3f}")
