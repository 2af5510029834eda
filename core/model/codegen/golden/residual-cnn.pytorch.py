"""Residual CNN: the PyTorch version of a Neuroblocks model.

A small residual network: the input of two convolutions is added back to their output (a skip connection, as in ResNet), which helps deep networks learn.

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


class ResidualCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, kernel_size=3, padding="same")
        self.conv2 = nn.Conv2d(16, 16, kernel_size=3, padding="same")
        self.conv3 = nn.Conv2d(16, 16, kernel_size=3, padding="same")
        self.pool = nn.MaxPool2d(2)
        self.conv4 = nn.Conv2d(16, 32, kernel_size=3)
        self.pool2 = nn.MaxPool2d(2)
        self.output = nn.Linear(1152, 10)

    def forward(self, inputs):
        inputs = inputs.permute(0, 3, 1, 2)  # NHWC (as in the app and Keras) → NCHW (as PyTorch expects)
        conv1 = F.relu(self.conv1(inputs))
        conv2 = F.relu(self.conv2(conv1))
        conv3 = self.conv3(conv2)
        add = conv1 + conv3
        relu = F.relu(add)
        pool = self.pool(relu)
        conv4 = F.relu(self.conv4(pool))
        pool2 = self.pool2(conv4)
        flatten = pool2.permute(0, 2, 3, 1).flatten(1)
        output = F.softmax(self.output(flatten), dim=-1)
        return output


def load_model(path=None):
    """The model with the exported weights (weights.npz next to this file by default), ready for inference."""
    path = path or os.path.join(os.path.dirname(os.path.abspath(__file__)), "weights.npz")
    model = ResidualCnn()
    with np.load(path) as weights:
        model.load_state_dict({name: torch.from_numpy(weights[name]) for name in weights.files})
    return model.eval()


if __name__ == "__main__":
    model = load_model()
    with torch.no_grad():
        prediction = model(torch.rand((1, 28, 28, 1)))
    print(prediction)
