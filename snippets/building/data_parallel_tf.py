"""Data-parallel training: MultiWorkerMirroredStrategy, two workers on a CPU."""
# compare-options: timeout=300
# compare-agree: grad_single grad_allreduced losses_single losses_replicas kernel_after
import json
import os
import socket
import subprocess
import sys

import keras
import numpy as np
import tensorflow as tf

# The same data and starting weights on both tabs, in float64 so that the sums
# come out alike whatever the order of additions.
rng = np.random.default_rng(0)
X, Y = rng.normal(size=(8, 4)), rng.normal(size=(8, 1))
W1, W2 = rng.normal(0, 0.5, (4, 8)), rng.normal(0, 0.5, (8, 1))  # [in, out]
WORLD, STEPS, LR = 2, 3, 0.1
# each replica trains on its own half of the batch
SHARDS = [slice(0, 4), slice(4, 8)]


def make_model():
    model = keras.Sequential([
        keras.Input((4,), dtype="float64"),
        keras.layers.Dense(8, activation="tanh", dtype="float64"),
        keras.layers.Dense(1, dtype="float64"),
    ])
    model.set_weights([W1, np.zeros(8), W2, np.zeros(1)])
    return model


# One worker of the two: it loads the starting model and its shard of the data.
# TF_CONFIG tells it the cluster and which task it is; on a cluster, each worker
# would run on its own machine.
WORKER = """
import json, os
import keras
import numpy as np
import tensorflow as tf

strategy = tf.distribute.MultiWorkerMirroredStrategy()
rank = json.loads(os.environ["TF_CONFIG"])["task"]["index"]
job = np.load("job.npz")
with strategy.scope():  # variables created here are mirrored on every worker
    model = keras.models.load_model("start.keras")
    optimizer = keras.optimizers.SGD(float(job["lr"]))
x, y = tf.constant(job["x"][rank]), tf.constant(job["y"][rank])


@tf.function
def train_step():
    def on_replica():
        with tf.GradientTape() as tape:
            per_sample = tf.reduce_mean((model(x) - y) ** 2, axis=1)
            # Divide by the global batch (8), not the shard (4): summed over
            # the replicas, the gradients then make the average.
            loss = tf.nn.compute_average_loss(per_sample, global_batch_size=8)
        grads = tape.gradient(loss, model.trainable_variables)
        context = tf.distribute.get_replica_context()
        summed = context.all_reduce("sum", grads)  # to print; the optimizer
        optimizer.apply_gradients(zip(grads, model.trainable_variables))  # sums too
        return context.all_reduce("sum", loss), summed[0]
    return strategy.run(on_replica)


losses = []
for step in range(int(job["steps"])):
    loss, grad = train_step()
    losses.append(float(loss))
    if step == 0:
        first_grad = grad.numpy().tolist()
with open(f"rank{rank}.json", "w") as f:
    json.dump({"grad": first_grad, "losses": losses,
               "kernel": model.layers[0].kernel.numpy().tolist()}, f)
"""

# One process, the whole batch: the reference the two replicas must match.
model = make_model()
optimizer = keras.optimizers.SGD(LR)
losses_single, grads = [], []
for _ in range(STEPS):
    with tf.GradientTape() as tape:
        loss = keras.losses.MeanSquaredError()(Y, model(X))
    step_grads = tape.gradient(loss, model.trainable_variables)
    grads.append(step_grads[0].numpy())
    optimizer.apply_gradients(zip(step_grads, model.trainable_variables))
    losses_single.append(float(loss))
grad_single, kernel_single = grads[0], model.layers[0].kernel.numpy()

# What each replica's half of the batch gives on its own, before any all-reduce.
for rank, shard in enumerate(SHARDS):
    alone = make_model()
    with tf.GradientTape() as tape:
        loss = keras.losses.MeanSquaredError()(Y[shard], alone(X[shard]))
    grad = tape.gradient(loss, alone.trainable_variables)[0]
    print(f"replica {rank} alone (samples {shard.start}-{shard.stop - 1}): "
          f"grad norm {tf.norm(grad):.4f}")
print(f"one process, all 8 samples:    grad norm {np.linalg.norm(grad_single):.4f}")

# Two worker processes, each on a free port that the operating system picks.
ports = []
for _ in range(WORLD):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        ports.append(probe.getsockname()[1])
with open("worker.py", "w") as f:
    f.write(WORKER)
make_model().save("start.keras")
np.savez("job.npz", x=[X[s] for s in SHARDS], y=[Y[s] for s in SHARDS],
         lr=LR, steps=STEPS)
workers = []
try:
    for rank in range(WORLD):
        tf_config = {"cluster": {"worker": [f"127.0.0.1:{p}" for p in ports]},
                     "task": {"type": "worker", "index": rank}}
        env = dict(os.environ, TF_CONFIG=json.dumps(tf_config))
        workers.append(subprocess.Popen([sys.executable, "worker.py"], env=env))
    for worker in workers:
        if worker.wait(timeout=240) != 0:
            raise SystemExit(f"a worker failed with status {worker.returncode}")
finally:
    # nothing outlives the snippet, even when a worker hangs or fails
    for worker in workers:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
ranks = []
for rank in range(WORLD):
    with open(f"rank{rank}.json") as f:
        ranks.append({key: np.array(value) for key, value in json.load(f).items()})

grad_allreduced = ranks[0]["grad"]
print(f"after the all-reduce:          grad norm {np.linalg.norm(grad_allreduced):.4f}")
print("both workers hold the same gradient:",
      np.array_equal(ranks[0]["grad"], ranks[1]["grad"]))
print("max |all-reduced - one process|:",
      f"{np.abs(grad_allreduced - grad_single).max():.4f}")

losses_replicas = ranks[0]["losses"].tolist()
print("loss per step, two replicas:", [round(v, 4) for v in losses_replicas])
print("loss per step, one process: ", [round(v, 4) for v in losses_single])
kernel_after = ranks[0]["kernel"]
print(f"weights after {STEPS} steps, max diff from one process:",
      f"{np.abs(kernel_after - kernel_single).max():.4f}")
