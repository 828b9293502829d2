"""docs/porting/port_weights.py, shown on the Porting page: the same small CNN in torch
and Keras computes the same outputs after a copy in either direction, and a model that
does not fit is refused with an error that names both layers."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from helpers import NO_FRAMEWORKS, ROOT, load_module

MODULE = ROOT / "docs/porting/port_weights.py"  # beside the page that includes it

port_weights = load_module(MODULE)
PortError, keras_to_torch, torch_to_keras = (
    port_weights.PortError, port_weights.keras_to_torch, port_weights.torch_to_keras)

RNG = np.random.default_rng(0)
IMAGES = RNG.standard_normal((3, 2, 8, 8)).astype(np.float32)  # NCHW


def test_the_module_imports_without_torch_or_keras(tmp_path):
    (tmp_path / "sitecustomize.py").write_text(NO_FRAMEWORKS)
    result = subprocess.run(
        [sys.executable, "-c", "import port_weights as p; print(p.__all__)"],
        capture_output=True, text=True,
        env={"PYTHONPATH": f"{tmp_path}:{MODULE.parent}", "PATH": "/usr/bin"})
    assert result.returncode == 0, result.stderr
    assert "torch_to_keras" in result.stdout


# ------------------------------------------------------------------ the two models


def torch_cnn(conv2_out: int = 6, pool: str = "flatten"):
    """conv-bn-relu-pool, conv-bn-relu, then flatten (or global pooling) and an MLP,
    with submodules nested the way real models nest them."""
    import torch
    from torch import nn

    class CNN(nn.Module):
        def __init__(self):
            super().__init__()
            self.features = nn.Sequential(
                nn.Conv2d(2, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(),
                nn.MaxPool2d(2),
                nn.Conv2d(4, conv2_out, 3, padding=1, bias=False),
                nn.BatchNorm2d(conv2_out), nn.ReLU())
            self.pool = nn.Flatten() if pool == "flatten" else nn.Sequential(
                nn.AdaptiveAvgPool2d(1), nn.Flatten())
            inputs = conv2_out * 4 * 4 if pool == "flatten" else conv2_out
            self.head = nn.Sequential(nn.Linear(inputs, 5), nn.ReLU(), nn.Dropout(0.5),
                                      nn.BatchNorm1d(5), nn.Linear(5, 3))

        def forward(self, x):
            return self.head(self.pool(self.features(x)))

    torch.manual_seed(0)
    module = CNN()
    with torch.no_grad():  # statistics far from the defaults, so that they matter
        for layer in module.modules():
            if isinstance(layer, nn.modules.batchnorm._BatchNorm):
                layer.weight.normal_()
                layer.bias.normal_()
                layer.running_mean.uniform_(-1, 1)
                layer.running_var.uniform_(0.5, 2)
    return module.eval()


def keras_cnn(conv2_out: int = 6, pool: str = "flatten", data_format="channels_last"):
    import keras
    from keras import layers

    keras.utils.set_random_seed(0)
    shape = (8, 8, 2) if data_format == "channels_last" else (2, 8, 8)
    axis = -1 if data_format == "channels_last" else 1
    inputs = keras.Input(shape)
    features = keras.Sequential([  # a nested model
        layers.Conv2D(4, 3, padding="same", data_format=data_format),
        layers.BatchNormalization(axis=axis), layers.ReLU(),
        layers.MaxPooling2D(2, data_format=data_format),
        layers.Conv2D(conv2_out, 3, padding="same", use_bias=False,
                      data_format=data_format),
        layers.BatchNormalization(axis=axis), layers.ReLU()], name="features")
    x = features(inputs)
    x = (layers.Flatten() if pool == "flatten"
         else layers.GlobalAveragePooling2D(data_format=data_format))(x)
    x = layers.Dense(5)(x)
    x = layers.ReLU()(x)
    x = layers.Dropout(0.5)(x)
    x = layers.BatchNormalization()(x)
    model = keras.Model(inputs, layers.Dense(3)(x))
    for layer in features.layers + model.layers:
        if isinstance(layer, layers.BatchNormalization):
            n = layer.moving_mean.shape[0]
            layer.gamma.assign(RNG.standard_normal(n).astype(np.float32))
            layer.beta.assign(RNG.standard_normal(n).astype(np.float32))
            layer.moving_mean.assign(RNG.uniform(-1, 1, n).astype(np.float32))
            layer.moving_variance.assign(RNG.uniform(0.5, 2, n).astype(np.float32))
    return model


def run_torch(module, images=IMAGES):
    import torch

    with torch.no_grad():
        return module(torch.from_numpy(images)).numpy()


def run_keras(model, images=IMAGES, data_format="channels_last"):
    if data_format == "channels_last":
        return model(images.transpose(0, 2, 3, 1), training=False).numpy()
    # TensorFlow's eager Conv2D runs channels_first on the CPU only through its oneDNN
    # kernels, which are on by default only on some CPUs ("The Conv2D op currently only
    # supports the NHWC tensor format on the CPU"). XLA compiles NCHW on every CPU.
    import tensorflow as tf

    return tf.function(lambda x: model(x, training=False), jit_compile=True)(images).numpy()


# ------------------------------------------------------------------ copies that work


@pytest.mark.frameworks
@pytest.mark.parametrize("pool", ["flatten", "global_pooling"])
def test_torch_to_keras_gives_the_same_outputs(pool):
    module, model = torch_cnn(pool=pool), keras_cnn(pool=pool)
    before = run_keras(model)
    pairs = torch_to_keras(module, model)
    assert [name for name, _ in pairs] == [
        "features.0", "features.1", "features.4", "features.5", "head.0", "head.3",
        "head.4"]
    expected = run_torch(module)
    assert np.abs(before - expected).max() > 0.1  # the copy, not luck, makes them agree
    np.testing.assert_allclose(run_keras(model), expected, atol=1e-4, rtol=1e-4)
    batchnorms = [layer for layer in model.get_layer("features").layers
                  if type(layer).__name__ == "BatchNormalization"]
    assert batchnorms[0].epsilon == 1e-5 and batchnorms[0].momentum == pytest.approx(0.9)


@pytest.mark.frameworks
@pytest.mark.parametrize("data_format", ["channels_last", "channels_first"])
def test_keras_to_torch_gives_the_same_outputs(data_format):
    model, module = keras_cnn(data_format=data_format), torch_cnn()
    keras_to_torch(model, module)
    np.testing.assert_allclose(run_torch(module), run_keras(model, data_format=data_format),
                               atol=1e-4, rtol=1e-4)
    assert module.features[1].eps == 1e-3
    assert module.features[1].momentum == pytest.approx(0.01)


@pytest.mark.frameworks
def test_a_round_trip_gives_back_the_same_weights():
    module, model = torch_cnn(), keras_cnn()
    original = {k: v.clone() for k, v in module.state_dict().items()}
    torch_to_keras(module, model)
    copy = torch_cnn()
    for tensor in copy.parameters():
        tensor.data.zero_()
    keras_to_torch(model, copy)
    for key, value in copy.state_dict().items():
        if not key.endswith("num_batches_tracked"):
            np.testing.assert_array_equal(value.numpy(), original[key].numpy(), err_msg=key)


@pytest.mark.frameworks
def test_settings_false_copies_weights_only():
    module, model = torch_cnn(), keras_cnn()
    torch_to_keras(module, model, settings=False)
    assert model.get_layer("features").layers[1].epsilon == 1e-3  # Keras's default kept


# ------------------------------------------------------------------ copies that must fail


@pytest.mark.frameworks
def test_a_different_shape_names_both_layers_and_writes_nothing():
    module, model = torch_cnn(conv2_out=6), keras_cnn(conv2_out=8)
    before = [w.numpy().copy() for w in model.weights]
    with pytest.raises(PortError) as raised:
        torch_to_keras(module, model)
    message = str(raised.value)
    assert "'features.4'" in message and "weight (6, 4, 3, 3)" in message
    assert "Conv2D" in message and "kernel (3, 3, 4, 8)" in message
    assert "needs shape (3, 3, 4, 8)" in message and "(3, 3, 4, 6)" in message
    assert all(np.array_equal(a, w.numpy()) for a, w in zip(before, model.weights,
                                                              strict=True))


@pytest.mark.frameworks
def test_a_different_number_of_layers_lists_both_sides():
    from torch import nn

    module = nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 2))
    import keras

    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2)])
    with pytest.raises(PortError, match=r"2 layers with weights .* has 1") as raised:
        keras_to_torch(model, module)
    assert "0 (Linear), 2 (Linear)" in str(raised.value)
    assert "(Dense)" in str(raised.value)


@pytest.mark.frameworks
def test_a_different_kind_or_a_missing_bias_is_refused():
    import keras
    from torch import nn

    dense = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2, use_bias=False)])
    with pytest.raises(PortError, match=r"torch bias but no Keras bias"):
        torch_to_keras(nn.Linear(4, 2), dense)
    conv = keras.Sequential([keras.Input((4, 4, 1)), keras.layers.Conv2D(2, 1)])
    with pytest.raises(PortError, match=r"a Linear ports to a Dense"):
        torch_to_keras(nn.Linear(4, 2), conv)
    with pytest.raises(PortError, match=r"only Linear, Conv2d and BatchNorm1d/2d"):
        torch_to_keras(nn.Sequential(nn.LSTM(4, 2)), dense)


@pytest.mark.frameworks
def test_a_flatten_that_does_not_add_up_is_explained():
    import keras
    from torch import nn

    model = keras.Sequential([keras.Input((4, 4, 2)), keras.layers.Flatten(),
                              keras.layers.Dense(3)])
    with pytest.raises(PortError, match=r"H\*W\*C = 4\*4\*2 = 32"):
        torch_to_keras(nn.Sequential(nn.Flatten(), nn.Linear(30, 3)), model)
