"""Image augmentation with torchvision.transforms.v2, for training and evaluation."""
# compare-agree: eval_mean atol=1e-5
import numpy as np
import torch
from torchvision.transforms import v2

# Eight synthetic RGB images, dark on the left and bright on the right, so that a
# horizontal flip shows: the same seeded pixels in both tabs.
rng = np.random.default_rng(0)
ramp = np.linspace(0, 200, 32)[None, None, :, None]
pixels = (ramp + rng.integers(0, 56, size=(8, 32, 32, 3))).astype(np.uint8)
images = torch.from_numpy(pixels).permute(0, 3, 1, 2)  # channels first: N, C, H, W
print("input:", tuple(images.shape), images.dtype)

MEAN, STD = [0.5, 0.5, 0.5], [0.25, 0.25, 0.25]
train_transform = v2.Compose([
    v2.RandomCrop(24),
    v2.RandomHorizontalFlip(p=0.5),
    v2.ToDtype(torch.float32, scale=True),  # uint8 0..255 -> float 0..1
    v2.Normalize(MEAN, STD),
])
eval_transform = v2.Compose([
    v2.CenterCrop(24),
    v2.ToDtype(torch.float32, scale=True),
    v2.Normalize(MEAN, STD),
])


def flipped(batch):
    """How many images are brighter on the left half than on the right."""
    left = batch[..., :12].mean(dim=(1, 2, 3))
    right = batch[..., 12:].mean(dim=(1, 2, 3))
    return f"{int((left > right).sum())} of {len(batch)} flipped"


# A Dataset applies the transform to one image at a time: a new draw for each.
one_by_one = torch.stack([train_transform(image) for image in images])
print("train, image by image:", tuple(one_by_one.shape), one_by_one.dtype,
      flipped(one_by_one))
# Handed a whole batch, a v2 transform draws once: one crop and flip for all images.
for _ in range(3):
    print("train, whole batch:", flipped(train_transform(images)))
evaluated = eval_transform(images)
print("eval:", tuple(evaluated.shape), flipped(evaluated))
eval_mean = evaluated.mean(dim=(0, 2, 3))
print("eval mean per channel:", eval_mean.numpy().round(4))
