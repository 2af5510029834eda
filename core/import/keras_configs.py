"""Layer configs as tf.keras writes them in a model's JSON (`model_config`), for the scripts that write
the Keras files of the import tests (keras-test-files.py, keras-nested-test-files.py).

Each takes first `init`, which writes an initializer's entry: tf.keras 2.15 writes its module and
registered name (`keras_initializer`), older versions the class alone (`class_initializer`).
"""


def keras_initializer(name):
    return {"module": "keras.initializers", "class_name": name, "config": {"seed": None} if name == "GlorotUniform" else {}, "registered_name": None}


def class_initializer(name):
    return {"class_name": name, "config": {}}


def conv_config(init, name, filters, k=3, padding="same", activation="linear", use_bias=True, strides=1):
    return {
        "name": name, "trainable": True, "dtype": "float32", "filters": filters, "kernel_size": [k, k],
        "strides": [strides, strides], "padding": padding, "data_format": "channels_last", "dilation_rate": [1, 1],
        "groups": 1, "activation": activation, "use_bias": use_bias,
        "kernel_initializer": init("GlorotUniform"), "bias_initializer": init("Zeros"),
        "kernel_regularizer": None, "bias_regularizer": None, "activity_regularizer": None,
        "kernel_constraint": None, "bias_constraint": None,
    }


def bn_config(init, name, axis=None, eps=0.001, center=True, scale=True):
    """`axis` by default the channels of an image, [3]."""
    return {
        "name": name, "trainable": True, "dtype": "float32", "axis": [3] if axis is None else axis, "momentum": 0.99, "epsilon": eps,
        "center": center, "scale": scale, "beta_initializer": init("Zeros"), "gamma_initializer": init("Ones"),
        "moving_mean_initializer": init("Zeros"), "moving_variance_initializer": init("Ones"),
        "beta_regularizer": None, "gamma_regularizer": None, "beta_constraint": None, "gamma_constraint": None,
    }


def dense_config(init, name, units, activation, kernel_regularizer=None):
    return {
        "name": name, "trainable": True, "dtype": "float32", "units": units, "activation": activation, "use_bias": True,
        "kernel_initializer": init("GlorotUniform"), "bias_initializer": init("Zeros"),
        "kernel_regularizer": kernel_regularizer, "bias_regularizer": None, "activity_regularizer": None,
        "kernel_constraint": None, "bias_constraint": None,
    }


def input_layer(name, shape):
    """A tf.keras 2 InputLayer's entry in a functional model's layers."""
    return {"class_name": "InputLayer", "config": {"batch_input_shape": [None, *shape], "dtype": "float32", "sparse": False, "ragged": False, "name": name}, "name": name, "inbound_nodes": []}


def k2_layer(class_name, config, inbound, calls=1):
    """A tf.keras 2 layer's entry in a functional model's layers, fed by the layers named in `inbound`, called `calls` times."""
    return {"class_name": class_name, "config": config, "name": config["name"], "inbound_nodes": [[[i, 0, 0, {}] for i in inbound]] * calls if inbound else []}


# ---- Keras 3 (.keras) -------------------------------------------------------------------------

policy = {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": None}


def tensor(layer, shape):
    return {"class_name": "__keras_tensor__", "config": {"shape": shape, "dtype": "float32", "keras_history": [layer, 0, 0]}}


def k3_layer(class_name, config, args):
    config = {**config, "dtype": policy}
    return {"module": "keras.layers", "class_name": class_name, "config": config, "registered_name": None, "name": config["name"], "inbound_nodes": [{"args": args, "kwargs": {}}]}
