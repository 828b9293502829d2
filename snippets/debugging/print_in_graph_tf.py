"""print vs tf.print in TensorFlow: in a tf.function, print runs only at tracing."""
# compare-differs: the tabs show when each framework's print runs
import sys

import tensorflow as tf


@tf.function
def step(x):
    y = x * 3
    # Python: runs when the function is traced
    print("  print:", y)
    tf.print("  tf.print:", y, output_stream=sys.stdout)  # an op in the graph
    return y + 1


inputs = ([0.5, 1.5], [2.5, 3.5], [4.5, 5.5, 6.5])
print("tf.function:")
for value in inputs:
    # the third input has a new shape, so step is traced again
    print(f" call with {value}")
    step(tf.constant(value))
print("traces:", step.experimental_get_tracing_count())

# With graphs switched off, the body runs as plain Python on every call
tf.config.run_functions_eagerly(True)
print("run_functions_eagerly(True):")
for value in inputs[:2]:
    print(f" call with {value}")
    step(tf.constant(value))
tf.config.run_functions_eagerly(False)
