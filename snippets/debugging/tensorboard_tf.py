"""TensorBoard from TensorFlow: tf.summary writes scalars, TensorBoard reads them."""
# compare-agree: steps losses atol=1e-6
import glob

import keras
import numpy as np
import tensorflow as tf
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
from tensorboard.util.tensor_util import make_ndarray

# The same data and starting weights on both tabs: a small linear regression.
rng = np.random.default_rng(0)
X = rng.normal(size=(32, 3))
Y = X @ np.array([[1.5], [-2.0], [0.5]]) + 0.1 * rng.normal(size=(32, 1))
model = keras.Sequential([keras.Input((3,), dtype="float64"),
                          keras.layers.Dense(1, kernel_initializer="zeros",
                                             dtype="float64")])
optimizer = keras.optimizers.SGD(0.1)

writer = tf.summary.create_file_writer("runs/regression")  # part of TensorFlow
with writer.as_default():
    for step in range(12):
        with tf.GradientTape() as tape:
            loss = keras.losses.MeanSquaredError()(Y, model(X))
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))
        tf.summary.scalar("train/loss", loss, step=step)
writer.close()
print("event files written:", len(glob.glob("runs/regression/events.out.tfevents.*")))

# Read the run back with the reader the TensorBoard server itself uses.
# It keeps 10 tensor events per tag unless told otherwise; 0 keeps them all.
run = EventAccumulator("runs/regression", size_guidance={"tensors": 0})
run.Reload()
print("tags by kind:", {kind: tags for kind, tags in run.Tags().items() if tags})
# TensorEvent(wall_time, step, tensor_proto)
events = run.Tensors("train/loss")
steps = [e.step for e in events]
losses = [float(make_ndarray(e.tensor_proto)) for e in events]  # 32-bit floats
print("steps:", steps)
print("loss:", [round(v, 4) for v in losses])


def draw(path, title, steps, values, colour):
    """A line chart in plain SVG: no plotting library needed."""
    width, height, pad = 480, 260, 50
    # the y axis runs from 0 to a round number
    top = np.ceil(max(values) * 2) / 2
    x = [pad + s * (width - 2 * pad) / max(steps) for s in steps]
    y = [height - pad - v / top * (height - 2 * pad) for v in values]
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" '
             f'height="{height}" font-family="sans-serif" font-size="12">',
             f"<title>{title}</title>",
             f'<text x="{width / 2}" y="20" text-anchor="middle">{title}</text>',
             f'<path d="M{pad},{pad - 10}V{height - pad}H{width - pad + 10}" '
             'stroke="#444" fill="none"/>',
             f'<polyline points="{" ".join(f"{a:.1f},{b:.1f}" for a, b in zip(x, y))}" '
             f'stroke="{colour}" stroke-width="2" fill="none"/>']
    for s in range(0, max(steps) + 1, 2):
        sx = pad + s * (width - 2 * pad) / max(steps)
        parts.append(f'<text x="{sx:.1f}" y="{height - pad + 16}" '
                     f'text-anchor="middle">{s}</text>')
    for v in np.linspace(0, top, 3):
        vy = height - pad - v / top * (height - 2 * pad)
        parts.append(f'<text x="{pad - 6}" y="{vy + 4:.1f}" text-anchor="end">'
                     f"{v:.2f}</text>")
    parts.append(f'<text x="{width / 2}" y="{height - 12}" text-anchor="middle">'
                 "step</text></svg>")
    with open(path, "w") as f:
        f.write("\n".join(parts))


draw("loss.svg", "train/loss, read back from the event file", steps, losses, "#ff6f00")
