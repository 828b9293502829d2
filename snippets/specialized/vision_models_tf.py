"""Two keras.applications classifiers built with weights=None: no download."""
# compare-differs: each framework draws its own random initial weights
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
