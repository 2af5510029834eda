"""Digits 5–9 from 50 images per class: the Keras version of a Neuroblocks project.

Transfer learning, step 2: learn the digits 5 to 9 from only 50 images of each. Trained as it is, this small network learns from the pixels alone. Then train “Digits 0–4”, and in its Runs choose “Use as a pretrained base” with this project as the target: the base goes between the Input and Flatten, frozen, and the same 250 images train only the blocks after it. Compare the two runs’ test accuracy in Runs.

Builds the same model as the diagram, then compiles and trains it with the project's settings.
"""

import keras
from keras import layers
import numpy as np

keras.utils.set_random_seed(1)  # the project's seed, for repeatable runs

# MNIST: 28×28 grey images of handwritten digits, pixels scaled from 0–255 to 0–1.
(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
keep = np.array([5, 6, 7, 8, 9])  # the project keeps these classes, numbered 0, 1, … in this order
relabel = np.full(10, -1)
relabel[keep] = np.arange(len(keep))
x_train, y_train = x_train[relabel[y_train] >= 0], relabel[y_train][relabel[y_train] >= 0]
x_test, y_test = x_test[relabel[y_test] >= 0], relabel[y_test][relabel[y_test] >= 0]
picked = np.sort(np.concatenate([np.flatnonzero(y_train == c)[:50] for c in np.unique(y_train)]))  # at most 50 images of each class
x_train, y_train = x_train[picked], y_train[picked]
x_train = x_train.reshape((-1, 28, 28, 1)).astype("float32") / 255
x_test = x_test.reshape((-1, 28, 28, 1)).astype("float32") / 255
y_train = keras.utils.to_categorical(y_train, 5)
y_test = keras.utils.to_categorical(y_test, 5)

model = keras.Sequential(
    [
        keras.Input(shape=(28, 28, 1), name="input"),
        layers.Flatten(name="flatten"),
        layers.Dense(64, activation="relu", name="dense1"),
        layers.Dense(5, activation="softmax", name="output"),
    ],
    name="digits_5_9_from_50_images_per_class",
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
    batch_size=25,
    epochs=10,
)

test_loss, test_accuracy = model.evaluate(x_test, y_test, verbose=0)
print(f"Test accuracy: {test_accuracy:.4f}")

model.save("digits_5_9_from_50_images_per_class.keras")
