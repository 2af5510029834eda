"""Two spirals: the PyTorch version of a Neuroblocks model.

Two interleaved spirals, as in TensorFlow Playground: a small network with two hidden layers learns to separate them.

The module takes input in the app's layout, NHWC (batch, height, width, channels), here a batch of vectors.
Input shape: (batch, 2). Outputs are in the app's layout too.
Augmentation blocks only act while training in the app; this module is the model at inference.

load_model() returns the module with the weights of weights.npz (the trained weights when the
export was made from a run), in evaluation mode, ready for inference.
"""
import os

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


class TwoSpirals(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden1 = nn.Linear(2, 16)
        self.hidden2 = nn.Linear(16, 16)
        self.output = nn.Linear(16, 2)

    def forward(self, x):
        x = torch.tanh(self.hidden1(x))
        x = torch.tanh(self.hidden2(x))
        x = F.softmax(self.output(x), dim=-1)
        return x


def load_model(path=None):
    """The model with the exported weights (weights.npz next to this file by default), ready for inference."""
    path = path or os.path.join(os.path.dirname(os.path.abspath(__file__)), "weights.npz")
    model = TwoSpirals()
    with np.load(path) as weights:
        model.load_state_dict({name: torch.from_numpy(weights[name]) for name in weights.files})
    return model.eval()


if __name__ == "__main__":
    model = load_model()
    with torch.no_grad():
        prediction = model(torch.rand((1, 2)))
    print(prediction)
