"""Defining an op with a hand-written gradient using torch.autograd.Function."""
# compare-agree: y dy_dx atol=1e-6

import torch


class Log1pExp(torch.autograd.Function):
    """softplus(x) = log(1 + exp(x)), computed without overflow."""

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)  # backward needs the input, not the output
        # Naive log(1 + exp(x)) overflows: exp(100) is inf in float32.
        return x.clamp(min=0) + torch.log1p(torch.exp(-x.abs()))

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        # d/dx log(1 + exp(x)) = sigmoid(x), which never overflows.
        return grad_output * torch.sigmoid(x)


x = torch.tensor([-2.0, 0.0, 100.0], requires_grad=True)
y = Log1pExp.apply(x)
y.sum().backward()

print("x:       ", x.tolist())
print("value:   ", [round(v, 4) for v in y.tolist()])
dy_dx = x.grad
print("gradient:", [round(g, 4) for g in dy_dx.tolist()])
