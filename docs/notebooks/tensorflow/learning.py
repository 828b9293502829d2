# Ease of learning: the TensorFlow examples, from the living TensorFlow-vs-PyTorch
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


# %% Tensors, dtypes and NumPy: `from_numpy` and `.numpy()`: learning/tensor_basics
reseed()
"""TensorFlow tensor basics: creation, default dtypes, type promotion, NumPy interop."""
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


# %% Indexing, masks and broadcasting: learning/indexing_broadcasting
reseed()
"""TensorFlow indexing, masks, assignment via scatter/where/Variable, broadcasting."""
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


# %% Automatic differentiation: learning/autograd
reseed()
"""Gradients in TensorFlow: a GradientTape records operations and returns gradients."""
import tensorflow as tf

# f(w) = sum(w**2 + 3w), so df/dw = 2w + 3
w = tf.Variable([1.0, 2.0, 3.0])  # trainable Variables are watched automatically
c = tf.constant([1.0, 1.0, 1.0])  # constants are not, unless you tape.watch(c)
with tf.GradientTape(persistent=True) as tape:  # persistent: ask more than once
    f = tf.reduce_sum(w**2 + 3 * w)
print("f:", f.numpy().item())
print("df/dw:", tape.gradient(f, w).numpy().tolist(), "| expected:",
      (2 * w + 3).numpy().tolist())
print("grad of an unwatched tensor:", tape.gradient(f, c))

# Asking again returns the same gradient: nothing accumulates
print("asked a 2nd time:", tape.gradient(f, w).numpy().tolist())
del tape  # a persistent tape holds its resources until deleted

# A non-persistent tape (the default) answers once, then is released
with tf.GradientTape() as tape:
    f = tf.reduce_sum(w**2 + 3 * w)
g = tape.gradient(f, w)
try:
    tape.gradient(f, w)
except RuntimeError as err:
    print("tape asked twice:", str(err).split(".")[0])

# Updates happen outside the tape, through the Variable's assign methods
w.assign_sub(0.1 * g)
print("w after one step:", [round(v, 2) for v in w.numpy().tolist()])


# %% Higher-order derivatives: learning/higher_order_gradients
reseed()
"""Higher-order derivatives in TensorFlow: nested GradientTapes and tape.jacobian."""
import tensorflow as tf


def f(x):
    return x**4 - 3 * x**2 + 2 * x


x = tf.Variable(1.5)
# Each outer tape records the gradient computed by the tape inside it
with tf.GradientTape() as t3:
    with tf.GradientTape() as t2:
        with tf.GradientTape() as t1:
            y = f(x)
        d1 = t1.gradient(y, x)
    d2 = t2.gradient(d1, x)
d3 = t3.gradient(d2, x)
v = x.numpy().item()  # by hand: f' = 4x^3 - 6x + 2, f'' = 12x^2 - 6, f''' = 24x
print(f"f'(1.5)   = {d1.numpy():7.4f}   by hand: {4 * v**3 - 6 * v + 2:7.4f}")
print(f"f''(1.5)  = {d2.numpy():7.4f}   by hand: {12 * v**2 - 6:7.4f}")
print(f"f'''(1.5) = {d3.numpy():7.4f}   by hand: {24 * v:7.4f}")


# g(x, y) = x^2 y + y^3 at (1, 2): gradient (2xy, x^2 + 3y^2) = (4, 13),
# Hessian [[2y, 2x], [2x, 6y]] = [[4, 2], [2, 12]]
def g(p):
    return p[0] ** 2 * p[1] + p[1] ** 3


p = tf.Variable([1.0, 2.0])
with tf.GradientTape() as outer:
    with tf.GradientTape() as inner:
        value = g(p)
    grad_g = inner.gradient(value, p)
print("gradient of g:", grad_g.numpy().tolist())
# tape.jacobian differentiates a vector: the Jacobian of the gradient is the Hessian
print("hessian of g:", outer.jacobian(grad_g, p).numpy().tolist())


# %% A first model, from scratch: learning/first_model_from_scratch
reseed()
"""A first model from scratch in TensorFlow: fit y = 2x + 1 with a GradientTape."""
import tensorflow as tf

x = tf.linspace(-1.0, 1.0, 20)
y = 2 * x + 1 + 0.05 * tf.sin(7 * x)  # a line plus a little fixed wobble

w = tf.Variable(0.0)  # state that changes lives in Variables
b = tf.Variable(0.0)
for step in range(100):
    with tf.GradientTape() as tape:  # record the forward pass
        loss = tf.reduce_mean((w * x + b - y) ** 2)
    dw, db = tape.gradient(loss, [w, b])
    w.assign_sub(0.2 * dw)  # Variables are updated with assign methods
    b.assign_sub(0.2 * db)
    if step % 25 == 0:
        print(f"step {step:3d}: loss {loss.numpy():.4f}")

print(f"w = {w.numpy():.3f}, b = {b.numpy():.3f}, loss = {loss.numpy():.5f}")
