"""Image augmentation with Keras preprocessing layers, for training and evaluation."""
# compare-agree: eval_mean atol=1e-5
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
