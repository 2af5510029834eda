"""Residual CNN: the Keras version of a Neuroblocks project.

A small residual network: the input of two convolutions is added back to their output (a skip connection, as in ResNet), which helps deep networks learn.

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

inputs = keras.Input(shape=(28, 28, 1), name="input")
conv1 = layers.Conv2D(16, 3, padding="same", activation="relu", name="conv1")(inputs)
conv2 = layers.Conv2D(16, 3, padding="same", activation="relu", name="conv2")(conv1)
conv3 = layers.Conv2D(16, 3, padding="same", name="conv3")(conv2)
add = layers.Add(name="add")([conv1, conv3])
relu = layers.Activation("relu", name="relu")(add)
pool = layers.MaxPooling2D(2, name="pool")(relu)
conv4 = layers.Conv2D(32, 3, activation="relu", name="conv4")(pool)
pool2 = layers.MaxPooling2D(2, name="pool2")(conv4)
flatten = layers.Flatten(name="flatten")(pool2)
output = layers.Dense(10, activation="softmax", name="output")(flatten)
model = keras.Model(inputs=inputs, outputs=output, name="residual_cnn")
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

model.save("residual_cnn.keras")
