"""BatchNorm training step: torch's momentum is 1 - Keras's, and epsilon differs."""
# compare-agree: y_torch mean_torch y_keras mean_keras atol=1e-5
import numpy as np
import torch

np.set_printoptions(precision=5, suppress=True)
rng = np.random.default_rng(0)  # the same numbers in both tabs
x = rng.standard_normal((8, 3), dtype=np.float32) * np.float32([0.03, 1.0, 3.0])
gamma, beta = rng.standard_normal((2, 3), dtype=np.float32)
# this batch's statistics (biased variance)
mean, var = x.mean(0), x.var(0)
# Keras's rule: moving = 0.99 * moving + 0.01 * batch, epsilon = 1e-3 (from 0 and 1).
keras_y = (x - mean) / np.sqrt(var + 1e-3) * gamma + beta
keras_mean, keras_var = 0.01 * mean, 0.99 + 0.01 * var


def train_step(**options):
    # one forward pass in training mode, from fresh stats
    # a new module is in training mode
    bn = torch.nn.BatchNorm1d(3, **options)
    with torch.no_grad():
        bn.weight.copy_(torch.from_numpy(gamma))
        bn.bias.copy_(torch.from_numpy(beta))
        y = bn(torch.from_numpy(x))
    return y.numpy(), bn.running_mean.numpy(), bn.running_var.numpy()


def report(label, y, running_mean):
    print(f"{label:31} max |diff| y = {np.abs(y - keras_y).max():.4f}, "
          f"running_mean = {np.abs(running_mean - keras_mean).max():.4f}")


# torch's defaults: running = 0.9 * running + 0.1 * batch, eps = 1e-5.
y_torch, mean_torch, _ = train_step()
report("naive momentum=0.99:", *train_step(momentum=0.99)[:2])
y_keras, mean_keras, var_keras = train_step(momentum=0.01, eps=1e-3)
report("right momentum=0.01, eps=1e-3:", y_keras, mean_keras)
# No option changes this: torch updates running_var with the unbiased variance.
print("running_var, torch:     ", var_keras)
print("running_var, Keras rule:", keras_var)
print("difference:             ", var_keras - keras_var)
print("0.01 * var / (n - 1):   ", 0.01 * var / (len(x) - 1))
