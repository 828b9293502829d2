"""A custom layer with its own weights: keras.layers.Layer with add_weight in Keras."""
# compare-agree: grad_gamma grad_beta atol=1e-6
import keras
import tensorflow as tf


class Scale(keras.layers.Layer):
    """y = x * gamma + beta, one gamma and beta per feature."""

    def build(self, input_shape):
        # runs on the first call, sized from the input
        n = input_shape[-1]
        self.gamma = self.add_weight(shape=(n,), initializer="ones", name="gamma")
        self.beta = self.add_weight(shape=(n,), initializer="zeros", name="beta")
        # A non-trainable weight is saved with the others but never trained.
        self.calls = self.add_weight(shape=(), initializer="zeros", dtype="int64",
                                     trainable=False, name="calls")

    def call(self, x):
        self.calls.assign_add(1)
        return x * self.gamma + self.beta


# no size given: build() learns it from the input
layer = Scale()
x = tf.constant([[1.0, 2.0, 3.0]])
print("output:", layer(x).numpy().tolist())
print("trainable:", [(w.name, tuple(w.shape)) for w in layer.trainable_weights])
print("all weights:", [w.name for w in layer.weights])

# Gradients reach the custom weights like any built-in layer's.
with tf.GradientTape() as tape:
    total = tf.reduce_sum(layer(x))
grad_gamma, grad_beta = tape.gradient(total, [layer.gamma, layer.beta])
print("grad gamma:", grad_gamma.numpy().tolist(),
      "grad beta:", grad_beta.numpy().tolist())
print("calls so far:", int(layer.calls.numpy()))
