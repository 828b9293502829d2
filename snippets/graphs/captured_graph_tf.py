"""tf.function traces Python code into a graph, retracing when input shapes change."""
# compare-differs: the graphs differ by design
import tensorflow as tf

w = tf.Variable([[1.0, -1.0], [0.5, 2.0], [-1.0, 1.0]])  # 3 features -> 2 outputs
b = tf.Variable([0.1, -0.2])
trace_count = 0


@tf.function
def dense_relu(x):
    global trace_count
    trace_count += 1  # Python side effects run only while tracing, not on each call
    return tf.nn.relu(x @ w + b)


x2 = tf.reshape(tf.range(6, dtype=tf.float32), (2, 3))
x4 = tf.reshape(tf.range(12, dtype=tf.float32), (4, 3))

# Tracing for one input signature yields a concrete graph; variables become inputs.
concrete = dense_relu.get_concrete_function(tf.TensorSpec([2, 3], tf.float32))
print("graph ops:")
for op in concrete.graph.get_operations():
    print(f"  {op.type:15} {op.name}")
print("output, batch 2:")
print(concrete(x2).numpy())

# A new input shape traces the Python body again; a seen shape reuses its graph.
dense_relu(x2)
print("traces after batch 2:", trace_count)
dense_relu(x4)
print("traces after batch 4:", trace_count)
dense_relu(x4 + 1)
print("traces after batch 4 again:", trace_count)

# A None dimension gives one graph that serves every batch size.
dynamic = dense_relu.get_concrete_function(tf.TensorSpec([None, 3], tf.float32))
print("dynamic graph, batch sizes:", [dynamic(x).shape[0] for x in (x2, x4)])
