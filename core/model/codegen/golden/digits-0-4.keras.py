"""Digits 0–4: the Keras version of a Neuroblocks project.

Transfer learning, step 1: a small convolutional network learns the digits 0 to 4 from all 30,596 MNIST training images of those digits, as a pretrained network learns from many images. Train it, then in Runs choose “Use as a pretrained base” on its run and pick the project “Digits 5–9 from 50 images per class”: its convolutions, which have learned strokes and curves, become a frozen base there.

Builds the same model as the diagram, then compiles and trains it with the project's settings.
"""

import keras
from keras import layers
import numpy as np

keras.utils.set_random_seed(1)  # the project's seed, for repeatable runs

# MNIST: 28×28 grey images of handwritten digits, pixels scaled from 0–255 to 0–1.
(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
keep = np.array([0, 1, 2, 3, 4])  # the project keeps these classes, numbered 0, 1, … in this order
relabel = np.full(10, -1)
relabel[keep] = np.arange(len(keep))
x_train, y_train = x_train[relabel[y_train] >= 0], relabel[y_train][relabel[y_train] >= 0]
x_test, y_test = x_test[relabel[y_test] >= 0], relabel[y_test][relabel[y_test] >= 0]
x_train = x_train.reshape((-1, 28, 28, 1)).astype("float32") / 255
x_test = x_test.reshape((-1, 28, 28, 1)).astype("float32") / 255
y_train = keras.utils.to_categorical(y_train, 5)
y_test = keras.utils.to_categorical(y_test, 5)

model = keras.Sequential(
    [
        keras.Input(shape=(28, 28, 1), name="input"),
        layers.Conv2D(16, 3, activation="relu", name="conv1"),
        layers.MaxPooling2D(2, name="pool1"),
        layers.Conv2D(32, 3, activation="relu", name="conv2"),
        layers.MaxPooling2D(2, name="pool2"),
        layers.Flatten(name="flatten"),
        layers.Dense(64, activation="relu", name="dense1"),
        layers.Dense(5, activation="softmax", name="output"),
    ],
    name="digits_0_4",
)
model.summary()

model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=0.001),
    loss="categorical_crossentropy",
    metrics=["accuracy"],
)

history = model.fit(
    x_train,
    y_train,
    batch_size=32,
    epochs=3,
    validation_split=0.1,
)

test_loss, test_accuracy = model.evaluate(x_test, y_test, verbose=0)
print(f"Test accuracy: {test_accuracy:.4f}")

model.save("digits_0_4.keras")
