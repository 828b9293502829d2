"""Lightning: the Trainer owns the loop; early stopping and logging are callbacks."""
# compare-differs: each framework draws its own initial weights; the trainers differ
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
