"""Keras's defaults that a port must match, read from the installed Keras itself."""
# compare-differs: each tab reads its own framework's defaults, which differ
import inspect
import re

import keras


def default(callable_, name):
    """A keyword's default, from the signature: it follows every upgrade."""
    return inspect.signature(callable_).parameters[name].default


def initializer(config, key):
    """An initializer's class name, from a layer's config."""
    return config[key]["class_name"]


batchnorm = keras.layers.BatchNormalization().get_config()
dense = keras.layers.Dense(2).get_config()
conv = keras.layers.Conv2D(8, 5)
conv.build((None, 10, 10, 3))
query = r"query: Query tensor of shape `([^`]*)`"
query_shape = re.search(query, keras.layers.MultiHeadAttention.__doc__)[1]
rows = [
    ("BatchNorm epsilon", batchnorm["epsilon"]),
    ("BatchNorm momentum", f"{batchnorm['momentum']} (the weight of the old average)"),
    ("BatchNorm, new batch's weight", round(1 - batchnorm["momentum"], 6)),
    ("LayerNorm epsilon", keras.layers.LayerNormalization().get_config()["epsilon"]),
    ("Adam epsilon", f"{keras.optimizers.Adam().get_config()['epsilon']} (on sqrt(v))"),
    ("Adam weight decay", keras.optimizers.Adam().get_config()["weight_decay"]),
    ("AdamW weight decay", keras.optimizers.AdamW().get_config()["weight_decay"]),
    ("Dense kernel init", initializer(dense, "kernel_initializer")),
    ("Dense bias init", initializer(dense, "bias_initializer")),
    ("Conv2D padding", repr(default(keras.layers.Conv2D, "padding"))),
    ("Conv2D kernel shape", f"{tuple(conv.kernel.shape)}: h, w, in, out"),
    ("image layout", f"{keras.config.image_data_format()!r} (keras.config)"),
    ("attention batch_first", f"always: query {query_shape} (the docstring)"),
]
print(f"keras {keras.__version__}")
for name, value in rows:
    print(f"{name:30} {value}")
