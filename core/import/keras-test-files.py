"""Writes the Keras files the import tests read, with h5py and numpy only (no Keras needed).

They follow the layouts Keras publishes and writes:
- Keras 2 / tf.keras HDF5 models (`model.save("m.h5")`): the `model_config` attribute (the model's
  JSON config) and the `model_weights` group, whose `layer_names` attribute lists a group per
  layer, whose `weight_names` attribute lists its datasets (`<layer>/kernel:0`, ...).
- Keras 2 weight files (`model.save_weights("w.h5")`, the Keras Applications weights): the same
  layer groups at the root.
- Keras 3 `.keras` files: a zip of `config.json`, `metadata.json` and `model.weights.h5`, whose
  weights are `layers/<path>/vars/<i>`, `<path>` made from the layer's class (`conv2d`, `conv2d_1`).

Each model's predictions on a fixed input are computed here by numpy, the independent reference.
Usage: python3 keras-test-files.py OUT_DIR
"""

import json
import os
import sys
import zipfile
from functools import partial

import h5py
import numpy as np

import keras_configs
from keras_configs import input_layer, k2_layer, k3_layer, tensor

out = sys.argv[1]
rng = np.random.default_rng(7)


def rand(*shape, low=-1.0, high=1.0):
    return rng.uniform(low, high, size=shape).astype(np.float32)


# ---- numpy forward pass (float64), channels last, as Keras computes ---------------------------

def pad_same(x, kh, kw, s):
    _, h, w, _ = x.shape
    oh, ow = -(-h // s), -(-w // s)
    ph, pw = max((oh - 1) * s + kh - h, 0), max((ow - 1) * s + kw - w, 0)
    return np.pad(x, ((0, 0), (ph // 2, ph - ph // 2), (pw // 2, pw - pw // 2), (0, 0)))


def patches(x, kh, kw, s):
    n, h, w, c = x.shape
    oh, ow = (h - kh) // s + 1, (w - kw) // s + 1
    p = np.empty((n, oh, ow, kh, kw, c))
    for i in range(kh):
        for j in range(kw):
            p[:, :, :, i, j, :] = x[:, i:i + s * (oh - 1) + 1:s, j:j + s * (ow - 1) + 1:s, :]
    return p


def conv(x, k, b=None, s=1, padding="same"):
    if padding == "same":
        x = pad_same(x, k.shape[0], k.shape[1], s)
    y = np.einsum("nhwijc,ijco->nhwo", patches(x, k.shape[0], k.shape[1], s), k.astype(np.float64))
    return y if b is None else y + b


def depthwise(x, k, b=None, s=1, padding="same"):
    if padding == "same":
        x = pad_same(x, k.shape[0], k.shape[1], s)
    p = patches(x, k.shape[0], k.shape[1], s)
    y = np.einsum("nhwijc,ijcm->nhwcm", p, k.astype(np.float64))
    y = y.reshape(y.shape[0], y.shape[1], y.shape[2], -1)
    return y if b is None else y + b


def batchnorm(x, gamma, beta, mean, var, eps):
    return gamma * (x - mean) / np.sqrt(var + eps) + beta


def maxpool(x, size):
    n, h, w, c = x.shape
    oh, ow = h // size, w // size
    return x[:, :oh * size, :ow * size, :].reshape(n, oh, size, ow, size, c).max(axis=(2, 4))


def softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def swish(z):
    return z / (1 + np.exp(-z))


# ---- Keras configs, as Keras writes them --------------------------------------------------------

initializer = keras_configs.keras_initializer
conv_config = partial(keras_configs.conv_config, initializer)
bn_config = partial(keras_configs.bn_config, initializer)
# Every Dense of these files has an L2 penalty of 0.01 on its kernel.
l2 = {"module": "keras.regularizers", "class_name": "L2", "config": {"l2": 0.01}, "registered_name": None}
dense_config = partial(keras_configs.dense_config, initializer, kernel_regularizer=l2)


def functional_model(name, layers):
    """A tf.keras functional model's config: its input is its first layer, its output its last."""
    return {
        "class_name": "Functional",
        "config": {
            "name": name,
            "trainable": True,
            "layers": layers,
            "input_layers": [[layers[0]["name"], 0, 0]],
            "output_layers": [[layers[-1]["name"], 0, 0]],
        },
        "keras_version": "2.15.0",
        "backend": "tensorflow",
    }


def write_keras2_weights(group, layers):
    """The Keras 2 weight layout under `group`: layer_names, a group per layer with weight_names."""
    group.attrs["layer_names"] = np.array([name.encode("utf8") for name, _ in layers])
    group.attrs["backend"] = "tensorflow"
    group.attrs["keras_version"] = "2.15.0"
    for name, weights in layers:
        g = group.create_group(name)
        g.attrs["weight_names"] = np.array([f"{name}/{w}:0".encode("utf8") for w, _ in weights])
        for w, value in weights:
            g.create_dataset(f"{name}/{w}:0", data=value)


def dump(weights):
    return {f"{layer}/{name}": {"shape": list(v.shape), "data": v.astype(np.float64).ravel().tolist()} for layer, ws in weights for name, v in ws}


# ---- 1. a functional tf.keras model in HDF5: residual CNN with BatchNormalization ---------------

conv_k, conv_b = rand(3, 3, 3, 4), rand(4)
gamma, beta, mean, var = rand(4, low=0.5, high=1.5), rand(4), rand(4), rand(4, low=0.5, high=2.0)
dw_k = rand(3, 3, 4, 1)
dense_k, dense_b = rand(4, 3), rand(3)
functional_weights = [
    ("input_1", []),
    ("conv", [("kernel", conv_k), ("bias", conv_b)]),
    ("bn", [("gamma", gamma), ("beta", beta), ("moving_mean", mean), ("moving_variance", var)]),
    ("relu", []),
    ("dw", [("depthwise_kernel", dw_k)]),
    ("add", []),
    ("gap", []),
    ("dense", [("kernel", dense_k), ("bias", dense_b)]),
]
dw_config = conv_config("dw", 0, 3, use_bias=False)
del dw_config["filters"], dw_config["kernel_initializer"], dw_config["kernel_regularizer"], dw_config["kernel_constraint"]
dw_config.update({"depth_multiplier": 1, "depthwise_initializer": initializer("GlorotUniform"), "depthwise_regularizer": None, "depthwise_constraint": None})
functional_config = functional_model(
    "residual_cnn",
    [
        input_layer("input_1", [8, 8, 3]),
        k2_layer("Conv2D", conv_config("conv", 4, 3), ["input_1"]),
        k2_layer("BatchNormalization", bn_config("bn", [3], 0.001), ["conv"]),
        k2_layer("ReLU", {"name": "relu", "trainable": True, "dtype": "float32", "max_value": 6.0, "negative_slope": 0.0, "threshold": 0.0}, ["bn"]),
        k2_layer("DepthwiseConv2D", dw_config, ["relu"]),
        k2_layer("Add", {"name": "add", "trainable": True, "dtype": "float32"}, ["relu", "dw"]),
        k2_layer("GlobalAveragePooling2D", {"name": "gap", "trainable": True, "dtype": "float32", "data_format": "channels_last", "keepdims": False}, ["add"]),
        k2_layer("Dense", dense_config("dense", 3, "softmax"), ["gap"]),
    ],
)
x1 = rand(2, 8, 8, 3)
h = np.clip(batchnorm(conv(x1.astype(np.float64), conv_k, conv_b), gamma, beta, mean, var, 0.001), 0, 6)
y1 = softmax((h + depthwise(h, dw_k)).mean(axis=(1, 2)) @ dense_k + dense_b)


def write_functional(path, weights=functional_weights, config=functional_config, drop_group=None):
    with h5py.File(path, "w") as f:
        f.attrs["keras_version"] = "2.15.0"
        f.attrs["backend"] = "tensorflow"
        f.attrs["model_config"] = json.dumps(config)
        g = f.create_group("model_weights")
        write_keras2_weights(g, weights)
        if drop_group:
            del g[drop_group]


write_functional(os.path.join(out, "functional.h5"))
# A kernel of the wrong shape (3×3×3×5 for a Conv2D of 4 filters), and a layer listed without its group.
write_functional(os.path.join(out, "bad-shape.h5"), [(n, [(w, rand(3, 3, 3, 5) if (n, w) == ("conv", "kernel") else v) for w, v in ws]) for n, ws in functional_weights])
write_functional(os.path.join(out, "missing-group.h5"), drop_group="dense")
# A layer tf.keras writes for `x + 1` in a functional model, which the app has no block for.
lambda_config = json.loads(json.dumps(functional_config))
lambda_config["config"]["layers"][6] = k2_layer("TFOpLambda", {"name": "gap", "trainable": True, "dtype": "float32", "function": "math.reduce_mean"}, ["add"])
write_functional(os.path.join(out, "op-lambda.h5"), config=lambda_config)

# ---- 2. a Sequential tf.keras model without InputLayer (batch_input_shape on its first layer) ---

seq_weights = [
    ("c1", [("kernel", rand(3, 3, 1, 2)), ("bias", rand(2))]),
    ("pool", []),
    ("flat", []),
    ("drop", []),
    ("out", [("kernel", rand(8, 2)), ("bias", rand(2))]),
]
first = conv_config("c1", 2, 3, padding="valid", activation="relu")
first["batch_input_shape"] = [None, 6, 6, 1]
seq_config = {
    "class_name": "Sequential",
    "config": {
        "name": "small_seq",
        "layers": [
            {"class_name": "Conv2D", "config": first},
            {"class_name": "MaxPooling2D", "config": {"name": "pool", "trainable": True, "dtype": "float32", "pool_size": [2, 2], "padding": "valid", "strides": [2, 2], "data_format": "channels_last"}},
            {"class_name": "Flatten", "config": {"name": "flat", "trainable": True, "dtype": "float32", "data_format": "channels_last"}},
            {"class_name": "Dropout", "config": {"name": "drop", "trainable": True, "dtype": "float32", "rate": 0.25, "noise_shape": None, "seed": None}},
            {"class_name": "Dense", "config": {**dense_config("out", 2, "sigmoid"), "kernel_regularizer": None, "trainable": False}},
        ],
    },
}
with h5py.File(os.path.join(out, "sequential.h5"), "w") as f:
    f.attrs["model_config"] = json.dumps(seq_config).encode("utf8")
    write_keras2_weights(f.create_group("model_weights"), seq_weights)

# ---- 3. a weights-only file (save_weights / Keras Applications layout) --------------------------

with h5py.File(os.path.join(out, "weights-only.h5"), "w") as f:
    write_keras2_weights(f, functional_weights)
# Keras splits an attribute too long for one HDF5 attribute header into `layer_names0`, `layer_names1`, …
with h5py.File(os.path.join(out, "weights-chunked.h5"), "w") as f:
    write_keras2_weights(f, functional_weights)
    names = f.attrs["layer_names"]
    del f.attrs["layer_names"]
    f.attrs["layer_names0"], f.attrs["layer_names1"] = names[:3], names[3:]
# The same in half precision, as a mixed-precision model's weights may be stored; integers as
# Keras's Normalization keeps its count (int64), and integers no float32 holds exactly.
with h5py.File(os.path.join(out, "weights-f16.h5"), "w") as f:
    write_keras2_weights(f, [(n, [(w, v.astype(np.float16)) for w, v in ws]) for n, ws in functional_weights])
with h5py.File(os.path.join(out, "weights-count.h5"), "w") as f:
    write_keras2_weights(f, [("normalization", [("count", np.array(50000, dtype=np.int64))])])
with h5py.File(os.path.join(out, "weights-int.h5"), "w") as f:
    write_keras2_weights(f, [("conv", [("kernel", np.array([[0, 1, 2], [3, 4, 2**25]], dtype=np.int32))])])

# ---- 4. a Keras 3 .keras file: functional, weights by class paths --------------------------------

stem_k, stem_b = rand(3, 3, 3, 4), rand(4)
g2, b2, m2, v2 = rand(4, low=0.5, high=1.5), rand(4), rand(4), rand(4, low=0.5, high=2.0)
sep_dk, sep_pk, sep_b = rand(3, 3, 4, 1), rand(1, 1, 4, 6), rand(6)
proj_k, proj_b = rand(1, 1, 6, 4), rand(4)
head_k, head_b = rand(8, 5), rand(5)
sep_config = {k: v for k, v in conv_config("sep", 6, 3).items() if k not in ("kernel_initializer", "kernel_regularizer", "kernel_constraint", "groups")}
sep_config.update({"depth_multiplier": 1, "depthwise_initializer": initializer("GlorotUniform"), "pointwise_initializer": initializer("GlorotUniform"),
                   "depthwise_regularizer": None, "pointwise_regularizer": None, "depthwise_constraint": None, "pointwise_constraint": None})
bn3 = bn_config("stem_bn", -1, 0.001)
bn3["synchronized"] = False
head = dense_config("head", 5, "softmax")
head.update({"kernel_regularizer": None, "lora_rank": None})
keras3_config = {
    "module": "keras.src.models.functional",
    "class_name": "Functional",
    "config": {
        "name": "keras3_net",
        "trainable": True,
        "layers": [
            {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [None, 8, 8, 3], "dtype": "float32", "sparse": False, "name": "pixels"}, "registered_name": None, "name": "pixels", "inbound_nodes": []},
            k3_layer("Conv2D", conv_config("stem", 4, 3, strides=2), [tensor("pixels", [None, 8, 8, 3])]),
            k3_layer("BatchNormalization", bn3, [tensor("stem", [None, 4, 4, 4])]),
            k3_layer("Activation", {"name": "act", "trainable": True, "activation": "silu"}, [tensor("stem_bn", [None, 4, 4, 4])]),
            k3_layer("SeparableConv2D", sep_config, [tensor("act", [None, 4, 4, 4])]),
            k3_layer("Conv2D", conv_config("proj", 4, 1), [tensor("sep", [None, 4, 4, 6])]),
            k3_layer("Concatenate", {"name": "cat", "trainable": True, "axis": -1}, [[tensor("act", [None, 4, 4, 4]), tensor("proj", [None, 4, 4, 4])]]),
            k3_layer("GlobalAveragePooling2D", {"name": "pool", "trainable": True, "data_format": "channels_last", "keepdims": False}, [tensor("cat", [None, 4, 4, 8])]),
            k3_layer("Dense", head, [tensor("pool", [None, 8])]),
        ],
        "input_layers": [["pixels", 0, 0]],
        "output_layers": [["head", 0, 0]],
    },
    "registered_name": "Functional",
    "build_config": {"input_shape": None},
    "compile_config": None,
}
keras3_vars = {
    "conv2d": [stem_k, stem_b],
    "batch_normalization": [g2, b2, m2, v2],
    "separable_conv2d": [sep_dk, sep_pk, sep_b],
    "conv2d_1": [proj_k, proj_b],
    "dense": [head_k, head_b],
}
x3 = rand(2, 8, 8, 3)
a = swish(batchnorm(conv(x3.astype(np.float64), stem_k, stem_b, s=2), g2, b2, m2, v2, 0.001))
p = conv(depthwise(a, sep_dk), sep_pk, sep_b)
q = conv(p, proj_k, proj_b)
y3 = softmax(np.concatenate([a, q], axis=-1).mean(axis=(1, 2)) @ head_k + head_b)

weights_path = os.path.join(out, "keras3.weights.h5")
with h5py.File(weights_path, "w") as f:
    layers = f.create_group("layers")
    for name in ["input_layer", "activation", "concatenate", "global_average_pooling2d"]:
        layers.create_group(name).create_group("vars")
    for name, values in keras3_vars.items():
        v = layers.create_group(name).create_group("vars")
        for i, value in enumerate(values):
            v.create_dataset(str(i), data=value)
    f.create_group("vars")
    f.create_group("optimizer").create_group("vars")


def write_keras_zip(path, config, with_weights=True):
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("metadata.json", json.dumps({"keras_version": "3.3.3", "date_saved": "2024-05-01@12:00:00"}))
        z.writestr("config.json", json.dumps(config))
        if with_weights:
            z.write(weights_path, "model.weights.h5")


write_keras_zip(os.path.join(out, "net.keras"), keras3_config)
write_keras_zip(os.path.join(out, "no-weights.keras"), keras3_config, with_weights=False)

# ---- 5. MobileNetV2's uneven padding before a strided "valid" convolution, in a tf.keras HDF5 model ---

pad_k, pad_b = rand(3, 3, 3, 4), rand(4)
pad_dense_k, pad_dense_b = rand(4, 3), rand(3)
pad_weights = [
    ("pixels", []),
    ("pad", []),
    ("conv", [("kernel", pad_k), ("bias", pad_b)]),
    ("gap", []),
    ("dense", [("kernel", pad_dense_k), ("bias", pad_dense_b)]),
]
pad_config = functional_model(
    "uneven_padding",
    [
        input_layer("pixels", [8, 7, 3]),
        k2_layer("ZeroPadding2D", {"name": "pad", "trainable": True, "dtype": "float32", "padding": [[0, 1], [0, 1]], "data_format": "channels_last"}, ["pixels"]),
        k2_layer("Conv2D", conv_config("conv", 4, 3, padding="valid", activation="relu", strides=2), ["pad"]),
        k2_layer("GlobalAveragePooling2D", {"name": "gap", "trainable": True, "dtype": "float32", "data_format": "channels_last", "keepdims": False}, ["conv"]),
        k2_layer("Dense", dense_config("dense", 3, "softmax"), ["gap"]),
    ],
)
write_functional(os.path.join(out, "uneven-padding.h5"), pad_weights, pad_config)
x5 = rand(2, 8, 7, 3)
padded = np.pad(x5.astype(np.float64), ((0, 0), (0, 1), (0, 1), (0, 0)))
y5 = softmax(np.maximum(conv(padded, pad_k, pad_b, s=2, padding="valid"), 0).mean(axis=(1, 2)) @ pad_dense_k + pad_dense_b)

with open(os.path.join(out, "expected.json"), "w") as f:
    json.dump({
        "functional": {"input": x1.astype(np.float64).ravel().tolist(), "shape": list(x1.shape), "output": y1.ravel().tolist()},
        "keras3": {"input": x3.astype(np.float64).ravel().tolist(), "shape": list(x3.shape), "output": y3.ravel().tolist()},
        "unevenPadding": {"input": x5.astype(np.float64).ravel().tolist(), "shape": list(x5.shape), "output": y5.ravel().tolist()},
        "functionalWeights": dump(functional_weights),
        "sequentialWeights": dump(seq_weights),
        "keras3Weights": {k: [{"shape": list(v.shape), "data": v.astype(np.float64).ravel().tolist()} for v in vs] for k, vs in keras3_vars.items()},
    }, f)
