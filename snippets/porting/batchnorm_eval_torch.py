"""BatchNorm at inference: switch to eval mode; carry Keras's epsilon=1e-3 over."""
# compare-agree: y_torch y_keras atol=1e-5
import numpy as np
import torch

rng = np.random.default_rng(0)  # the same numbers in both tabs
gamma, beta, mean = rng.standard_normal((3, 4), dtype=np.float32)
# learned statistics, some of them tiny
var = np.float32([1e-3, 1e-2, 1.0, 4.0])
x = rng.standard_normal((5, 4), dtype=np.float32)
# What Keras computes for a BatchNormalization with these weights, at inference:
keras_y = (x - mean) / np.sqrt(var + 1e-3) * gamma + beta


def port(**options):
    bn = torch.nn.BatchNorm1d(4, **options)
    with torch.no_grad():
        for name, value in zip(["weight", "bias", "running_mean", "running_var"],
                               [gamma, beta, mean, var]):
            getattr(bn, name).copy_(torch.from_numpy(value))
    return bn


def report(label, y):
    print(f"{label:34} max |diff| = {np.abs(y.numpy() - keras_y).max():.4f}")


with torch.no_grad():
    bn = port(eps=1e-3)
    report("naive, left in training mode:", bn(torch.from_numpy(x)))
    print("  and that call moved running_mean to", bn.running_mean.numpy().round(4))
    report("naive, default eps=1e-5:", port().eval()(torch.from_numpy(x)))
    y_keras = port(eps=1e-3).eval()(torch.from_numpy(x))  # right
    report("right, eps=1e-3 and .eval():", y_keras)
    # torch's own default, eps=1e-5
    y_torch = port().eval()(torch.from_numpy(x))
