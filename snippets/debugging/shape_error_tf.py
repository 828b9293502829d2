"""A matmul shape mismatch in TensorFlow: the error message, then the fix."""
# compare-differs: the two tabs show each framework's own error message

import re

import tensorflow as tf

a = tf.ones((2, 3))
b = tf.ones((2, 3))

try:
    a @ b  # inner dimensions are 3 and 2: they must match
except tf.errors.InvalidArgumentError as err:
    print("error:", type(err).__name__)
    # The message starts with a kernel/device node name that varies by build
    # (e.g. oneDNN vs. plain MatMul) and ends with an op name; drop both.
    message = re.sub(r"\{\{.*?\}\}\s*|\s*name:.*$", "", err.message)
    print("message:", message)

# Transposing b makes the shapes (2, 3) @ (3, 2).
fixed = a @ tf.transpose(b)
print("fixed shape:", tuple(fixed.shape))
print("fixed result:", fixed.numpy().tolist())
