"""Rosetta stone, devices in TensorFlow, CPU only: where tensors live, how they move."""
# compare-differs: each tab shows its own framework's devices
import keras
import tensorflow as tf

cpus = tf.config.list_physical_devices("CPU")
print("device     ", cpus[0].name)
print("gpu?       ", tf.config.list_physical_devices("GPU"))  # empty here
print("accelerator", [d.device_type for d in tf.config.get_visible_devices()])
x = tf.ones(2)
print("tensor on  ", x.device)  # placed on a GPU by itself when there is one
with tf.device("/CPU:0"):  # explicit placement is optional
    print("move       ", tf.identity(x).device)  # a copy, made on the scope's device
    print("create on  ", tf.zeros(2).device)
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])  # weights here
print("model on   ", model.weights[0].value.device)
print("result on  ", model(x[None]).device)  # no need to move inputs by hand
