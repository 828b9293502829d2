"""Padding in embeddings: mask_zero=True hides the pads from the layers that follow."""
# compare-agree: pooled grad atol=1e-6
import keras
import numpy as np
import tensorflow as tf

np.set_printoptions(precision=4, suppress=True)
rng = np.random.default_rng(0)  # the same numbers in both tabs
# 5 ids, id 0 is the padding
table = rng.standard_normal((5, 3), dtype=np.float32)
# two sequences, padded to length 4
ids = np.array([[3, 1, 0, 0], [2, 4, 4, 0]])
# the loss is sum(pooled * probe)
probe = np.float32([1.0, -1.0, 0.5])

# torch's nn.Embedding(padding_idx=0) then a mean of the real tokens only (the mean
# a torch model must take by hand: padding_idx alone does not drop the pads).
real = ids != 0
torch_rule = (table[ids] * real[..., None]).sum(1) / real.sum(1, keepdims=True)

pool = keras.layers.GlobalAveragePooling1D()
# Naive: without mask_zero, the pads are ordinary tokens, and the mean counts them.
emb = keras.layers.Embedding(5, 3)
emb.build((None, 4))
emb.set_weights([table])
naive = pool(emb(ids))
print("naive port, no mask:        max |diff| = "
      f"{np.abs(naive.numpy() - torch_rule).max():.4f}")
# Right: mask_zero=True builds a mask from the zeros; the pooling averages the rest.
emb = keras.layers.Embedding(5, 3, mask_zero=True)
emb.build((None, 4))
emb.set_weights([table])
with tf.GradientTape() as tape:
    pooled = pool(emb(ids), mask=emb.compute_mask(ids))
    loss = tf.reduce_sum(pooled * probe)
grad = tf.convert_to_tensor(tape.gradient(loss, emb.embeddings))
print("right, mask_zero=True:      max |diff| = "
      f"{np.abs(pooled.numpy() - torch_rule).max():.4f}")
print("pooled:", pooled.numpy())
print("gradient of the table, row 0 (padding):", grad[0].numpy())
print("gradient of the table, row 4 (twice):  ", grad[4].numpy())
