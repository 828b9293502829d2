"""livecompare: runs paired PyTorch/TensorFlow snippets and renders them as linked tabs."""
