"""Digits 5–9 from 50 images per class: the PyTorch version of a Neuroblocks model.

Transfer learning, step 2: learn the digits 5 to 9 from only 50 images of each. Trained as it is, this small network learns from the pixels alone. Then train “Digits 0–4”, and in its Runs choose “Use as a pretrained base” with this project as the target: the base goes between the Input and Flatten, frozen, and the same 250 images train only the blocks after it. Compare the two runs’ test accuracy in Runs.

The module takes input in the app's layout, NHWC (batch, height, width, channels), and permutes it to NCHW (batch, channels, height, width), the layout of PyTorch's layers, at the start of forward().
Input shape: (batch, 28, 28, 1). Outputs are in the app's layout too.
Augmentation blocks only act while training in the app; this module is the model at inference.

load_model() returns the module with the weights of weights.npz (the trained weights when the
export was made from a run), in evaluation mode, ready for inference.
"""
import os

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


class Digits59From50ImagesPerClass(nn.Module):
    def __init__(self):
        super().__init__()
        self.dense1 = nn.Linear(784, 64)
        self.output = nn.Linear(64, 5)

    def forward(self, x):
        x = x.permute(0, 3, 1, 2)  # NHWC (as in the app and Keras) → NCHW (as PyTorch expects)
        x = x.permute(0, 2, 3, 1).flatten(1)
        x = F.relu(self.dense1(x))
        x = F.softmax(self.output(x), dim=-1)
        return x


def load_model(path=None):
    """The model with the exported weights (weights.npz next to this file by default), ready for inference."""
    path = path or os.path.join(os.path.dirname(os.path.abspath(__file__)), "weights.npz")
    model = Digits59From50ImagesPerClass()
    with np.load(path) as weights:
        model.load_state_dict({name: torch.from_numpy(weights[name]) for name in weights.files})
    return model.eval()


if __name__ == "__main__":
    model = load_model()
    with torch.no_grad():
        prediction = model(torch.rand((1, 28, 28, 1)))
    print(prediction)
