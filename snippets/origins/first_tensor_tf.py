"""A first TensorFlow program: make a tensor, do arithmetic and a matrix product."""
# compare-agree: x product atol=1e-6
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
