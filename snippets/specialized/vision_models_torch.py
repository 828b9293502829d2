"""Two torchvision classifiers built with weights=None: no download, random weights."""
# compare-differs: each framework draws its own random initial weights
import torch
from torch import nn
from torchvision import models

for name in ["mobilenet_v2", "resnet50"]:
    # weights=None is the default: the architecture only. weights="DEFAULT" would
    # download ImageNet weights on first use.
    model = models.get_model(name, weights=None).eval()
    params = sum(p.numel() for p in model.parameters())
    # Batch-norm running means and variances are buffers, not parameters; the
    # num_batches_tracked counters are left out, as Keras has none.
    stats = sum(b.numel() for key, b in model.named_buffers()
                if not key.endswith("num_batches_tracked"))
    convs = [m for m in model.modules() if isinstance(m, nn.Conv2d)]
    with_bias = [m for m in convs if m.bias is not None]
    bias_values = sum(m.bias.numel() for m in with_bias)
    with torch.no_grad():
        out = model(torch.zeros(1, 3, 224, 224))  # channels first
    print(f"{name}: {params:,} parameters + {stats:,} batch-norm statistics")
    print(f"  conv layers with a bias: {len(with_bias)} of {len(convs)}"
          f" ({bias_values:,} values)")
    print(f"  input (1, 3, 224, 224) -> output {tuple(out.shape)} logits")
