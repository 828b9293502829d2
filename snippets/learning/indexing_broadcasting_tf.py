"""TensorFlow indexing, masks, assignment via scatter/where/Variable, broadcasting."""
# compare-agree: broadcast atol=1e-6
import tensorflow as tf

t = tf.reshape(tf.range(12), (3, 4))
print("t:", t.numpy().tolist())

# Indexing and slicing follow NumPy rules
print("t[1]:", t[1].numpy().tolist(), "| t[:, 1]:", t[:, 1].numpy().tolist())
print("t[1:, ::2]:", t[1:, ::2].numpy().tolist(), "| t[-1, -1]:", t[-1, -1].numpy())
# Careful: a list index is read as t[0, 2] (one element); use tf.gather for rows
print("t[[0, 2]]:", t[[0, 2]].numpy().tolist())
print("tf.gather(t, [0, 2]):", tf.gather(t, [0, 2]).numpy().tolist())

# A boolean mask selects matching elements (same as tf.boolean_mask)
print("t[t % 3 == 0]:", t[t % 3 == 0].numpy().tolist())

# Tensors are immutable: item assignment fails...
try:
    t[0, 0] = 100
except TypeError as err:
    print("t[0, 0] = 100:", type(err).__name__)
# ...so compute a new tensor: a scatter for elements, tf.where for a mask
new = tf.tensor_scatter_nd_update(t, indices=[[0, 0]], updates=[100])
new = tf.where(new % 2 == 1, 0, new)
print("after assignment:", new.numpy().tolist())
# or keep mutable state in a tf.Variable, which has assign methods
v = tf.Variable(t)
v[0, 0].assign(100)
v.assign(tf.where(v % 2 == 1, 0, v))
print("same with a Variable:", v.numpy().tolist())

# Broadcasting: shapes are aligned from the right; size-1 dims stretch
col = tf.constant([[0.0], [10.0], [20.0]])  # (3, 1)
row = tf.constant([1.0, 2.0, 3.0, 4.0])  # (4,) is treated as (1, 4)
broadcast = col + row
print("(3, 1) + (4,) ->", tuple(broadcast.shape))
print(broadcast.numpy().tolist())

# Shapes that cannot be aligned raise an error naming the sizes
try:
    tf.ones((3, 4)) + tf.ones(3)
except tf.errors.InvalidArgumentError as err:
    # drop the device prefix {{...}} and the op suffix [Op:...]
    print("(3, 4) + (3,):", err.message.split("}} ")[-1].split(" [Op:")[0])
