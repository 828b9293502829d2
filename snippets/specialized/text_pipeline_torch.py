"""Text to padded integer ids in plain Python, pad_sequence, then an nn.Embedding."""
# compare-agree: ids atol=1e-6
import string
from collections import Counter

import torch
from torch import nn
from torch.nn.utils.rnn import pad_sequence

corpus = ["The cat sat on the mat.", "The dog sat on the log!",
          "A cat and a dog.", "Dogs chase cats?"]


def tokenize(text):
    # The same rule as Keras's default: lowercase, drop ASCII punctuation, split.
    return text.lower().translate(str.maketrans("", "", string.punctuation)).split()


# Count tokens; order by count, ties broken the way Keras does (reverse alphabetical).
counts = Counter(tok for line in corpus for tok in tokenize(line))
ranked = sorted(counts.items(), key=lambda kv: (kv[1], kv[0]), reverse=True)
vocab = ["", "[UNK]"] + [tok for tok, _ in ranked]  # 0 = padding, 1 = unknown
index = {tok: i for i, tok in enumerate(vocab)}
print("vocabulary:", vocab)

# A batch of strings becomes ids padded with 0 to the longest sentence.
batch = ["The cat chased the dog", "A bird sat"]
seqs = [torch.tensor([index.get(t, 1) for t in tokenize(s)]) for s in batch]
ids = pad_sequence(seqs, batch_first=True, padding_value=0)
print("ids:")
print(ids.numpy())

# padding_idx=0 keeps the padding row at zero; the mask is computed by hand.
embed = nn.Embedding(len(vocab), 4, padding_idx=0)
vectors = embed(ids)
print("embedded shape:", tuple(vectors.shape))
print("mask:", (ids != 0).int().tolist())
