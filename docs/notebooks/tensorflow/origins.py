# Origins and philosophy: the TensorFlow examples, from the living TensorFlow-vs-PyTorch
# comparison. Each `# %%` cell is a standalone script.
# The outputs on the page were made with: pip install keras==3.15.1 numpy==2.4.6 tensorflow==2.21.0


# CI runs each snippet in a fresh process, one thread, seeded with 0:
import os
import random

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"  # TensorFlow's C++ log lines

import keras
import numpy as np
import tensorflow as tf

tf.config.threading.set_intra_op_parallelism_threads(1)
tf.config.threading.set_inter_op_parallelism_threads(1)
tf.get_logger().setLevel("ERROR")  # CI keeps its log lines out of the outputs


def reseed(*_):
    keras.backend.clear_session()  # layer names count from 0, as in a new process
    random.seed(0)
    np.random.seed(0)
    keras.utils.set_random_seed(0)  # seeds TensorFlow too


# %% A first tensor: origins/first_tensor
reseed()
"""A first TensorFlow program: make a tensor, do arithmetic and a matrix product."""
import tensorflow as tf

x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
print("x:")
print(x)
print("dtype:", x.dtype)
print("shape:", tuple(x.shape))

# `*` multiplies elementwise; `@` is the matrix product.
print("x * x:")
print(x * x)
product = x @ x
print("x @ x:")
print(product)
# .numpy().item() turns a one-element tensor into a plain Python number.
print("sum:", tf.reduce_sum(x).numpy().item())
