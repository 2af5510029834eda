"""Digits 0–4: the PyTorch version of a Neuroblocks model.

Transfer learning, step 1: a small convolutional network learns the digits 0 to 4 from all 30,596 MNIST training images of those digits, as a pretrained network learns from many images. Train it, then in Runs choose “Use as a pretrained base” on its run and pick the project “Digits 5–9 from 50 images per class”: its convolutions, which have learned strokes and curves, become a frozen base there.

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


class Digits04(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, kernel_size=3)
        self.pool1 = nn.MaxPool2d(2)
        self.conv2 = nn.Conv2d(16, 32, kernel_size=3)
        self.pool2 = nn.MaxPool2d(2)
        self.dense1 = nn.Linear(800, 64)
        self.output = nn.Linear(64, 5)

    def forward(self, x):
        x = x.permute(0, 3, 1, 2)  # NHWC (as in the app and Keras) → NCHW (as PyTorch expects)
        x = F.relu(self.conv1(x))
        x = self.pool1(x)
        x = F.relu(self.conv2(x))
        x = self.pool2(x)
        x = x.permute(0, 2, 3, 1).flatten(1)
        x = F.relu(self.dense1(x))
        x = F.softmax(self.output(x), dim=-1)
        return x


def load_model(path=None):
    """The model with the exported weights (weights.npz next to this file by default), ready for inference."""
    path = path or os.path.join(os.path.dirname(os.path.abspath(__file__)), "weights.npz")
    model = Digits04()
    with np.load(path) as weights:
        model.load_state_dict({name: torch.from_numpy(weights[name]) for name in weights.files})
    return model.eval()


if __name__ == "__main__":
    model = load_model()
    with torch.no_grad():
        prediction = model(torch.rand((1, 28, 28, 1)))
    print(prediction)
