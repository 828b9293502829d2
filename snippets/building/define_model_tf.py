"""Defining a model as a class in Keras: a keras.Model subclass (4 -> 8 -> 3 MLP)."""
# compare-differs: each framework draws its own random initial weights
import keras


class MLP(keras.Model):
    def __init__(self):
        super().__init__()
        # Dense infers its input size, so weights are created on the first call.
        self.hidden = keras.layers.Dense(8, activation="relu", name="hidden")
        self.out = keras.layers.Dense(3, name="out")

    def call(self, x):
        return self.out(self.hidden(x))


keras.utils.set_random_seed(0)  # reproducible initial weights
model = MLP()
# a batch of 2 inputs with 4 features
x = keras.ops.ones((2, 4))
y = model(x)
print("output shape:", tuple(y.shape))
print("parameters:", model.count_params())
# Dense stores its kernel as (in_features, out_features): the transpose of torch.
for w in model.weights:
    print(f"  {w.path:18} {tuple(w.shape)}")
