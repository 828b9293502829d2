"""BatchNorm training step: Keras's momentum is 1 - torch's, and epsilon differs."""
# compare-agree: y_torch mean_torch y_keras mean_keras atol=1e-5
import keras
import numpy as np

np.set_printoptions(precision=5, suppress=True)
rng = np.random.default_rng(0)  # the same numbers in both tabs
x = rng.standard_normal((8, 3), dtype=np.float32) * np.float32([0.03, 1.0, 3.0])
gamma, beta = rng.standard_normal((2, 3), dtype=np.float32)
# this batch's statistics (biased variance)
mean, var = x.mean(0), x.var(0)
# torch's rule: running = 0.9 * running + 0.1 * batch, eps = 1e-5 (from 0 and 1),
# and running_var takes the unbiased variance.
torch_y = (x - mean) / np.sqrt(var + 1e-5) * gamma + beta
torch_mean, torch_var = 0.1 * mean, 0.9 + 0.1 * x.var(0, ddof=1)


def train_step(**options):
    # one forward pass in training mode, from fresh stats
    bn = keras.layers.BatchNormalization(**options)
    bn.build(x.shape)
    bn.gamma.assign(gamma)
    bn.beta.assign(beta)
    # a plain call would run in inference mode
    y = bn(x, training=True)
    return y.numpy(), bn.moving_mean.numpy(), bn.moving_variance.numpy()


def report(label, y, running_mean):
    print(f"{label:31} max |diff| y = {np.abs(y - torch_y).max():.4f}, "
          f"running_mean = {np.abs(running_mean - torch_mean).max():.4f}")


# Keras's defaults: moving = 0.99 * moving + 0.01 * batch, epsilon = 1e-3.
y_keras, mean_keras, _ = train_step()
report("naive momentum=0.1:", *train_step(momentum=0.1)[:2])
y_torch, mean_torch, var_torch = train_step(momentum=0.9, epsilon=1e-5)
report("right momentum=0.9, eps=1e-5:", y_torch, mean_torch)
# No option changes this: Keras updates moving_variance with the biased variance.
print("moving_variance, Keras: ", var_torch)
print("running_var, torch rule:", torch_var)
print("difference:             ", var_torch - torch_var)
print("-0.1 * var / (n - 1):   ", -0.1 * var / (len(x) - 1))
