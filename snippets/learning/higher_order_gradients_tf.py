"""Higher-order derivatives in TensorFlow: nested GradientTapes and tape.jacobian."""
# compare-agree: d1 d2 d3 atol=1e-5
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
