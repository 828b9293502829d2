# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Handwritten digits, end to end, in TensorFlow
#
# One small task taken all the way: load a data set that ships inside
# scikit-learn, build a small convolutional network with Keras, train it,
# evaluate it, export it to files, load them back as a fresh process would,
# and predict with them. The [PyTorch walkthrough](digits_pytorch.ipynb)
# beside this one takes the same steps, cell for cell, so the two can be
# read side by side.
#
# Every output on this page comes from running this notebook: the site's
# tests execute it again and compare the outputs. Nothing here downloads
# anything.

# %% tags=["skip-execution"]
# On Colab or a fresh machine: the versions this notebook was run with.
# %pip install --quiet tensorflow==2.21.0 keras==3.15.1
# %pip install --quiet numpy==2.4.6 scikit-learn==1.9.1
# %pip install --quiet matplotlib==3.11.2

# %%
import os

# Keep TensorFlow's C++ log lines (start-up notes, a harmless tf.data
# message) out of the outputs. Set it before TensorFlow is imported.
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"

import keras
import numpy as np
import sklearn
import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.metrics import confusion_matrix
from sklearn.model_selection import train_test_split

# Reproducible numbers: seed every generator (Python, NumPy, TensorFlow)
# and ask TensorFlow for deterministic kernels and one thread.
keras.utils.set_random_seed(0)
tf.config.experimental.enable_op_determinism()
tf.config.threading.set_intra_op_parallelism_threads(1)
tf.config.threading.set_inter_op_parallelism_threads(1)
tf.get_logger().setLevel("ERROR")
# Train in float64. In float32, CPUs with and without AVX-512 round the
# last bit differently, and 20 epochs grow that into other losses and
# another accuracy; in float64 every CPU prints the numbers below. Your own
# models can stay in float32, the usual choice: half the memory, and
# faster on large models.
keras.config.set_floatx("float64")
print("tensorflow", tf.__version__, "· keras", keras.__version__,
      "· scikit-learn", sklearn.__version__)

# %% [markdown]
# ## 1. The data
#
# `load_digits` holds 1,797 grey images of 8×8 pixels, with values from 0 to
# 16, read from a file inside the scikit-learn package. We keep 20% aside
# for the final test and 20% for validation during training, with the same
# class balance in each part (`stratify`), then scale the pixels to [0, 1].

# %%
digits = load_digits()
images = digits.images / 16.0  # float64, as the model
labels = digits.target.astype(np.int64)
x_train, x_test, y_train, y_test = train_test_split(
    images, labels, test_size=0.2, stratify=labels, random_state=0)
x_train, x_val, y_train, y_val = train_test_split(
    x_train, y_train, test_size=0.25, stratify=y_train, random_state=0)
print("train", x_train.shape, "validation", x_val.shape,
      "test", x_test.shape)
print("images per class in train:", np.bincount(y_train).tolist())


def show(image):
    """An 8x8 image as text: darker pixels get denser characters."""
    shades = " .:-=+*#%@"
    for row in np.squeeze(image):
        print("".join(shades[int(v * 9.99)] * 2 for v in row))


print("the first training image, labelled", y_train[0])
show(x_train[0])

# %% [markdown]
# The first training image of each digit, 0 to 9, drawn with matplotlib:

# %%
# %matplotlib inline
import matplotlib.pyplot as plt

strip = np.hstack([x_train[y_train == digit][0] for digit in range(10)])
plt.figure(figsize=(5, 0.6))
plt.imshow(strip, cmap="gray_r", interpolation="none")
plt.axis("off")
plt.show()

# %% [markdown]
# Keras layers expect images as (batch, height, width, channels), "channels
# last". NumPy arrays go straight into `fit`, which shuffles and batches
# them; a `tf.data.Dataset` would do the same for data too large for memory.

# %%
# np.newaxis adds the channel axis: (N, 8, 8) becomes (N, 8, 8, 1)
x_train, x_val, x_test = (x[..., np.newaxis]
                          for x in (x_train, x_val, x_test))
print("one image:", x_train.shape[1:], x_train.dtype,
      "labels", y_train.dtype)

# %% [markdown]
# ## 2. The model
#
# Two convolution blocks and a dense layer that gives one score (a logit)
# per digit. `padding="same"` keeps the 8×8 size through each convolution;
# each pooling halves it. Keras infers each layer's input size from the
# `Input`, so only output sizes are written.

# %%
def build_model():
    return keras.Sequential([
        keras.Input(shape=(8, 8, 1)),
        keras.layers.Conv2D(16, 3, padding="same", activation="relu"),
        keras.layers.MaxPooling2D(2),   # 4x4x16
        keras.layers.Conv2D(32, 3, padding="same", activation="relu"),
        keras.layers.MaxPooling2D(2),   # 2x2x32
        keras.layers.Flatten(),
        keras.layers.Dense(10),
    ], name="digits")


model = build_model()
for layer in model.layers:
    print(f"{layer.name:16} {layer.__class__.__name__:13} output "
          f"{str(layer.output.shape):17} parameters {layer.count_params()}")
print("parameters:", model.count_params())

# %% [markdown]
# ## 3. Training
#
# `compile` chooses the optimizer, the loss and the metrics; `fit` runs the
# loop that the PyTorch walkthrough writes out by hand: batches, forward
# pass, loss, gradients, update, and a validation pass after each epoch. A
# small callback prints every fourth epoch (`verbose=0` turns off the
# progress bar, whose timings change on every run).

# %%
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=3e-3),
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=["accuracy"])


def report(epoch, logs):
    if (epoch + 1) % 4 == 0:
        print(f"epoch {epoch + 1:2d}  train loss {logs['loss']:.4f}  "
              f"validation accuracy {logs['val_accuracy']:.3f}")


history = model.fit(
    x_train, y_train, batch_size=32, epochs=20, shuffle=True,
    validation_data=(x_val, y_val), verbose=0,
    callbacks=[keras.callbacks.LambdaCallback(on_epoch_end=report)])

# %% [markdown]
# ## 4. Evaluation
#
# The test images played no part in training or in choosing the settings
# above. The confusion matrix counts, for each true digit (row), what the
# model said (column).

# %%
test_loss, test_accuracy = model.evaluate(x_test, y_test, verbose=0)
test_predictions = model.predict(x_test, verbose=0).argmax(axis=1)
print(f"test accuracy: {test_accuracy:.3f}"
      f" ({(test_predictions != y_test).sum()} of {len(y_test)} wrong)")
matrix = confusion_matrix(y_test, test_predictions)
print("rows: true digit, columns: predicted digit")
print(matrix)
off_diagonal = matrix - np.diag(np.diag(matrix))
true_digit, said = np.unravel_index(off_diagonal.argmax(), matrix.shape)
print(f"most frequent mistake: {true_digit} read as {said}, "
      f"{off_diagonal.max()} times")

# %% [markdown]
# The confusion matrix of the test set as a picture, drawn by scikit-learn
# with matplotlib: the darker a cell, the more test images it counts.

# %%
from sklearn.metrics import ConfusionMatrixDisplay

ConfusionMatrixDisplay(matrix).plot(colorbar=False, cmap="Blues")
plt.gcf().set_size_inches(4, 4)
plt.xlabel("predicted digit")
plt.ylabel("true digit")
plt.show()

# %% [markdown]
# ## 5. Export
#
# Two files, for two purposes. `model.save` writes a `.keras` file with the
# architecture, the weights and the training configuration: Keras loads it
# back into a model you can train further, on any Keras backend.
# `model.export` writes a SavedModel, TensorFlow's graph format with a
# serving signature, which TensorFlow Serving, `tf.saved_model.load` and the
# LiteRT converter read without any Keras code. Its batch dimension is left
# open, so it accepts any batch size.

# %%
model.save("digits.keras")
model.export("digits_savedmodel", verbose=False)
print("files:", sorted(name for name in os.listdir(".")
                       if name.startswith("digits")))
print("SavedModel holds:", sorted(os.listdir("digits_savedmodel")))

# %% [markdown]
# ## 6. Reload
#
# A new process would do exactly this: load the `.keras` file, which
# rebuilds the model from its saved configuration, or load the SavedModel
# and call its `serve` function. Both must give the same scores as the model
# we trained.

# %%
rebuilt = keras.models.load_model("digits.keras")
served = tf.saved_model.load("digits_savedmodel")
signature = served.signatures["serving_default"]
print("serving signature:", signature.structured_input_signature)
original = model.predict(x_test, verbose=0)
print("largest difference, reloaded .keras model:",
      float(np.abs(rebuilt.predict(x_test, verbose=0) - original).max()))
print("largest difference, SavedModel:          ",
      float(np.abs(served.serve(x_test).numpy() - original).max()))

# %% [markdown]
# ## 7. Prediction
#
# Scores become probabilities through a softmax. Here is what the SavedModel
# says about the first five test images, and the first image the model gets
# wrong.

# %%
probabilities = tf.nn.softmax(served.serve(x_test[:5])).numpy()
for p, truth in zip(probabilities, y_test[:5], strict=True):
    print(f"true {truth}  predicted {p.argmax()}  "
          f"with probability {p.max():.3f}")

wrong = np.flatnonzero(test_predictions != y_test)
if len(wrong):
    first = wrong[0]
    print(f"\ntest image {first}: true {y_test[first]}, "
          f"predicted {test_predictions[first]}")
    show(x_test[first])

# %% [markdown]
# ## What to compare with the PyTorch walkthrough
#
# - **Layout.** Keras images are channels last, (N, 8, 8, 1); PyTorch uses
#   channels first, (N, 1, 8, 8).
# - **Training.** `model.fit` runs the loop that PyTorch writes out,
#   validation included.
# - **Export.** Keras writes a `.keras` file (architecture and weights) and,
#   for serving, a SavedModel; PyTorch writes one `.pt2` program with
#   `torch.export`.
