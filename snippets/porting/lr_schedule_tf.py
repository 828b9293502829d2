"""Learning-rate schedules: Keras's schedules count optimizer steps, not epochs."""
# compare-agree: lrs atol=1e-7
import keras
import numpy as np

epochs, batches = 6, 3  # 3 optimizer steps per epoch

# torch's StepLR(opt, step_size=2, gamma=0.5), stepped once an epoch, by hand:
# the rate halves every 2 epochs, that is every 6 optimizer steps here.
torch_rule = [0.1 * 0.5 ** ((step // batches) // 2) for step in range(epochs * batches)]


def rates(decay_steps):
    # the rate of each optimizer step, read from the optimizer
    schedule = keras.optimizers.schedules.ExponentialDecay(
        0.1, decay_steps=decay_steps, decay_rate=0.5, staircase=True)
    opt = keras.optimizers.SGD(learning_rate=schedule)
    w = keras.Variable([0.0])
    seen = []
    for _ in range(epochs * batches):
        seen.append(float(opt.learning_rate))  # the rate this step uses
        opt.apply_gradients([(np.float32([0.0]), w)])
    return np.array(seen)


# Naive: step_size=2 copied as decay_steps=2, but Keras counts the optimizer steps.
naive = rates(decay_steps=2)
print(f"naive port, decay_steps=2:            max |diff| = "
      f"{np.abs(naive - torch_rule).max():.4f}")
# Right: 2 epochs are 2 * batches optimizer steps.
lrs = rates(decay_steps=2 * batches)
print(f"right, decay_steps=2 * batches = 6:   max |diff| = "
      f"{np.abs(lrs - torch_rule).max():.4f}")
print("rate at each step:", " ".join(f"{lr:g}" for lr in lrs))
