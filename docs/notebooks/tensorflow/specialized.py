# Specialized capabilities: the TensorFlow examples, from the living TensorFlow-vs-PyTorch
# comparison. Each `# %%` cell is a standalone script.
# The outputs on the page were made with: pip install keras==3.15.1 numpy==2.4.6 tensorflow==2.21.0 tensorflow-probability==0.25.0 tf-keras==2.21.0


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


# %% Probability distributions: specialized/distributions
reseed()
"""TensorFlow Probability: densities, shapes, KL, reparameterized gradients."""
import tensorflow as tf
import tensorflow_probability as tfp  # 0.25 needs Keras 2, installed as tf-keras

tfd = tfp.distributions

# A batch of two univariate normals: batch_shape (2,), event_shape ().
normal = tfd.Normal(loc=[0.0, 1.0], scale=[1.0, 2.0])
lp = normal.log_prob(0.5)  # Python numbers are accepted
print("normal log_prob(0.5):", [round(v, 4) for v in lp.numpy().tolist()])
print("  batch", tuple(normal.batch_shape), "event", tuple(normal.event_shape),
      "sample(3)", tuple(normal.sample(3, seed=(1, 2)).shape))

# Independent turns the batch dimension into one event of size 2.
diag = tfd.Independent(normal, reinterpreted_batch_ndims=1)
lp = diag.log_prob([0.5, 0.5])
print(f"independent log_prob([0.5, 0.5]): {lp.numpy():.4f}")
print("  batch", tuple(diag.batch_shape), "event", tuple(diag.event_shape))

# A correlated 2-D normal, given by the Cholesky factor of its covariance.
cov = tf.constant([[1.0, 0.5], [0.5, 2.0]])
mvn = tfd.MultivariateNormalTriL(loc=[0.0, 0.0], scale_tril=tf.linalg.cholesky(cov))
print(f"mvn log_prob([1, -1]): {mvn.log_prob([1.0, -1.0]).numpy():.4f}")

# Discrete distributions.
cat = tfd.Categorical(probs=[0.2, 0.3, 0.5])
bern = tfd.Bernoulli(probs=0.3)
print(f"categorical log_prob(2): {cat.log_prob(2).numpy():.4f}, "
      f"entropy: {cat.entropy().numpy():.4f}")
print(f"bernoulli log_prob(1): {bern.log_prob(1).numpy():.4f}")

# Closed-form KL divergence between two normals.
kl = tfd.kl_divergence(tfd.Normal(0.0, 1.0), tfd.Normal(1.0, 2.0))
print(f"KL(N(0,1) || N(1,2)): {kl.numpy():.4f}")

# Samples are mu + sigma * eps, so gradients reach mu and sigma through the tape.
mu = tf.Variable(1.5)
sigma = tf.Variable(0.5)
q = tfd.Normal(mu, sigma)
print("reparameterized:", q.reparameterization_type == tfd.FULLY_REPARAMETERIZED)
with tf.GradientTape() as tape:
    x = q.sample(1_000_000, seed=(3, 4))  # a tuple seed makes sampling stateless
    loss = tf.reduce_mean(x**2)  # E[x^2] = mu^2 + sigma^2: gradient (2 mu, 2 sigma)
g_mu, g_sigma = tape.gradient(loss, [mu, sigma])
print(f"Monte Carlo grad of E[x^2]: mu {g_mu.numpy():.2f} (exact 3.00), "
      f"sigma {g_sigma.numpy():.2f} (exact 1.00)")


# %% Training loops with callbacks: Lightning and Keras: specialized/lightning_vs_callbacks
reseed()
"""Keras: fit() owns the loop; early stopping, LR schedule and logging are callbacks."""
import keras
import numpy as np

# The same synthetic data as the PyTorch tab: y = 3 x1 - 2 x2 + noise (var 0.25).
rng = np.random.default_rng(0)
X = rng.standard_normal((256, 2)).astype("float32")
y = X @ np.array([[3.0], [-2.0]], "float32") + 0.5 * rng.standard_normal((256, 1))
y = y.astype("float32")
keras.utils.set_random_seed(0)  # weight init and shuffling

model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1), loss="mse")


class EpochLog(keras.callbacks.Callback):
    def on_epoch_end(self, epoch, logs):  # logs hold the epoch means and val_ metrics
        lr = float(self.model.optimizer.learning_rate)
        print(f"epoch {epoch + 1:2d}  train {logs['loss']:.4f}  "
              f"val {logs['val_loss']:.4f}  lr {lr:.4f}")


callbacks = [
    # Stop once val_loss has not improved by 0.005 for 2 epochs in a row.
    keras.callbacks.EarlyStopping("val_loss", min_delta=0.005, patience=2),
    # Halve the learning rate every 4 epochs.
    keras.callbacks.LearningRateScheduler(lambda epoch: 0.1 * 0.5 ** (epoch // 4)),
    EpochLog(),
]
history = model.fit(X[:192], y[:192], validation_data=(X[192:], y[192:]),
                    batch_size=32, epochs=30, callbacks=callbacks, verbose=0)
w = [round(v, 2) for v in model.layers[0].kernel.numpy().flatten().tolist()]
epochs = len(history.history["loss"])
print(f"stopped after {epochs} epochs; weights {w} (true [3, -2])")


# %% Text preprocessing after torchtext: specialized/text_pipeline
reseed()
"""Text to padded integer ids with keras.layers.TextVectorization, then an Embedding."""
import keras
import numpy as np

corpus = ["The cat sat on the mat.", "The dog sat on the log!",
          "A cat and a dog.", "Dogs chase cats?"]

# adapt() lowercases, strips punctuation, splits on whitespace and counts tokens.
vectorize = keras.layers.TextVectorization(output_mode="int")
vectorize.adapt(corpus)
# Index 0 is padding "", 1 is "[UNK]", then tokens by count.
vocab = [str(tok) for tok in vectorize.get_vocabulary()]
print("vocabulary:", vocab)

# A batch of strings becomes ids padded with 0 to the longest sentence.
batch = ["The cat chased the dog", "A bird sat"]
ids = vectorize(batch)
print("ids:")
print(np.asarray(ids))

# mask_zero=True makes id 0 a padding position that later layers can skip.
embed = keras.layers.Embedding(len(vocab), 4, mask_zero=True)
vectors = embed(ids)
print("embedded shape:", tuple(vectors.shape))
print("mask:", np.asarray(embed.compute_mask(ids)).astype(int).tolist())


# %% Image augmentation: transforms.v2 and Keras preprocessing layers: specialized/image_augmentation
reseed()
"""Image augmentation with Keras preprocessing layers, for training and evaluation."""
import keras
import numpy as np
from keras import layers

# Eight synthetic RGB images, dark on the left and bright on the right, so that a
# horizontal flip shows: the same seeded pixels in both tabs.
rng = np.random.default_rng(0)
ramp = np.linspace(0, 200, 32)[None, None, :, None]
images = (ramp + rng.integers(0, 56, size=(8, 32, 32, 3))).astype(np.uint8)
print("input:", images.shape, images.dtype)  # channels last: N, H, W, C

MEAN, STD = np.array([0.5, 0.5, 0.5]), np.array([0.25, 0.25, 0.25])
augment = keras.Sequential([
    layers.RandomCrop(24, 24, seed=1),
    layers.RandomFlip("horizontal", seed=2),
])
scale = keras.Sequential([
    layers.Rescaling(1 / 255),  # 0..255 -> 0..1, as float32
    layers.Normalization(mean=MEAN, variance=STD**2),
])


def flipped(batch):
    """How many images are brighter on the left half than on the right."""
    batch = np.asarray(batch)
    left = batch[:, :, :12].mean(axis=(1, 2, 3))
    right = batch[:, :, 12:].mean(axis=(1, 2, 3))
    return f"{int((left > right).sum())} of {len(batch)} flipped"


# The random layers work on the whole batch: one crop for all, a flip drawn per image.
for _ in range(3):
    trained = scale(augment(images, training=True))
    print("train, whole batch:", tuple(trained.shape), trained.dtype.name,
          flipped(trained))
# With training=False, as inside predict() or evaluate(), the random layers step aside.
# RandomCrop even leaves the size alone (keras-team/keras#21868), so crop explicitly.
print("inference through augment:", tuple(augment(images, training=False).shape))
evaluated = scale(layers.CenterCrop(24, 24)(images))
print("eval:", tuple(evaluated.shape), flipped(evaluated))
eval_mean = np.asarray(evaluated).mean(axis=(0, 1, 2))
print("eval mean per channel:", eval_mean.round(4))


# %% Vision models without pretrained weights: specialized/vision_models
reseed()
"""Two keras.applications classifiers built with weights=None: no download."""
import keras
import numpy as np

for name in ["MobileNetV2", "ResNet50"]:
    # weights="imagenet" is the default, and downloads on first use: ask for None.
    model = getattr(keras.applications, name)(weights=None)
    params = sum(int(np.prod(w.shape)) for w in model.trainable_weights)
    # Non-trainable: the batch-norm moving means and variances.
    stats = sum(int(np.prod(w.shape)) for w in model.non_trainable_weights)
    kinds = (keras.layers.Conv2D, keras.layers.DepthwiseConv2D)
    convs = [layer for layer in model.layers if isinstance(layer, kinds)]
    with_bias = [layer for layer in convs if layer.use_bias]
    bias_values = sum(int(np.prod(layer.bias.shape)) for layer in with_bias)
    out = model(np.zeros((1, 224, 224, 3), dtype=np.float32))  # channels last
    print(f"{name}: {params:,} parameters + {stats:,} batch-norm statistics")
    print(f"  conv layers with a bias: {len(with_bias)} of {len(convs)}"
          f" ({bias_values:,} values)")
    print(f"  input (1, 224, 224, 3) -> output {tuple(out.shape)} probabilities,"
          f" summing to {float(np.sum(out)):.3f}")


# %% A custom gradient: specialized/custom_gradient
reseed()
"""Defining an op with a hand-written gradient using @tf.custom_gradient."""

import tensorflow as tf


@tf.custom_gradient
def log1pexp(x):
    """softplus(x) = log(1 + exp(x)), computed without overflow."""
    # Naive log(1 + exp(x)) overflows: exp(100) is inf in float32.
    y = tf.maximum(x, 0.0) + tf.math.log1p(tf.exp(-tf.abs(x)))

    def grad(upstream):
        # d/dx log(1 + exp(x)) = sigmoid(x), which never overflows.
        return upstream * tf.sigmoid(x)

    return y, grad  # the closure keeps x alive for the backward pass


x = tf.constant([-2.0, 0.0, 100.0])
with tf.GradientTape() as tape:
    tape.watch(x)  # constants are not watched automatically
    y = log1pexp(x)
    total = tf.reduce_sum(y)
dy_dx = tape.gradient(total, x)

print("x:       ", x.numpy().tolist())
print("value:   ", [round(v, 4) for v in y.numpy().tolist()])
print("gradient:", [round(g, 4) for g in dy_dx.numpy().tolist()])
