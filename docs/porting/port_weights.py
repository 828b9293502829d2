"""Copy weights between a torch.nn module and a Keras model of the same architecture.

`torch_to_keras(module, model)` and `keras_to_torch(model, module)` pair the layers
that hold weights, in order, and copy each one in the layout of its target:

- `nn.Linear` <-> `keras.layers.Dense`: the matrix is transposed,
  (out, in) <-> (in, out).
- `nn.Conv2d` <-> `keras.layers.Conv2D`: the kernel is permuted,
  (out, in, kh, kw) <-> (kh, kw, in, out).
- `nn.BatchNorm1d`/`nn.BatchNorm2d` <-> `keras.layers.BatchNormalization`: gamma, beta,
  and the running mean and variance. The layer's epsilon and momentum are carried over
  too (torch's momentum 0.1 is Keras's 0.9), because the defaults differ and change
  the numbers; pass `settings=False` to copy weights only.

Flatten: the torch model is assumed to be NCHW, so `nn.Flatten` before a `Linear` reads
its input in (C, H, W) order, while a channels_last Keras `Flatten` reads (H, W, C).
When a Keras `Dense` is fed by a `Flatten` of a 4-D feature map (with only dropout or
activation layers between them), the rows of the matrix are permuted to match; nothing
is needed after global pooling. Keras models may be channels_last (the default) or
channels_first. Layer hyperparameters such as padding and stride are not checked: the
two models must already compute the same function.

Layers pair up by order: torch's `named_modules()` order (the order of assignment in
`__init__`, which is the forward order for `nn.Sequential`) and Keras's `model.layers`,
nested models included. A pair that does not fit (a different kind of layer, a
different shape, a missing bias, a different number of layers) raises `PortError`,
naming both layers and their shapes; a layer with weights of a kind not listed above
raises it too.

torch and keras are imported only when a function is called. Example::

    import keras
    from torch import nn
    from port_weights import torch_to_keras

    module = nn.Sequential(
        nn.Conv2d(1, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(),
        nn.MaxPool2d(2), nn.Flatten(), nn.Linear(8 * 14 * 14, 10)).eval()
    model = keras.Sequential([
        keras.Input((28, 28, 1)), keras.layers.Conv2D(8, 3, padding="same"),
        keras.layers.BatchNormalization(), keras.layers.ReLU(),
        keras.layers.MaxPooling2D(2), keras.layers.Flatten(), keras.layers.Dense(10)])
    torch_to_keras(module, model)
    # model(x.transpose(0, 2, 3, 1)) now matches module(x) for a batch x in NCHW.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

__all__ = ["PortError", "keras_to_torch", "torch_to_keras"]


class PortError(ValueError):
    """The two models do not hold the same layers with weights."""


# The Keras layer that each supported torch layer ports to.
_KINDS = {"Linear": "Dense", "Conv2d": "Conv2D",
          "BatchNorm1d": "BatchNormalization", "BatchNorm2d": "BatchNormalization"}
# Weightless Keras layers that leave the order of a flattened vector alone.
_ELEMENTWISE = {"InputLayer", "Dropout", "Activation", "ReLU", "LeakyReLU", "ELU",
                "Softmax", "GaussianNoise", "GaussianDropout", "AlphaDropout"}
_BATCHNORM = [("weight", "gamma"), ("bias", "beta"), ("running_mean", "moving_mean"),
              ("running_var", "moving_variance")]


# ------------------------------------------------------------------ layouts


def _same(a):
    return a


def _conv_to_keras(a):  # (out, in, kh, kw) -> (kh, kw, in, out)
    return a.transpose(2, 3, 1, 0)


def _conv_to_torch(a):  # (kh, kw, in, out) -> (out, in, kh, kw)
    return a.transpose(3, 2, 0, 1)


def _dense_to_keras(a, hwc=None):  # (out, in) -> (in, out)
    if hwc:  # the inputs from torch's (C, H, W) order to Keras's (H, W, C)
        h, w, c = hwc
        a = a.reshape(-1, c, h, w).transpose(0, 2, 3, 1).reshape(a.shape[0], -1)
    return a.T


def _dense_to_torch(a, hwc=None):  # (in, out) -> (out, in)
    if hwc:  # the inputs from Keras's (H, W, C) order to torch's (C, H, W)
        h, w, c = hwc
        a = a.reshape(h, w, c, -1).transpose(2, 0, 1, 3).reshape(-1, a.shape[1])
    return a.T


@dataclass
class _Pair:
    torch_name: str
    torch_layer: Any
    keras_layer: Any
    flatten_hwc: tuple[int, int, int] | None  # (H, W, C) of a Flatten before a Dense

    @property
    def kind(self) -> str:
        return type(self.torch_layer).__name__

    def entries(self) -> list[tuple[str, str, Callable, Callable]]:
        """(torch attribute, Keras attribute, to Keras's layout, to torch's layout)."""
        if self.kind == "Linear":
            return [("weight", "kernel", partial(_dense_to_keras, hwc=self.flatten_hwc),
                     partial(_dense_to_torch, hwc=self.flatten_hwc)),
                    ("bias", "bias", _same, _same)]
        if self.kind == "Conv2d":
            return [("weight", "kernel", _conv_to_keras, _conv_to_torch),
                    ("bias", "bias", _same, _same)]
        return [(ours, theirs, _same, _same) for ours, theirs in _BATCHNORM]


# ------------------------------------------------------------------ the two directions


def torch_to_keras(module: Any, model: Any, *, settings: bool = True,
                   ) -> list[tuple[str, str]]:
    """Copy the weights of the torch `module` into the Keras `model`, in place.

    Every pair is checked before anything is written, so a PortError leaves the
    model as it was. Returns the (torch layer, Keras layer) names paired, in order.
    """
    writes = []
    pairs = _pairs(module, model)
    for pair in pairs:
        for ours, theirs, to_keras, _ in pair.entries():
            tensor = getattr(pair.torch_layer, ours, None)  # None: bias=False, ...
            variable = getattr(pair.keras_layer, theirs, None)  # None: use_bias=False
            _both_or_neither(pair, ours, tensor, theirs, variable)
            if tensor is not None:
                value = _convert(pair, to_keras, tensor.detach().cpu().numpy(), ours)
                _same_shape(pair, theirs, tuple(variable.shape), value, f"torch {ours}")
                writes.append((variable, value))
    for variable, value in writes:
        variable.assign(value.astype(variable.dtype))
    if settings:
        for pair in pairs:
            if pair.kind.startswith("BatchNorm"):
                pair.keras_layer.epsilon = float(pair.torch_layer.eps)
                if pair.torch_layer.momentum is not None:  # None: cumulative average
                    pair.keras_layer.momentum = 1.0 - float(pair.torch_layer.momentum)
        for attribute in ("predict_function", "train_function", "test_function"):
            if getattr(model, attribute, None) is not None:  # traced with old settings
                setattr(model, attribute, None)
    return [(pair.torch_name, pair.keras_layer.name) for pair in pairs]


def keras_to_torch(model: Any, module: Any, *, settings: bool = True,
                   ) -> list[tuple[str, str]]:
    """Copy the weights of the Keras `model` into the torch `module`, in place.

    Every pair is checked before anything is written, so a PortError leaves the
    module as it was. Returns the (torch layer, Keras layer) names paired, in order.
    """
    import torch

    writes = []
    pairs = _pairs(module, model)
    for pair in pairs:
        for ours, theirs, _, to_torch in pair.entries():
            tensor = getattr(pair.torch_layer, ours, None)
            variable = getattr(pair.keras_layer, theirs, None)
            _both_or_neither(pair, ours, tensor, theirs, variable)
            if variable is not None:
                value = _convert(pair, to_torch, variable.numpy(), theirs)
                _same_shape(pair, ours, tuple(tensor.shape), value, f"Keras {theirs}")
                writes.append((tensor, value))
    with torch.no_grad():
        for tensor, value in writes:
            tensor.copy_(torch.as_tensor(value.copy(), dtype=tensor.dtype))
    if settings:
        for pair in pairs:
            if pair.kind.startswith("BatchNorm"):
                pair.torch_layer.eps = float(pair.keras_layer.epsilon)
                pair.torch_layer.momentum = 1.0 - float(pair.keras_layer.momentum)
    return [(pair.torch_name, pair.keras_layer.name) for pair in pairs]


# ------------------------------------------------------------------ pairing the layers


def _pairs(module: Any, model: Any) -> list[_Pair]:
    ours, theirs = _torch_layers(module), _keras_layers(model)
    if len(ours) != len(theirs):
        raise PortError(
            f"the torch module has {len(ours)} layers with weights and the Keras "
            f"model has {len(theirs)}:\n  torch: "
            + ", ".join(f"{name} ({type(layer).__name__})" for name, layer in ours)
            + "\n  Keras: " + ", ".join(f"{layer.name} ({type(layer).__name__})"
                                        for layer, _ in theirs))
    pairs = []
    for (name, layer), (keras_layer, flatten_hwc) in zip(ours, theirs, strict=True):
        pair = _Pair(name, layer, keras_layer, flatten_hwc)
        if type(keras_layer).__name__ != _KINDS[pair.kind]:
            _mismatch(pair, f"a {pair.kind} ports to a {_KINDS[pair.kind]}")
        pairs.append(pair)
    return pairs


def _torch_layers(module: Any) -> list[tuple[str, Any]]:
    layers = []
    for name, layer in module.named_modules():
        kind = type(layer).__name__
        if kind in _KINDS:
            if kind == "Conv2d" and layer.groups != 1:
                raise PortError(f"torch layer {name!r} is a Conv2d with groups="
                                f"{layer.groups}; only groups=1 can be ported")
            layers.append((name or kind, layer))
        elif any(True for _ in layer.parameters(recurse=False)):
            raise PortError(f"torch layer {name!r} ({kind}) has weights, but only "
                            "Linear, Conv2d and BatchNorm1d/2d can be ported")
    return layers


def _keras_layers(model: Any) -> list[tuple[Any, tuple[int, int, int] | None]]:
    """The Keras layers with weights, in order; a Dense comes with the (H, W, C) of
    the Flatten that feeds it, if one does."""
    layers: list[tuple[Any, tuple[int, int, int] | None]] = []
    state: dict[str, Any] = {"flatten_hwc": None, "channels_first": False}

    def walk(layer: Any) -> None:
        kind = type(layer).__name__
        if kind not in _KINDS.values() and getattr(layer, "layers", None) is not None:
            for sub in layer.layers:  # a nested model
                walk(sub)
            return
        if kind in _KINDS.values():
            layers.append((layer, state["flatten_hwc"] if kind == "Dense" else None))
            state["flatten_hwc"] = None
        elif layer.weights:
            raise PortError(f"Keras layer {layer.name!r} ({kind}) has weights, but "
                            "only Dense, Conv2D and BatchNormalization can be ported")
        elif kind == "Flatten":
            state["flatten_hwc"] = _flatten_order(layer, state["channels_first"])
        elif kind not in _ELEMENTWISE:
            state["flatten_hwc"] = None
        if kind != "Flatten" and getattr(layer, "data_format", None) is not None:
            state["channels_first"] = layer.data_format == "channels_first"

    walk(model)
    return layers


def _flatten_order(layer: Any, channels_first: bool) -> tuple[int, int, int] | None:
    """(H, W, C) when this Flatten reads a 4-D feature map in (H, W, C) order."""
    shape = _input_shape(layer)
    if shape is None:
        raise PortError(f"cannot tell what shape Keras layer {layer.name!r} (Flatten) "
                        "receives; build the model first (keras.Input, or call it)")
    if len(shape) != 4:
        return None
    moves_channels_last = layer.data_format == "channels_first"  # see keras's Flatten
    if channels_first and not moves_channels_last:
        return None  # it reads (C, H, W), as torch does
    if not channels_first and moves_channels_last:
        raise PortError(f"Keras layer {layer.name!r} is a channels_first Flatten after "
                        "channels_last layers; its order has no torch equivalent")
    if channels_first:
        c, h, w = shape[1:]
        return h, w, c
    return tuple(shape[1:])


def _input_shape(layer: Any) -> tuple | None:
    try:
        return tuple(layer.input.shape)
    except (AttributeError, ValueError, RuntimeError):  # in a subclassed model
        built = getattr(layer, "_build_shapes_dict", None) or {}
        shape = next(iter(built.values()), None)
        return None if shape is None else tuple(shape)


# ------------------------------------------------------------------ checks and errors


def _convert(pair: _Pair, convert: Callable, value: Any, name: str) -> Any:
    try:
        return convert(value)
    except ValueError:  # a reshape for the Flatten order that cannot be done
        h, w, c = pair.flatten_hwc
        _mismatch(pair, f"the {name} {tuple(value.shape)} cannot be reordered for the "
                        f"Flatten before {pair.keras_layer.name!r}, which gives "
                        f"H*W*C = {h}*{w}*{c} = {h * w * c} inputs")


def _same_shape(pair: _Pair, target: str, shape: tuple, value: Any,
                source: str) -> None:
    if tuple(value.shape) != shape:
        _mismatch(pair, f"its {target} needs shape {shape}, but the {source} gives "
                        f"{tuple(value.shape)} after the change of layout")


def _both_or_neither(pair: _Pair, ours: str, tensor: Any, theirs: str,
                     variable: Any) -> None:
    if (tensor is None) != (variable is None):
        has, lacks = (f"Keras {theirs}", f"torch {ours}") if tensor is None else (
            f"torch {ours}", f"Keras {theirs}")
        hint = ("bias=False or use_bias=False" if ours == "bias" and theirs == "bias"
                else "affine=False, track_running_stats=False, or scale/center=False")
        _mismatch(pair, f"there is a {has} but no {lacks} ({hint}?)")


def _mismatch(pair: _Pair, detail: str) -> None:
    names = ("weight", "bias", "running_mean", "running_var")
    ours = [f"{name} {tuple(t.shape)}" for name in names
            if (t := getattr(pair.torch_layer, name, None)) is not None]
    theirs = [f"{v.name} {tuple(v.shape)}" for v in pair.keras_layer.weights]
    raise PortError(
        f"torch layer {pair.torch_name!r} ({pair.kind}: {', '.join(ours)}) does not "
        f"fit Keras layer {pair.keras_layer.name!r} ({type(pair.keras_layer).__name__}"
        f": {', '.join(theirs) or 'no weights'}): {detail}")
