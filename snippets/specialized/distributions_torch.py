"""torch.distributions: densities, shapes, KL divergence, reparameterized gradients."""
# compare-agree: lp kl atol=1e-5
import torch
from torch import distributions as D

torch.manual_seed(0)

# A batch of two univariate normals: batch_shape (2,), event_shape ().
normal = D.Normal(loc=torch.tensor([0.0, 1.0]), scale=torch.tensor([1.0, 2.0]))
lp = normal.log_prob(torch.tensor(0.5))  # torch wants a tensor, not a float
print("normal log_prob(0.5):", [round(v, 4) for v in lp.tolist()])
print("  batch", tuple(normal.batch_shape), "event", tuple(normal.event_shape),
      "sample((3,))", tuple(normal.sample((3,)).shape))

# Independent turns the batch dimension into one event of size 2.
diag = D.Independent(normal, 1)
lp = diag.log_prob(torch.tensor([0.5, 0.5]))
print(f"independent log_prob([0.5, 0.5]): {lp.item():.4f}")
print("  batch", tuple(diag.batch_shape), "event", tuple(diag.event_shape))

# A correlated 2-D normal, given by the Cholesky factor of its covariance.
cov = torch.tensor([[1.0, 0.5], [0.5, 2.0]])
mvn = D.MultivariateNormal(torch.zeros(2), scale_tril=torch.linalg.cholesky(cov))
print(f"mvn log_prob([1, -1]): {mvn.log_prob(torch.tensor([1.0, -1.0])).item():.4f}")

# Discrete distributions.
cat = D.Categorical(probs=torch.tensor([0.2, 0.3, 0.5]))
bern = D.Bernoulli(probs=torch.tensor(0.3))
print(f"categorical log_prob(2): {cat.log_prob(torch.tensor(2)).item():.4f}, "
      f"entropy: {cat.entropy().item():.4f}")
print(f"bernoulli log_prob(1): {bern.log_prob(torch.tensor(1.0)).item():.4f}")

# Closed-form KL divergence between two normals.
kl = D.kl_divergence(D.Normal(0.0, 1.0), D.Normal(1.0, 2.0))
print(f"KL(N(0,1) || N(1,2)): {kl.item():.4f}")

# rsample draws mu + sigma * eps, so gradients reach mu and sigma.
mu = torch.tensor(1.5, requires_grad=True)
sigma = torch.tensor(0.5, requires_grad=True)
q = D.Normal(mu, sigma)
print("reparameterized:", q.has_rsample)
x = q.rsample((1_000_000,))
(x**2).mean().backward()  # E[x^2] = mu^2 + sigma^2: gradient (2 mu, 2 sigma)
print(f"Monte Carlo grad of E[x^2]: mu {mu.grad.item():.2f} (exact 3.00), "
      f"sigma {sigma.grad.item():.2f} (exact 1.00)")
