"""A hand-written PyTorch training loop: the work the PyTorch engine does, without the engine.

Trains the course's MNIST CNN or the CIFAR-sized CNN on the data and sample orders the app prepared
(the .npy files of a run folder), with the same epochs, batch size and Adam settings (Keras's
epsilon), validating at the end of every epoch, and prints one JSON line: the seconds of training
and validation (the sum of the epochs, as the engines report them) and the last validation accuracy.
Usage: pytorch_loop.py RUN_DIR mnist|cifar THREADS EPOCHS BATCH LEARNING_RATE
"""
import json
import os
import sys
import time

import numpy as np
import torch
from torch import nn


def mnist_cnn():
    return nn.Sequential(
        nn.Conv2d(1, 8, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Dropout(0.2),
        nn.Conv2d(8, 16, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Dropout(0.2),
        nn.Flatten(), nn.Linear(16 * 5 * 5, 100), nn.ReLU(), nn.Dropout(0.5),
        nn.Linear(100, 10),
    )


def cifar_cnn():
    # Conv32-Conv32-Pool-Conv64-Conv64-Pool-Dense128 on 32×32×3 ('same' then 'valid', as Keras's CIFAR-10 example).
    return nn.Sequential(
        nn.Conv2d(3, 32, 3, padding=1), nn.ReLU(), nn.Conv2d(32, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.Conv2d(64, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(64 * 6 * 6, 128), nn.ReLU(), nn.Linear(128, 10),
    )


def main():
    run_dir, which = sys.argv[1], sys.argv[2]
    threads, epochs, batch = map(int, sys.argv[3:6])
    lr = float(sys.argv[6])
    torch.set_num_threads(threads)
    torch.manual_seed(1)

    def load(name):
        return np.load(os.path.join(run_dir, name))

    # NHWC as the app keeps images → NCHW as PyTorch convolutions take them, once.
    x_train = torch.from_numpy(np.ascontiguousarray(load("x_train.npy").transpose(0, 3, 1, 2)))
    y_train = torch.from_numpy(load("y_train.npy").astype(np.int64))
    x_val = torch.from_numpy(np.ascontiguousarray(load("x_val.npy").transpose(0, 3, 1, 2)))
    y_val = torch.from_numpy(load("y_val.npy").astype(np.int64))
    orders = torch.from_numpy(load("orders.npy").astype(np.int64))
    model = mnist_cnn() if which == "mnist" else cifar_cnn()
    optimizer = torch.optim.Adam(model.parameters(), lr=lr, eps=1e-7)
    loss_fn = nn.CrossEntropyLoss()
    seconds = 0.0
    val_accuracy = float("nan")
    for epoch in range(epochs):
        start = time.perf_counter()
        model.train()
        order = orders[epoch]
        for b in range(0, len(order), batch):
            idx = order[b:b + batch]
            optimizer.zero_grad()
            loss = loss_fn(model(x_train[idx]), y_train[idx])
            loss.backward()
            optimizer.step()
        model.eval()
        correct = 0
        with torch.no_grad():
            for b in range(0, len(x_val), 1024):
                correct += (model(x_val[b:b + 1024]).argmax(1) == y_val[b:b + 1024]).sum().item()
        val_accuracy = correct / max(len(x_val), 1)
        seconds += time.perf_counter() - start
    print(json.dumps({
        "seconds": seconds, "samples": epochs * len(y_train), "valAccuracy": val_accuracy,
        "params": sum(p.numel() for p in model.parameters()), "threads": torch.get_num_threads(), "torch": torch.__version__,
    }))


if __name__ == "__main__":
    main()
