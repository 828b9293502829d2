"""TF1 style, kept only in tf.compat.v1: build a graph, then run it in a Session."""
# compare-agree: y2 atol=1e-6
import numpy as np
import tensorflow as tf

tf1 = tf.compat.v1
with tf.Graph().as_default() as graph:
    # Building: each line only adds nodes to `graph`; nothing is computed yet.
    x = tf1.placeholder(tf.float32, shape=(None, 3), name="x")
    w = tf1.Variable([[1.0, -1.0], [0.5, 2.0], [-1.0, 1.0]], name="w")
    b = tf1.Variable([0.1, -0.2], name="b")
    y = tf.nn.relu(tf.matmul(x, w) + b, name="y")
    init = tf1.global_variables_initializer()
    print("executing eagerly:", tf.executing_eagerly())
    print("y:", y)  # a symbolic handle to a node's output, with no value
    print("operations in the graph:", len(graph.get_operations()))

    # Running: a Session feeds the placeholder and evaluates only what `y` needs.
    with tf1.Session(graph=graph) as sess:
        sess.run(init)  # variables have no value until their initializer runs
        x2 = np.arange(6, dtype=np.float32).reshape(2, 3)
        print("y, batch 2:")
        y2 = sess.run(y, feed_dict={x: x2})
        print(y2)
        # The same graph serves a new batch size: only the fed value changes.
        x4 = np.arange(12, dtype=np.float32).reshape(4, 3)
        print("y, batch 4, shape:", sess.run(y, feed_dict={x: x4}).shape)
