"""A custom layer with its own weights: nn.Module with nn.Parameter in PyTorch."""
# compare-agree: grad_gamma grad_beta atol=1e-6
import torch
from torch import nn


class Scale(nn.Module):
    """y = x * gamma + beta, one gamma and beta per feature."""

    def __init__(self, features: int):
        # weights are created here: the size is known up front
        super().__init__()
        # registered: trained, saved
        self.gamma = nn.Parameter(torch.ones(features))
        self.beta = nn.Parameter(torch.zeros(features))
        # A buffer is saved with the weights but never trained.
        self.register_buffer("calls", torch.zeros((), dtype=torch.long))

    def forward(self, x):
        self.calls += 1
        return x * self.gamma + self.beta


layer = Scale(3)
x = torch.tensor([[1.0, 2.0, 3.0]])
print("output:", layer(x).tolist())
print("trainable:", [(name, tuple(p.shape)) for name, p in layer.named_parameters()])
print("state_dict keys:", list(layer.state_dict()))

# Gradients reach the custom weights like any built-in layer's.
layer(x).sum().backward()
grad_gamma, grad_beta = layer.gamma.grad, layer.beta.grad
print("grad gamma:", grad_gamma.tolist(), "grad beta:", grad_beta.tolist())
print("calls so far:", int(layer.calls))
