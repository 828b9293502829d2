"""Default initializations: Dense uses Glorot, Linear draws U(±1/sqrt(fan_in))."""
# compare-agree: torch_rule keras_rule atol=1e-4
import keras
import numpy as np

fan_in, fan_out = 1024, 1024
# samples differ between frameworks: compare statistics
keras.utils.set_random_seed(0)


def stats(layer):  # [max |w|, std of w, max |b|]
    w, b = layer.get_weights()
    return np.array([np.abs(w).max(), w.std(), np.abs(b).max()])


def show(label, values):
    print(f"{label:28} max|w| {values[0]:.5f}  std(w) {values[1]:.5f}  "
          f"max|b| {values[2]:.5f}")


def dense(**initializers):
    layer = keras.layers.Dense(fan_out, **initializers)
    layer.build((None, fan_in))
    return layer


# Keras's default: glorot_uniform, U(±sqrt(6 / (fan_in + fan_out))), and a zero bias.
limit = np.sqrt(6 / (fan_in + fan_out))
show("Keras rule, in theory:", [limit, limit / np.sqrt(3), 0.0])
keras_rule = stats(dense())
show("Keras rule, measured:", keras_rule)
# torch's default: U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for the kernel and the bias.
bound = 1 / np.sqrt(fan_in)
show("torch rule, in theory:", [bound, bound / np.sqrt(3), bound])
# Naive: keep Keras's default when a torch model is retrained from scratch (above).
# Right: VarianceScaling's uniform limit is sqrt(3 * scale / fan_in): take scale 1/3.
torch_rule = stats(dense(
    kernel_initializer=keras.initializers.VarianceScaling(1 / 3, "fan_in", "uniform"),
    bias_initializer=keras.initializers.RandomUniform(-bound, bound)))
show("torch rule, VarianceScaling:", torch_rule)
