"""Rosetta stone, layers in Keras 3 (keras.layers): one line per table row."""
# compare-differs: each framework draws its own random initial weights
import keras
import tensorflow as tf


def show(label, t):
    """Print one row: label, then shape, dtype and values (or the plain value)."""
    t = t.value if isinstance(t, keras.Variable) else t
    if isinstance(t, (tf.Tensor, tf.Variable)):
        v = t.numpy().astype("float64").round(4) if t.dtype.is_floating else t.numpy()
        v = v.tolist() if v.size <= 8 else ""  # random weights: shapes only
        t = f"{tuple(t.shape)!s:<12} {t.dtype.name:<8} {v}"
    print(f"{label:<11} {t}".rstrip())


x = tf.ones((4, 4))  # (batch, features)
img = tf.ones((1, 8, 8, 3))  # channels last: (batch, height, width, channels)
seq = tf.ones((2, 5, 4))  # (batch, time, features)
s = tf.constant([-1.0, 2.0])
dense = keras.layers.Dense(3)
show("dense", dense(x))  # the first call builds the kernel
show("weight", dense.kernel)  # (in, out)
conv = keras.layers.Conv2D(8, 3, padding="same")
show("conv2d", conv(img))
show("conv weight", conv.kernel)  # (height, width, in, out)
show("maxpool", keras.layers.MaxPooling2D(2)(img))
show("flatten", keras.layers.Flatten()(img))
show("embedding", keras.layers.Embedding(10, 4)(tf.constant([[1, 2, 3]])))
show("lstm", keras.layers.LSTM(6, return_sequences=True)(seq))
show("dropout", keras.layers.Dropout(0.5)(tf.ones(8), training=True))
show("dropout off", keras.layers.Dropout(0.5)(tf.ones(8)))  # training=False by default
show("batchnorm", keras.layers.BatchNormalization().momentum)  # weight of the old
show("layernorm", keras.layers.LayerNormalization().epsilon)
show("relu", keras.ops.relu(s))
show("softmax", keras.ops.softmax(s, axis=-1))
model = keras.Sequential([keras.layers.Dense(8, "relu"), keras.layers.Dense(3)])
model.build((None, 4))  # or start the list with keras.Input((4,))
show("params", model.count_params())
