"""Default initializations: Linear draws U(±1/sqrt(fan_in)), Dense uses Glorot."""
# compare-agree: torch_rule keras_rule atol=1e-4
import numpy as np
import torch

fan_in, fan_out = 1024, 1024
# samples differ between frameworks: compare statistics
torch.manual_seed(0)


def stats(layer):  # [max |w|, std of w, max |b|]
    w, b = layer.weight.detach().numpy(), layer.bias.detach().numpy()
    return np.array([np.abs(w).max(), w.std(), np.abs(b).max()])


def show(label, values):
    print(f"{label:28} max|w| {values[0]:.5f}  std(w) {values[1]:.5f}  "
          f"max|b| {values[2]:.5f}")


# torch's default: kaiming_uniform_(a=sqrt(5)) gives U(-1/sqrt(fan_in), 1/sqrt(fan_in)),
# for the bias too.
bound = 1 / np.sqrt(fan_in)
show("torch rule, in theory:", [bound, bound / np.sqrt(3), bound])
torch_rule = stats(torch.nn.Linear(fan_in, fan_out))
show("torch rule, measured:", torch_rule)
# Keras's default: glorot_uniform, U(±sqrt(6 / (fan_in + fan_out))), and a zero bias.
limit = np.sqrt(6 / (fan_in + fan_out))
show("Keras rule, in theory:", [limit, limit / np.sqrt(3), 0.0])
# Naive: keep torch's default when a Keras model is retrained from scratch (above).
# Right: ask for Keras's initializers explicitly.
layer = torch.nn.Linear(fan_in, fan_out)
torch.nn.init.xavier_uniform_(layer.weight)
torch.nn.init.zeros_(layer.bias)
keras_rule = stats(layer)
show("Keras rule, xavier_uniform_:", keras_rule)
