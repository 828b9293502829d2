"""AutoGraph turns a data-dependent `if` and `while` into graph control-flow ops."""
# compare-agree: shrunk atol=1e-6
import re

import tensorflow as tf


@tf.function
def shrink(x):
    # Both conditions read tensor values, so AutoGraph rewrites them as graph ops.
    if tf.reduce_sum(x) < 0:
        x = -x
    steps = tf.constant(0)
    while tf.reduce_max(x) > 1.0:
        x = x / 2.0
        steps += 1
    return x, steps


# AutoGraph first rewrites the Python source; the statements become function calls.
code = tf.autograph.to_code(shrink.python_function)
print("AutoGraph calls:", ", ".join(sorted(set(re.findall(r"ag__\.\w+_stmt", code)))))

# Tracing those calls with a symbolic tensor emits one op per statement.
graph = shrink.get_concrete_function(tf.TensorSpec([None], tf.float32)).graph
plumbing = {"Placeholder", "Const", "Identity", "NoOp"}
ops = [op.type for op in graph.get_operations() if op.type not in plumbing]
print("graph ops:", ", ".join(ops))

# One graph serves every input: the branch and the loop count are decided at run time.
shrunk = []  # every result, for the check that both tabs compute the same
for values in ([1.0, 3.0], [-1.0, -6.0]):
    y, steps = shrink(tf.constant(values))
    shrunk += [*y.numpy().tolist(), int(steps)]
    print(f"shrink({values}) -> {y.numpy().tolist()} in {int(steps)} steps")
print("traces:", shrink.experimental_get_tracing_count())
