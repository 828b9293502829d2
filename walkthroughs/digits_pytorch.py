# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Handwritten digits, end to end, in PyTorch
#
# One small task taken all the way: load a data set that ships inside
# scikit-learn, build a small convolutional network, train it, evaluate it,
# export it to a file, load that file back as a fresh process would, and
# predict with it. The [TensorFlow walkthrough](digits_tensorflow.ipynb)
# beside this one takes the same steps with Keras, cell for cell, so the two
# can be read side by side.
#
# Every output on this page comes from running this notebook: the site's
# tests execute it again and compare the outputs. Nothing here downloads
# anything.

# %% tags=["skip-execution"]
# On Colab or a fresh machine: the versions this notebook was run with.
# %pip install --quiet torch==2.15.0 numpy==2.4.6 scikit-learn==1.9.1
# %pip install --quiet matplotlib==3.11.2

# %%
import random

import numpy as np
import sklearn
import torch
from sklearn.datasets import load_digits
from sklearn.metrics import confusion_matrix
from sklearn.model_selection import train_test_split
from torch import nn

# Reproducible numbers: seed every generator, and use one thread so that
# sums are always added in the same order.
random.seed(0)
np.random.seed(0)
torch.manual_seed(0)
torch.set_num_threads(1)
# Train in float64. In float32, CPUs with and without AVX-512 round the
# last bit differently, and 20 epochs grow that into other losses and
# another accuracy; in float64 every CPU prints the numbers below. Your own
# models can stay in float32, the usual choice: half the memory, and
# faster on large models.
torch.set_default_dtype(torch.float64)
# The release, without its build label (+cpu, +cu130): the same numbers.
print("torch", torch.__version__.split("+")[0],
      "· scikit-learn", sklearn.__version__)

# %% [markdown]
# ## 1. The data
#
# `load_digits` holds 1,797 grey images of 8×8 pixels, with values from 0 to
# 16, read from a file inside the scikit-learn package. We keep 20% aside
# for the final test and 20% for validation during training, with the same
# class balance in each part (`stratify`), then scale the pixels to [0, 1].

# %%
digits = load_digits()
images = digits.images / 16.0  # float64, as the model
labels = digits.target.astype(np.int64)
x_train, x_test, y_train, y_test = train_test_split(
    images, labels, test_size=0.2, stratify=labels, random_state=0)
x_train, x_val, y_train, y_val = train_test_split(
    x_train, y_train, test_size=0.25, stratify=y_train, random_state=0)
print("train", x_train.shape, "validation", x_val.shape,
      "test", x_test.shape)
print("images per class in train:", np.bincount(y_train).tolist())


def show(image):
    """An 8x8 image as text: darker pixels get denser characters."""
    shades = " .:-=+*#%@"
    for row in image:
        print("".join(shades[int(v * 9.99)] * 2 for v in row))


print("the first training image, labelled", y_train[0])
show(x_train[0])

# %% [markdown]
# The first training image of each digit, 0 to 9, drawn with matplotlib:

# %%
# %matplotlib inline
import matplotlib.pyplot as plt

strip = np.hstack([x_train[y_train == digit][0] for digit in range(10)])
plt.figure(figsize=(5, 0.6))
plt.imshow(strip, cmap="gray_r", interpolation="none")
plt.axis("off")
plt.show()

# %% [markdown]
# PyTorch layers expect images as (batch, channels, height, width),
# "channels first". A `TensorDataset` pairs images and labels, and a
# `DataLoader` shuffles and batches them; its own seeded generator makes the
# order the same on every run.

# %%
def as_tensors(x, y):
    # unsqueeze(1) adds the channel axis: (N, 8, 8) becomes (N, 1, 8, 8)
    return torch.from_numpy(x).unsqueeze(1), torch.from_numpy(y)


train_set = torch.utils.data.TensorDataset(*as_tensors(x_train, y_train))
loader = torch.utils.data.DataLoader(
    train_set, batch_size=32, shuffle=True,
    generator=torch.Generator().manual_seed(0))
xv, yv = as_tensors(x_val, y_val)
xt, yt = as_tensors(x_test, y_test)
images_batch, labels_batch = next(iter(loader))
print("one batch:", tuple(images_batch.shape), images_batch.dtype, "labels",
      tuple(labels_batch.shape), labels_batch.dtype)

# %% [markdown]
# ## 2. The model
#
# Two convolution blocks and a linear layer that gives one score (a logit)
# per digit. Padding keeps the 8×8 size through each convolution; each
# pooling halves it.

# %%
def build_model():
    return nn.Sequential(
        nn.Conv2d(1, 16, kernel_size=3, padding=1), nn.ReLU(),
        nn.MaxPool2d(2),  # 16x4x4
        nn.Conv2d(16, 32, kernel_size=3, padding=1), nn.ReLU(),
        nn.MaxPool2d(2),  # 32x2x2
        nn.Flatten(),
        nn.Linear(32 * 2 * 2, 10),
    )


model = build_model()
print(model)
print("parameters:", sum(p.numel() for p in model.parameters()))

# %% [markdown]
# ## 3. Training
#
# PyTorch has no `fit`: the loop is yours. Each step runs the model,
# measures the loss, computes gradients with `backward()` and lets the
# optimizer update the weights. `model.train()` and `model.eval()` switch
# layers such as dropout between their two behaviours (this model has none,
# but the habit matters), and `torch.no_grad()` skips the gradient
# bookkeeping when we only measure.

# %%
loss_fn = nn.CrossEntropyLoss()  # takes logits, applies log-softmax itself
optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)


def accuracy(x, y):
    model.eval()
    with torch.no_grad():
        return (model(x).argmax(dim=1) == y).float().mean().item()


for epoch in range(1, 21):
    model.train()
    total, count = 0.0, 0
    for batch_images, batch_labels in loader:
        optimizer.zero_grad()
        loss = loss_fn(model(batch_images), batch_labels)
        loss.backward()
        optimizer.step()
        total += loss.item() * len(batch_labels)
        count += len(batch_labels)
    if epoch % 4 == 0:
        print(f"epoch {epoch:2d}  train loss {total / count:.4f}  "
              f"validation accuracy {accuracy(xv, yv):.3f}")

# %% [markdown]
# ## 4. Evaluation
#
# The test images played no part in training or in choosing the settings
# above. The confusion matrix counts, for each true digit (row), what the
# model said (column).

# %%
model.eval()
with torch.no_grad():
    test_predictions = model(xt).argmax(dim=1).numpy()
print(f"test accuracy: {(test_predictions == y_test).mean():.3f}"
      f" ({(test_predictions != y_test).sum()} of {len(y_test)} wrong)")
matrix = confusion_matrix(y_test, test_predictions)
print("rows: true digit, columns: predicted digit")
print(matrix)
off_diagonal = matrix - np.diag(np.diag(matrix))
true_digit, said = np.unravel_index(off_diagonal.argmax(), matrix.shape)
print(f"most frequent mistake: {true_digit} read as {said}, "
      f"{off_diagonal.max()} times")

# %% [markdown]
# The confusion matrix of the test set as a picture, drawn by scikit-learn
# with matplotlib: the darker a cell, the more test images it counts.

# %%
from sklearn.metrics import ConfusionMatrixDisplay

ConfusionMatrixDisplay(matrix).plot(colorbar=False, cmap="Blues")
plt.gcf().set_size_inches(4, 4)
plt.xlabel("predicted digit")
plt.ylabel("true digit")
plt.show()

# %% [markdown]
# ## 5. Export
#
# Two files, for two purposes. The `state_dict` holds only the weights:
# loading it needs the Python code that defines the model. `torch.export`
# captures the whole program as a graph of ATen operators with the weights
# inside, and `torch.export.save` writes it to one `.pt2` file that needs no
# model code to run, the format that ExecuTorch and AOTInductor build on.
# (TorchScript, the older way, is deprecated.) We declare the batch
# dimension dynamic so the exported program accepts any batch size.

# %%
torch.save(model.state_dict(), "digits_weights.pt")
batch = torch.export.Dim("batch", min=1, max=1024)
exported = torch.export.export(model, (xt[:2],),
                               dynamic_shapes=({0: batch},))
torch.export.save(exported, "digits.pt2")
image_input = [n for n in exported.graph.nodes if n.op == "placeholder"][-1]
shape = tuple(image_input.meta["val"].shape)
print("input shape:", shape, f"({shape[0]} is the batch size)")
operators = {str(node.target).split(".")[1] for node in exported.graph.nodes
             if node.op == "call_function"}
print("operators:", sorted(operators))

# %% [markdown]
# ## 6. Reload
#
# A new process would do exactly this: rebuild the model from its code and
# load the weights into it, or load the exported program, which brings its
# own graph. Both must give the same scores as the model we trained.

# %%
del exported  # from here on, only the files
fresh = build_model()  # the code is needed to use a state_dict
fresh.load_state_dict(torch.load("digits_weights.pt", weights_only=True))
fresh.eval()
reloaded = torch.export.load("digits.pt2").module()
with torch.no_grad():
    original = model(xt)
    print("largest difference, rebuilt model:  ",
          (fresh(xt) - original).abs().max().item())
    print("largest difference, exported program:",
          (reloaded(xt) - original).abs().max().item())

# %% [markdown]
# ## 7. Prediction
#
# Scores become probabilities through a softmax. Here is what the reloaded
# program says about the first five test images, and the first image it gets
# wrong.

# %%
with torch.no_grad():
    probabilities = torch.softmax(reloaded(xt[:5]), dim=1)
for p, truth in zip(probabilities, y_test[:5], strict=True):
    print(f"true {truth}  predicted {p.argmax().item()}  "
          f"with probability {p.max().item():.3f}")

wrong = np.flatnonzero(test_predictions != y_test)
if len(wrong):
    first = wrong[0]
    print(f"\ntest image {first}: true {y_test[first]}, "
          f"predicted {test_predictions[first]}")
    show(x_test[first])

# %% [markdown]
# ## What to compare with the TensorFlow walkthrough
#
# - **Layout.** PyTorch images are channels first, (N, 1, 8, 8); Keras uses
#   channels last, (N, 8, 8, 1).
# - **Training.** The loop above is written out; Keras runs the same steps
#   inside `model.fit`.
# - **Export.** `torch.export` writes one `.pt2` program; Keras writes a
#   `.keras` file (architecture and weights) and, for serving, a SavedModel.
