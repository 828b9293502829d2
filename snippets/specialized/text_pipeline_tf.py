"""Text to padded integer ids with keras.layers.TextVectorization, then an Embedding."""
# compare-agree: ids atol=1e-6
import keras
import numpy as np

corpus = ["The cat sat on the mat.", "The dog sat on the log!",
          "A cat and a dog.", "Dogs chase cats?"]

# adapt() lowercases, strips punctuation, splits on whitespace and counts tokens.
vectorize = keras.layers.TextVectorization(output_mode="int")
vectorize.adapt(corpus)
# Index 0 is padding "", 1 is "[UNK]", then tokens by count.
vocab = [str(tok) for tok in vectorize.get_vocabulary()]
print("vocabulary:", vocab)

# A batch of strings becomes ids padded with 0 to the longest sentence.
batch = ["The cat chased the dog", "A bird sat"]
ids = vectorize(batch)
print("ids:")
print(np.asarray(ids))

# mask_zero=True makes id 0 a padding position that later layers can skip.
embed = keras.layers.Embedding(len(vocab), 4, mask_zero=True)
vectors = embed(ids)
print("embedded shape:", tuple(vectors.shape))
print("mask:", np.asarray(embed.compute_mask(ids)).astype(int).tolist())
