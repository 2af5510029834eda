"""VGG16 transfer learning: the PyTorch version of a Neuroblocks model.

Transfer learning: the convolutional base of VGG16 on 64×64 colour images, frozen (trainable: false), with a new dense classifier on top. 14,920,598 parameters, of which 205,910 are trained.

The module takes input in the app's layout, NHWC (batch, height, width, channels), and permutes it to NCHW (batch, channels, height, width), the layout of PyTorch's layers, at the start of forward().
Input shape: (batch, 64, 64, 3). Outputs are in the app's layout too.
Augmentation blocks only act while training in the app; this module is the model at inference.

load_model() returns the module with the weights of weights.npz (the trained weights when the
export was made from a run), in evaluation mode, ready for inference.
"""
import os

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


class Vgg16TransferLearning(nn.Module):
    def __init__(self):
        super().__init__()
        self.block1_conv1 = nn.Conv2d(3, 64, kernel_size=3, padding="same")
        self.block1_conv1.requires_grad_(False)  # frozen in the app (trainable: false)
        self.block1_conv2 = nn.Conv2d(64, 64, kernel_size=3, padding="same")
        self.block1_conv2.requires_grad_(False)  # frozen in the app (trainable: false)
        self.block1_pool = nn.MaxPool2d(2)
        self.block1_pool.requires_grad_(False)  # frozen in the app (trainable: false)
        self.block2_conv1 = nn.Conv2d(64, 128, kernel_size=3, padding="same")
        self.block2_conv1.requires_grad_(False)  # frozen in the app (trainable: false)
        self.block2_conv2 = nn.Conv2d(128, 128, kernel_size=3, padding="same")
        self.block2_conv2.requires_grad_(False)  # frozen in the app (trainable: false)
        self.block2_pool = nn.MaxPool2d(2)
        self.block2_pool.requires_grad_(False)  # frozen in the app (trainable: false)
        self.block3_conv1 = nn.Conv2d(128, 256, kernel_size=3, padding="same")
        self.block3_conv1.requires_grad_(False)  # frozen in the app (trainable: false)
        self.block3_conv2 = nn.Conv2d(256, 256, kernel_size=3, padding="same")
        self.block3_conv2.requires_grad_(False)  # frozen in the app (trainable: false)
        self.block3_conv3 = nn.Conv2d(256, 256, kernel_size=3, padding="same")
        self.block3_conv3.requires_grad_(False)  # frozen in the app (trainable: false)
        self.block3_pool = nn.MaxPool2d(2)
        self.block3_pool.requires_grad_(False)  # frozen in the app (trainable: false)
        self.block4_conv1 = nn.Conv2d(256, 512, kernel_size=3, padding="same")
        self.block4_conv1.requires_grad_(False)  # frozen in the app (trainable: false)
        self.block4_conv2 = nn.Conv2d(512, 512, kernel_size=3, padding="same")
        self.block4_conv2.requires_grad_(False)  # frozen in the app (trainable: false)
        self.block4_conv3 = nn.Conv2d(512, 512, kernel_size=3, padding="same")
        self.block4_conv3.requires_grad_(False)  # frozen in the app (trainable: false)
        self.block4_pool = nn.MaxPool2d(2)
        self.block4_pool.requires_grad_(False)  # frozen in the app (trainable: false)
        self.block5_conv1 = nn.Conv2d(512, 512, kernel_size=3, padding="same")
        self.block5_conv1.requires_grad_(False)  # frozen in the app (trainable: false)
        self.block5_conv2 = nn.Conv2d(512, 512, kernel_size=3, padding="same")
        self.block5_conv2.requires_grad_(False)  # frozen in the app (trainable: false)
        self.block5_conv3 = nn.Conv2d(512, 512, kernel_size=3, padding="same")
        self.block5_conv3.requires_grad_(False)  # frozen in the app (trainable: false)
        self.block5_pool = nn.MaxPool2d(2)
        self.block5_pool.requires_grad_(False)  # frozen in the app (trainable: false)
        self.dense1 = nn.Linear(2048, 100)
        self.output = nn.Linear(100, 10)

    def forward(self, x):
        x = x.permute(0, 3, 1, 2)  # NHWC (as in the app and Keras) → NCHW (as PyTorch expects)
        x = F.relu(self.block1_conv1(x))
        x = F.relu(self.block1_conv2(x))
        x = self.block1_pool(x)
        x = F.relu(self.block2_conv1(x))
        x = F.relu(self.block2_conv2(x))
        x = self.block2_pool(x)
        x = F.relu(self.block3_conv1(x))
        x = F.relu(self.block3_conv2(x))
        x = F.relu(self.block3_conv3(x))
        x = self.block3_pool(x)
        x = F.relu(self.block4_conv1(x))
        x = F.relu(self.block4_conv2(x))
        x = F.relu(self.block4_conv3(x))
        x = self.block4_pool(x)
        x = F.relu(self.block5_conv1(x))
        x = F.relu(self.block5_conv2(x))
        x = F.relu(self.block5_conv3(x))
        x = self.block5_pool(x)
        x = x.permute(0, 2, 3, 1).flatten(1)
        x = F.relu(self.dense1(x))
        x = F.softmax(self.output(x), dim=-1)
        return x


def load_model(path=None):
    """The model with the exported weights (weights.npz next to this file by default), ready for inference."""
    path = path or os.path.join(os.path.dirname(os.path.abspath(__file__)), "weights.npz")
    model = Vgg16TransferLearning()
    with np.load(path) as weights:
        model.load_state_dict({name: torch.from_numpy(weights[name]) for name in weights.files})
    return model.eval()


if __name__ == "__main__":
    model = load_model()
    with torch.no_grad():
        prediction = model(torch.rand((1, 64, 64, 3)))
    print(prediction)
