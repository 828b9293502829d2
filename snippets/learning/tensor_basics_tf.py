"""TensorFlow tensor basics: creation, default dtypes, type promotion, NumPy interop."""
# compare-differs: each tab shows its own framework's dtypes and promotion rules
import numpy as np
import tensorflow as tf

# Creation: from Python lists, or with shape-taking factories
t = tf.constant([[1, 2, 3], [4, 5, 6]])
print("t:", t.numpy().tolist(), "| shape:", tuple(t.shape))
print("zeros:", tuple(tf.zeros((2, 3)).shape), "| range:", tf.range(0, 1, 0.25))

# Default dtypes: Python floats become float32 in both frameworks;
# Python ints become int32 here (int64 in PyTorch).
print("float default:", tf.constant([1.5]).dtype)
print("int default:", t.dtype)

# No implicit promotion: an int32 tensor plus a Python float is an error
try:
    t + 0.5
except tf.errors.InvalidArgumentError as err:
    print("int + 0.5:", err.message.split(" [Op:")[0])
mixed = tf.cast(t, tf.float32) + 0.5
print("explicit cast:", mixed.dtype, mixed[0].numpy().tolist())

# NumPy -> tensor: convert_to_tensor copies (and keeps NumPy's float64)
a = np.array([1.0, 2.0, 3.0])
converted = tf.convert_to_tensor(a)
a[0] = 100.0
print("convert_to_tensor, a[0] = 100:", converted.numpy().tolist(), converted.dtype)

# tensor -> NumPy: .numpy() gives an ndarray; a tensor never changes in place,
# so there is no view to keep in sync
back = converted.numpy()
print("numpy():", back, type(back).__name__)
