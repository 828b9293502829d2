# Specialized capabilities: the PyTorch examples, from the living TensorFlow-vs-PyTorch
# comparison. Each `# %%` cell is a standalone script.
# The outputs on the page were made with: pip install lightning==2.6.6 numpy==2.4.6 torch==2.15.0 torchvision==0.29.2


# CI runs each snippet in a fresh process, one thread, seeded with 0:
import random

import numpy as np
import torch

torch.set_num_threads(1)


def reseed(*_):
    random.seed(0)
    np.random.seed(0)
    torch.manual_seed(0)


# %% Probability distributions: specialized/distributions
reseed()
"""torch.distributions: densities, shapes, KL divergence, reparameterized gradients."""
import torch
from torch import distributions as D

torch.manual_seed(0)

# A batch of two univariate normals: batch_shape (2,), event_shape ().
normal = D.Normal(loc=torch.tensor([0.0, 1.0]), scale=torch.tensor([1.0, 2.0]))
lp = normal.log_prob(torch.tensor(0.5))  # torch wants a tensor, not a float
print("normal log_prob(0.5):", [round(v, 4) for v in lp.tolist()])
print("  batch", tuple(normal.batch_shape), "event", tuple(normal.event_shape),
      "sample((3,))", tuple(normal.sample((3,)).shape))

# Independent turns the batch dimension into one event of size 2.
diag = D.Independent(normal, 1)
lp = diag.log_prob(torch.tensor([0.5, 0.5]))
print(f"independent log_prob([0.5, 0.5]): {lp.item():.4f}")
print("  batch", tuple(diag.batch_shape), "event", tuple(diag.event_shape))

# A correlated 2-D normal, given by the Cholesky factor of its covariance.
cov = torch.tensor([[1.0, 0.5], [0.5, 2.0]])
mvn = D.MultivariateNormal(torch.zeros(2), scale_tril=torch.linalg.cholesky(cov))
print(f"mvn log_prob([1, -1]): {mvn.log_prob(torch.tensor([1.0, -1.0])).item():.4f}")

# Discrete distributions.
cat = D.Categorical(probs=torch.tensor([0.2, 0.3, 0.5]))
bern = D.Bernoulli(probs=torch.tensor(0.3))
print(f"categorical log_prob(2): {cat.log_prob(torch.tensor(2)).item():.4f}, "
      f"entropy: {cat.entropy().item():.4f}")
print(f"bernoulli log_prob(1): {bern.log_prob(torch.tensor(1.0)).item():.4f}")

# Closed-form KL divergence between two normals.
kl = D.kl_divergence(D.Normal(0.0, 1.0), D.Normal(1.0, 2.0))
print(f"KL(N(0,1) || N(1,2)): {kl.item():.4f}")

# rsample draws mu + sigma * eps, so gradients reach mu and sigma.
mu = torch.tensor(1.5, requires_grad=True)
sigma = torch.tensor(0.5, requires_grad=True)
q = D.Normal(mu, sigma)
print("reparameterized:", q.has_rsample)
x = q.rsample((1_000_000,))
(x**2).mean().backward()  # E[x^2] = mu^2 + sigma^2: gradient (2 mu, 2 sigma)
print(f"Monte Carlo grad of E[x^2]: mu {mu.grad.item():.2f} (exact 3.00), "
      f"sigma {sigma.grad.item():.2f} (exact 1.00)")


# %% Training loops with callbacks: Lightning and Keras: specialized/lightning_vs_callbacks
reseed()
"""Lightning: the Trainer owns the loop; early stopping and logging are callbacks."""
import lightning as L
import numpy as np
import torch
from lightning.pytorch.callbacks import Callback, EarlyStopping
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

# The same synthetic data as the TensorFlow tab: y = 3 x1 - 2 x2 + noise (var 0.25).
rng = np.random.default_rng(0)
X = rng.standard_normal((256, 2)).astype("float32")
y = X @ np.array([[3.0], [-2.0]], "float32") + 0.5 * rng.standard_normal((256, 1))
X, y = torch.from_numpy(X), torch.from_numpy(y.astype("float32"))
torch.manual_seed(0)  # weight init and shuffling
train = DataLoader(TensorDataset(X[:192], y[:192]), batch_size=32, shuffle=True)
val = DataLoader(TensorDataset(X[192:], y[192:]), batch_size=64)


class Regressor(L.LightningModule):
    def __init__(self):
        super().__init__()
        self.net = nn.Linear(2, 1)

    def training_step(self, batch, batch_idx):
        x, t = batch
        loss = nn.functional.mse_loss(self.net(x), t)
        self.log("train_loss", loss, on_step=False, on_epoch=True)  # epoch mean
        return loss

    def validation_step(self, batch, batch_idx):
        x, t = batch
        self.log("val_loss", nn.functional.mse_loss(self.net(x), t))

    def configure_optimizers(self):
        opt = torch.optim.SGD(self.parameters(), lr=0.1)
        # Halve the learning rate every 4 epochs.
        return [opt], [torch.optim.lr_scheduler.StepLR(opt, step_size=4, gamma=0.5)]


class EpochLog(Callback):
    def on_train_epoch_start(self, trainer, module):
        self.lr = trainer.optimizers[0].param_groups[0]["lr"]

    def on_train_epoch_end(self, trainer, module):  # runs after validation
        m = trainer.callback_metrics
        print(f"epoch {trainer.current_epoch + 1:2d}  train {m['train_loss']:.4f}  "
              f"val {m['val_loss']:.4f}  lr {self.lr:.4f}")


trainer = L.Trainer(
    max_epochs=30,
    # Stop once val_loss has not improved by 0.005 for 2 epochs in a row.
    callbacks=[EarlyStopping("val_loss", min_delta=0.005, patience=2), EpochLog()],
    enable_progress_bar=False, logger=False, enable_checkpointing=False,
    enable_model_summary=False, accelerator="cpu", devices=1,
)
trainer.fit(Regressor(), train, val)
w = [round(v, 2) for v in trainer.lightning_module.net.weight.flatten().tolist()]
print(f"stopped after {trainer.current_epoch} epochs; weights {w} (true [3, -2])")


# %% Text preprocessing after torchtext: specialized/text_pipeline
reseed()
"""Text to padded integer ids in plain Python, pad_sequence, then an nn.Embedding."""
import string
from collections import Counter

import torch
from torch import nn
from torch.nn.utils.rnn import pad_sequence

corpus = ["The cat sat on the mat.", "The dog sat on the log!",
          "A cat and a dog.", "Dogs chase cats?"]


def tokenize(text):
    # The same rule as Keras's default: lowercase, drop ASCII punctuation, split.
    return text.lower().translate(str.maketrans("", "", string.punctuation)).split()


# Count tokens; order by count, ties broken the way Keras does (reverse alphabetical).
counts = Counter(tok for line in corpus for tok in tokenize(line))
ranked = sorted(counts.items(), key=lambda kv: (kv[1], kv[0]), reverse=True)
vocab = ["", "[UNK]"] + [tok for tok, _ in ranked]  # 0 = padding, 1 = unknown
index = {tok: i for i, tok in enumerate(vocab)}
print("vocabulary:", vocab)

# A batch of strings becomes ids padded with 0 to the longest sentence.
batch = ["The cat chased the dog", "A bird sat"]
seqs = [torch.tensor([index.get(t, 1) for t in tokenize(s)]) for s in batch]
ids = pad_sequence(seqs, batch_first=True, padding_value=0)
print("ids:")
print(ids.numpy())

# padding_idx=0 keeps the padding row at zero; the mask is computed by hand.
embed = nn.Embedding(len(vocab), 4, padding_idx=0)
vectors = embed(ids)
print("embedded shape:", tuple(vectors.shape))
print("mask:", (ids != 0).int().tolist())


# %% Image augmentation: transforms.v2 and Keras preprocessing layers: specialized/image_augmentation
reseed()
"""Image augmentation with torchvision.transforms.v2, for training and evaluation."""
import numpy as np
import torch
from torchvision.transforms import v2

# Eight synthetic RGB images, dark on the left and bright on the right, so that a
# horizontal flip shows: the same seeded pixels in both tabs.
rng = np.random.default_rng(0)
ramp = np.linspace(0, 200, 32)[None, None, :, None]
pixels = (ramp + rng.integers(0, 56, size=(8, 32, 32, 3))).astype(np.uint8)
images = torch.from_numpy(pixels).permute(0, 3, 1, 2)  # channels first: N, C, H, W
print("input:", tuple(images.shape), images.dtype)

MEAN, STD = [0.5, 0.5, 0.5], [0.25, 0.25, 0.25]
train_transform = v2.Compose([
    v2.RandomCrop(24),
    v2.RandomHorizontalFlip(p=0.5),
    v2.ToDtype(torch.float32, scale=True),  # uint8 0..255 -> float 0..1
    v2.Normalize(MEAN, STD),
])
eval_transform = v2.Compose([
    v2.CenterCrop(24),
    v2.ToDtype(torch.float32, scale=True),
    v2.Normalize(MEAN, STD),
])


def flipped(batch):
    """How many images are brighter on the left half than on the right."""
    left = batch[..., :12].mean(dim=(1, 2, 3))
    right = batch[..., 12:].mean(dim=(1, 2, 3))
    return f"{int((left > right).sum())} of {len(batch)} flipped"


# A Dataset applies the transform to one image at a time: a new draw for each.
one_by_one = torch.stack([train_transform(image) for image in images])
print("train, image by image:", tuple(one_by_one.shape), one_by_one.dtype,
      flipped(one_by_one))
# Handed a whole batch, a v2 transform draws once: one crop and flip for all images.
for _ in range(3):
    print("train, whole batch:", flipped(train_transform(images)))
evaluated = eval_transform(images)
print("eval:", tuple(evaluated.shape), flipped(evaluated))
eval_mean = evaluated.mean(dim=(0, 2, 3))
print("eval mean per channel:", eval_mean.numpy().round(4))


# %% Vision models without pretrained weights: specialized/vision_models
reseed()
"""Two torchvision classifiers built with weights=None: no download, random weights."""
import torch
from torch import nn
from torchvision import models

for name in ["mobilenet_v2", "resnet50"]:
    # weights=None is the default: the architecture only. weights="DEFAULT" would
    # download ImageNet weights on first use.
    model = models.get_model(name, weights=None).eval()
    params = sum(p.numel() for p in model.parameters())
    # Batch-norm running means and variances are buffers, not parameters; the
    # num_batches_tracked counters are left out, as Keras has none.
    stats = sum(b.numel() for key, b in model.named_buffers()
                if not key.endswith("num_batches_tracked"))
    convs = [m for m in model.modules() if isinstance(m, nn.Conv2d)]
    with_bias = [m for m in convs if m.bias is not None]
    bias_values = sum(m.bias.numel() for m in with_bias)
    with torch.no_grad():
        out = model(torch.zeros(1, 3, 224, 224))  # channels first
    print(f"{name}: {params:,} parameters + {stats:,} batch-norm statistics")
    print(f"  conv layers with a bias: {len(with_bias)} of {len(convs)}"
          f" ({bias_values:,} values)")
    print(f"  input (1, 3, 224, 224) -> output {tuple(out.shape)} logits")


# %% A custom gradient: specialized/custom_gradient
reseed()
"""Defining an op with a hand-written gradient using torch.autograd.Function."""

import torch


class Log1pExp(torch.autograd.Function):
    """softplus(x) = log(1 + exp(x)), computed without overflow."""

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)  # backward needs the input, not the output
        # Naive log(1 + exp(x)) overflows: exp(100) is inf in float32.
        return x.clamp(min=0) + torch.log1p(torch.exp(-x.abs()))

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        # d/dx log(1 + exp(x)) = sigmoid(x), which never overflows.
        return grad_output * torch.sigmoid(x)


x = torch.tensor([-2.0, 0.0, 100.0], requires_grad=True)
y = Log1pExp.apply(x)
y.sum().backward()

print("x:       ", x.tolist())
print("value:   ", [round(v, 4) for v in y.tolist()])
dy_dx = x.grad
print("gradient:", [round(g, 4) for g in dy_dx.tolist()])
