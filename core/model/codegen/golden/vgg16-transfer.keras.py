"""VGG16 transfer learning: the Keras version of a Neuroblocks project.

Transfer learning: the convolutional base of VGG16 on 64×64 colour images, frozen (trainable: false), with a new dense classifier on top. 14,920,598 parameters, of which 205,910 are trained.

Builds the same model as the diagram, then compiles and trains it with the project's settings.
"""

import keras
from keras import layers

keras.utils.set_random_seed(1)  # the project's seed, for repeatable runs

# Your images: one sub-folder per class. Copy the folder next to this file (or change
# DATA_DIR).
DATA_DIR = "images"
train_ds, val_ds = keras.utils.image_dataset_from_directory(
    DATA_DIR,
    validation_split=0.2,
    subset="both",
    seed=1,
    image_size=(64, 64),
    color_mode="rgb",
    label_mode="categorical",
    batch_size=32,
)
# Pixels from 0–255 to 0–1, as the app does.
train_ds = train_ds.map(lambda x, y: (x / 255.0, y))
val_ds = val_ds.map(lambda x, y: (x / 255.0, y))

model = keras.Sequential(
    [
        keras.Input(shape=(64, 64, 3), name="input"),
        layers.Conv2D(64, 3, padding="same", activation="relu", trainable=False, name="block1_conv1"),
        layers.Conv2D(64, 3, padding="same", activation="relu", trainable=False, name="block1_conv2"),
        layers.MaxPooling2D(2, trainable=False, name="block1_pool"),
        layers.Conv2D(128, 3, padding="same", activation="relu", trainable=False, name="block2_conv1"),
        layers.Conv2D(128, 3, padding="same", activation="relu", trainable=False, name="block2_conv2"),
        layers.MaxPooling2D(2, trainable=False, name="block2_pool"),
        layers.Conv2D(256, 3, padding="same", activation="relu", trainable=False, name="block3_conv1"),
        layers.Conv2D(256, 3, padding="same", activation="relu", trainable=False, name="block3_conv2"),
        layers.Conv2D(256, 3, padding="same", activation="relu", trainable=False, name="block3_conv3"),
        layers.MaxPooling2D(2, trainable=False, name="block3_pool"),
        layers.Conv2D(512, 3, padding="same", activation="relu", trainable=False, name="block4_conv1"),
        layers.Conv2D(512, 3, padding="same", activation="relu", trainable=False, name="block4_conv2"),
        layers.Conv2D(512, 3, padding="same", activation="relu", trainable=False, name="block4_conv3"),
        layers.MaxPooling2D(2, trainable=False, name="block4_pool"),
        layers.Conv2D(512, 3, padding="same", activation="relu", trainable=False, name="block5_conv1"),
        layers.Conv2D(512, 3, padding="same", activation="relu", trainable=False, name="block5_conv2"),
        layers.Conv2D(512, 3, padding="same", activation="relu", trainable=False, name="block5_conv3"),
        layers.MaxPooling2D(2, trainable=False, name="block5_pool"),
        layers.Flatten(name="flatten"),
        layers.Dense(100, activation="relu", name="dense1"),
        layers.Dense(10, activation="softmax", name="output"),
    ],
    name="vgg16_transfer_learning",
)
model.summary()

model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=0.001),
    loss="categorical_crossentropy",
    metrics=["accuracy"],
)

history = model.fit(
    train_ds,
    validation_data=val_ds,
    epochs=10,
)

model.save("vgg16_transfer_learning.keras")
