"""TensorFlow Probability: densities, shapes, KL, reparameterized gradients."""
# compare-agree: lp kl atol=1e-5
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
