"""Rosetta stone, optimizers in Keras 3 (keras.optimizers): one line per table row."""
# compare-differs: one line per table row; the rows are printed, not kept to compare
import keras
import tensorflow as tf


def show(label, t):
    """Print one row: label, then shape, dtype and values (or the plain value)."""
    if isinstance(t, (tf.Tensor, tf.Variable)):
        v = t.numpy().astype("float64").round(4) if t.dtype.is_floating else t.numpy()
        v = v.tolist() if v.size <= 12 else ""  # values of small ones only
        t = f"{tuple(t.shape)!s:<12} {t.dtype.name:<8} {v}"
    print(f"{label:<11} {t}".rstrip())


w = keras.Variable([1.0, -2.0])


def step(opt):
    """Two updates of loss = sum(w ** 2) from w = [1, -2]; returns the new w."""
    w.assign([1.0, -2.0])
    for _ in range(2):
        with tf.GradientTape() as tape:  # a fresh tape each step: nothing to clear
            loss = tf.reduce_sum(w ** 2)
        grads = tape.gradient(loss, [w])
        opt.apply_gradients(zip(grads, [w]))
    return w.value


show("sgd", step(keras.optimizers.SGD(learning_rate=0.1)))
show("momentum", step(keras.optimizers.SGD(learning_rate=0.1, momentum=0.9)))
show("adam", step(keras.optimizers.Adam(learning_rate=0.1)))
show("adam eps", keras.optimizers.Adam().epsilon)
show("adamw", step(keras.optimizers.AdamW(learning_rate=0.1)))
show("adamw wd", keras.optimizers.AdamW().weight_decay)
show("rmsprop", keras.optimizers.RMSprop().rho)  # decay of the average
sched = keras.optimizers.schedules.ExponentialDecay(0.1, decay_steps=1, decay_rate=0.5)
opt = keras.optimizers.SGD(learning_rate=sched)  # Keras steps the schedule itself
show("schedule", round(float(sched(1)), 4))
grads, norm = tf.clip_by_global_norm([tf.constant([3.0, 4.0])], clip_norm=1.0)
show("clip norm", norm)
show("clipped", grads[0])
