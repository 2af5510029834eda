"""MNIST CNN: the Keras version of a Neuroblocks project.

The course's convolutional network for handwritten digits: two convolution + pooling stages, dropout, and a dense classifier (42,358 parameters). It trains on 8,000 of the 60,000 training digits to stay quick; with all 60,000 (10 epochs) it reaches 98.8 % on the 10,000 test digits.

Builds the same model as the diagram, then compiles and trains it with the project's settings.
"""

import keras
from keras import layers

keras.utils.set_random_seed(1)  # the project's seed, for repeatable runs

# MNIST: 28×28 grey images of handwritten digits, pixels scaled from 0–255 to 0–1.
(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train, y_train = x_train[:8000], y_train[:8000]  # the project trains on 8,000 of the 60,000 training images
x_train = x_train.reshape((-1, 28, 28, 1)).astype("float32") / 255
x_test = x_test.reshape((-1, 28, 28, 1)).astype("float32") / 255
y_train = keras.utils.to_categorical(y_train, 10)
y_test = keras.utils.to_categorical(y_test, 10)

model = keras.Sequential(
    [
        keras.Input(shape=(28, 28, 1), name="input"),
        layers.Conv2D(8, 3, activation="relu", name="conv1"),
        layers.MaxPooling2D(2, name="pool1"),
        layers.Dropout(0.2, name="drop1"),
        layers.Conv2D(16, 3, activation="relu", name="conv2"),
        layers.MaxPooling2D(2, name="pool2"),
        layers.Dropout(0.2, name="drop2"),
        layers.Flatten(name="flatten"),
        layers.Dense(100, activation="relu", name="dense1"),
        layers.Dropout(0.5, name="drop3"),
        layers.Dense(10, activation="softmax", name="output"),
    ],
    name="mnist_cnn",
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
    batch_size=64,
    epochs=10,
    validation_split=0.2,
)

test_loss, test_accuracy = model.evaluate(x_test, y_test, verbose=0)
print(f"Test accuracy: {test_accuracy:.4f}")

model.save("mnist_cnn.keras")
