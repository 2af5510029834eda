"""The course's MNIST CNN trained with PyTorch on the CPU, timed per step.

Reads the digits the TensorFlow.js benchmark wrote (float32 images then uint8 labels), trains
with the same architecture, batch size and optimizer, and prints one JSON line.
Usage: pytorch_cnn.py DATA_FILE COUNT THREADS WARMUP STEPS BATCH
"""
import json
import sys
import time

import numpy as np
import torch
from torch import nn


def mnist_cnn() -> nn.Module:
    # Softmax is folded into CrossEntropyLoss, as PyTorch code does; Keras' softmax +
    # categorical cross-entropy computes the same loss.
    return nn.Sequential(
        nn.Conv2d(1, 8, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Dropout(0.2),
        nn.Conv2d(8, 16, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Dropout(0.2),
        nn.Flatten(), nn.Linear(16 * 5 * 5, 100), nn.ReLU(), nn.Dropout(0.5),
        nn.Linear(100, 10),
    )


def main() -> None:
    path, count, threads, warmup, steps, batch = sys.argv[1], *map(int, sys.argv[2:7])
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    raw = np.fromfile(path, dtype=np.uint8)
    images = np.frombuffer(raw[: count * 784 * 4].tobytes(), dtype=np.float32).reshape(count, 1, 28, 28)
    labels = raw[count * 784 * 4: count * 784 * 4 + count].astype(np.int64)
    batches = count // batch
    xs = [torch.from_numpy(images[b * batch:(b + 1) * batch].copy()) for b in range(batches)]
    ys = [torch.from_numpy(labels[b * batch:(b + 1) * batch].copy()) for b in range(batches)]

    model = mnist_cnn()
    model.train()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.001)
    loss_fn = nn.CrossEntropyLoss()
    loss_value = float('nan')
    start = cpu_start = 0.0
    for step in range(warmup + steps):
        if step == warmup:
            start = time.perf_counter()
            cpu_start = time.process_time()
        b = step % batches
        optimizer.zero_grad()
        loss = loss_fn(model(xs[b]), ys[b])
        loss.backward()
        optimizer.step()
        loss_value = loss.item()
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start
    print(json.dumps({
        'samplesPerSecond': steps * batch / seconds, 'samplesPerCpuSecond': steps * batch / cpu_seconds,
        'steps': steps, 'seconds': seconds,
        'finalLoss': loss_value, 'threads': torch.get_num_threads(), 'torch': torch.__version__,
    }))


if __name__ == '__main__':
    main()
