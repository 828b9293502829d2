"""TensorFlow tensor basics: creation, indexing, broadcasting, dtypes, NumPy interop."""
import numpy as np
import tensorflow as tf

# Creation
t = tf.reshape(tf.range(12), (3, 4))
print("t:")
print(t)
print("zeros shape:", tuple(tf.zeros((2, 3)).shape), "| ones:", tf.ones(3))

# Indexing and slicing follow NumPy rules
print("t[1]:", t[1].numpy().tolist(), "| t[:, 1]:", t[:, 1].numpy().tolist())
print("t[1:, ::2]:", t[1:, ::2].numpy().tolist(), "| t[-1, -1]:", t[-1, -1].numpy())

# Broadcasting: (3, 1) + (1, 4) -> (3, 4)
col = tf.constant([[0.0], [10.0], [20.0]])
row = tf.constant([[1.0, 2.0, 3.0, 4.0]])
print("col + row:")
print(col + row)

# Default dtypes: floats are float32 in both frameworks, integers are int32 here
print("float default:", tf.constant([1.5]).dtype)
print("int default:", tf.constant([1]).dtype)
print("int -> float32:", tf.cast(t[0], tf.float32))

# NumPy -> tensor keeps NumPy's float64; tensors are immutable, so the data is copied
a = np.array([1.0, 2.0, 3.0])
ta = tf.convert_to_tensor(a)
a[0] = 100.0  # not visible through ta, which holds its own copy
print("from NumPy, after a[0] = 100:", ta)
print("to NumPy:", (ta * 2).numpy())
