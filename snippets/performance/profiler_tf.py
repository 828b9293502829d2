"""The TensorFlow profiler: which ops a Keras model runs, how often, and the slowest."""
# compare-differs: each tab profiles its own framework's operators
import collections
import tempfile
from pathlib import Path

import keras
import numpy as np
import tensorflow as tf
from tensorflow.tsl.profiler.protobuf import xplane_pb2

rng = np.random.default_rng(0)
x = rng.normal(size=(256, 1024)).astype(np.float32)
model = keras.Sequential([
    keras.Input(shape=(1024,)),
    keras.layers.Dense(1024, activation="relu"),
    keras.layers.Dense(10),
])

model(x)  # a first call outside the profile: warm-up
with tempfile.TemporaryDirectory() as logdir:
    tf.profiler.experimental.start(logdir)
    for _ in range(5):
        model(x)  # eagerly, op by op, as in the PyTorch tab
    tf.profiler.experimental.stop()
    # The profiler writes a trace for TensorBoard's Profile tab. Without TensorBoard,
    # read the trace itself: an XSpace protocol buffer whose class TensorFlow ships.
    (path,) = Path(logdir).rglob("*.xplane.pb")
    space = xplane_pb2.XSpace.FromString(path.read_bytes())

calls, time = collections.Counter(), collections.Counter()
for plane in space.planes:
    # Stat names and repeated string values are stored once, in stat_metadata.
    names = {key: stat.name for key, stat in plane.stat_metadata.items()}
    for line in plane.lines:
        for event in line.events:
            for stat in event.stats:  # each eager op runs in one "EagerExecute" event
                if names[stat.metadata_id] == "eager_op":
                    op = stat.str_value or names[stat.ref_value]
                    calls[op] += 1
                    time[op] += event.duration_ps

print("most time:", time.most_common(1)[0][0])
print("ops by number of calls:")
for op, count in sorted(calls.items(), key=lambda item: (-item[1], item[0])):
    print(f"  {op:18} {count:3}")
