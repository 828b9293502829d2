"""Learning-rate schedules: StepLR counts epochs; Keras's schedules count steps."""
# compare-agree: lrs atol=1e-7
import numpy as np
import torch

epochs, batches = 6, 3  # 3 optimizer steps per epoch

# Keras's ExponentialDecay(0.1, decay_steps=6, decay_rate=0.5, staircase=True), by hand:
# the rate halves every 6 optimizer steps, that is every 2 epochs here.
keras_rule = [0.1 * 0.5 ** (step // 6) for step in range(epochs * batches)]


def rates(step_size):
    # the rate of each optimizer step, StepLR stepped once an epoch
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=step_size, gamma=0.5)
    seen = []
    for _ in range(epochs):
        for _ in range(batches):
            seen.append(opt.param_groups[0]["lr"])
            opt.step()
        sched.step()  # once an epoch
    return np.array(seen)


# Naive: decay_steps=6 copied as step_size=6, but StepLR counts the epochs.
naive = rates(step_size=6)
print(f"naive port, step_size=6:            max |diff| = "
      f"{np.abs(naive - keras_rule).max():.4f}")
# Right: 6 steps are 2 epochs of 3 batches.
lrs = rates(step_size=6 // batches)
print(f"right, step_size=6 // batches = 2:  max |diff| = "
      f"{np.abs(lrs - keras_rule).max():.4f}")
print("rate at each step:", " ".join(f"{lr:g}" for lr in lrs))
