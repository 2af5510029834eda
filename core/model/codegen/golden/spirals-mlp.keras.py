"""Two spirals: the Keras version of a Neuroblocks project.

Two interleaved spirals, as in TensorFlow Playground: a small network with two hidden layers learns to separate them.

Builds the same model as the diagram, then compiles and trains it with the project's settings.
"""

import keras
from keras import layers
import numpy as np

keras.utils.set_random_seed(1)  # the project's seed, for repeatable runs

def make_spirals(n, noise, num_classes, rng):
    """Interleaved spirals, one arm per class."""
    per_class = n // num_classes
    xs, ys = [], []
    for c in range(num_classes):
        r = np.linspace(0.05, 1.0, per_class)
        angle = 3 * np.pi * r + 2 * np.pi * c / num_classes
        points = np.stack([r * np.cos(angle), r * np.sin(angle)], axis=1)
        xs.append(points + rng.normal(0, noise, points.shape))
        ys.append(np.full(per_class, c))
    return np.concatenate(xs).astype("float32"), np.concatenate(ys)


# A generated 2-D data set like the app's spirals; the app draws its own points, so numbers
# differ a little.
x_train, y_train = make_spirals(600, noise=0.1, num_classes=2, rng=np.random.default_rng(1))
y_train = keras.utils.to_categorical(y_train, 2)

model = keras.Sequential(
    [
        keras.Input(shape=(2,), name="input"),
        layers.Dense(16, activation="tanh", name="hidden1"),
        layers.Dense(16, activation="tanh", name="hidden2"),
        layers.Dense(2, activation="softmax", name="output"),
    ],
    name="two_spirals",
)
model.summary()

model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=0.01),
    loss="categorical_crossentropy",
    metrics=["accuracy"],
)

history = model.fit(
    x_train,
    y_train,
    batch_size=16,
    epochs=60,
    validation_split=0.2,
)

model.save("two_spirals.keras")
