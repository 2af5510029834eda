"""Writes Keras files holding a model inside the model, as transfer learning makes them, with h5py
and numpy only (no Keras needed), in the layouts Keras publishes:
- Keras 2 / tf.keras HDF5 (`model.save("m.h5")`, keras/saving/legacy/hdf5_format.py): the inner
  model is one entry of `model_config`'s layers (class "Functional", its own layers inside), and
  one group of `model_weights`, whose `weight_names` list every weight of the inner model as
  `<inner layer>/<weight>:0`: its trainable weights first, then the others (a BatchNormalization's
  moving statistics come after every trainable weight).
- Keras 3 `.keras` (keras/src/saving/saving_lib.py): the inner model's layers' weights under
  `layers/<inner model, by class>/layers/<layer, by class>/vars/<i>`.
And BatchNormalization layers with scale=False (no gamma, as InceptionV3 has) and center=False (no beta).

Each model's predictions on a fixed input are computed here by numpy, the independent reference.
Usage: python3 keras-nested-test-files.py OUT_DIR
"""

import json
import os
import sys
import zipfile
from functools import partial

import h5py
import numpy as np

import keras_configs
from keras_configs import input_layer, k2_layer, k3_layer, policy, tensor

out = sys.argv[1]
rng = np.random.default_rng(11)


def rand(*shape, low=-1.0, high=1.0):
    return rng.uniform(low, high, size=shape).astype(np.float32)


# ---- numpy forward pass (float64), channels last --------------------------------------------

def conv_same(x, k, b=None):
    kh, kw = k.shape[0], k.shape[1]
    n, h, w, c = x.shape
    p = np.pad(x, ((0, 0), (kh // 2, kh - 1 - kh // 2), (kw // 2, kw - 1 - kw // 2), (0, 0)))
    y = np.zeros((n, h, w, k.shape[3]))
    for i in range(kh):
        for j in range(kw):
            y += np.einsum("nhwc,co->nhwo", p[:, i:i + h, j:j + w, :], k[i, j].astype(np.float64))
    return y if b is None else y + b


def batchnorm(x, gamma, beta, mean, var, eps):
    return gamma * (x - mean) / np.sqrt(var + eps) + beta


def maxpool2(x):
    n, h, w, c = x.shape
    return x.reshape(n, h // 2, 2, w // 2, 2, c).max(axis=(2, 4))


def softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


relu = lambda z: np.maximum(z, 0)


# ---- Keras configs ----------------------------------------------------------------------------

conv_config = partial(keras_configs.conv_config, keras_configs.class_initializer)
bn_config = partial(keras_configs.bn_config, keras_configs.class_initializer)
dense_config = partial(keras_configs.dense_config, keras_configs.class_initializer)


def pool_config(name):
    return {"name": name, "trainable": True, "dtype": "float32", "pool_size": [2, 2], "padding": "valid", "strides": [2, 2], "data_format": "channels_last"}


def model_config(name, layers, trainable=True):
    """A functional model's config: its input is its first layer, its output its last."""
    return {"name": name, "trainable": trainable, "layers": layers, "input_layers": [[layers[0]["name"], 0, 0]], "output_layers": [[layers[-1]["name"], 0, 0]]}


def bn_weights(n):
    """A BatchNormalization's gamma, beta, moving mean and moving variance."""
    return rand(n, low=0.5, high=1.5), rand(n), rand(n), rand(n, low=0.5, high=2.0)


def write_h5(path, config, layers):
    """`layers`: (layer name in layer_names, [(weight name, value)]) in the file's order."""
    with h5py.File(path, "w") as f:
        f.attrs["keras_version"] = "2.15.0"
        f.attrs["backend"] = "tensorflow"
        f.attrs["model_config"] = json.dumps(config)
        g = f.create_group("model_weights")
        g.attrs["layer_names"] = np.array([name.encode("utf8") for name, _ in layers])
        g.attrs["backend"] = "tensorflow"
        g.attrs["keras_version"] = "2.15.0"
        for name, weights in layers:
            lg = g.create_group(name)
            lg.attrs["weight_names"] = np.array([w.encode("utf8") for w, _ in weights])
            for w, value in weights:
                lg.create_dataset(w, data=value)


def dump(weights):
    return {name: {"shape": list(v.shape), "data": v.astype(np.float64).ravel().tolist()} for name, v in weights.items()}


# ---- 1. Sequential([base (frozen functional), Flatten, Dense]) in HDF5 ------------------------

k1, b1 = rand(3, 3, 3, 4), rand(4)
g1, be1, m1, v1 = bn_weights(4)
hk, hb = rand(64, 3), rand(3)
base_config = model_config(
    "base",
    [
        input_layer("input_1", [8, 8, 3]),
        k2_layer("Conv2D", conv_config("conv", 4, activation="relu"), ["input_1"]),
        k2_layer("BatchNormalization", bn_config("bn"), ["conv"]),
        k2_layer("MaxPooling2D", pool_config("pool"), ["bn"]),
    ],
    trainable=False,
)
transfer_config = {
    "class_name": "Sequential",
    "config": {
        "name": "transfer",
        "layers": [
            {"class_name": "InputLayer", "config": {"batch_input_shape": [None, 8, 8, 3], "dtype": "float32", "sparse": False, "ragged": False, "name": "base_input"}},
            {"class_name": "Functional", "config": base_config},
            {"class_name": "Flatten", "config": {"name": "flatten", "trainable": True, "dtype": "float32", "data_format": "channels_last"}},
            {"class_name": "Dense", "config": dense_config("dense", 3, "softmax")},
        ],
    },
    "keras_version": "2.15.0",
    "backend": "tensorflow",
}
transfer_h5_layers = [
    ("base", [("conv/kernel:0", k1), ("conv/bias:0", b1), ("bn/gamma:0", g1), ("bn/beta:0", be1), ("bn/moving_mean:0", m1), ("bn/moving_variance:0", v1)]),
    ("flatten", []),
    ("dense", [("dense/kernel:0", hk), ("dense/bias:0", hb)]),
]
write_h5(os.path.join(out, "transfer.h5"), transfer_config, transfer_h5_layers)
x1 = rand(2, 8, 8, 3)
y1 = softmax(maxpool2(batchnorm(relu(conv_same(x1.astype(np.float64), k1, b1)), g1, be1, m1, v1, 0.001)).reshape(2, -1) @ hk + hb)
transfer_weights = {"conv/kernel": k1, "conv/bias": b1, "bn/gamma": g1, "bn/beta": be1, "bn/moving_mean": m1, "bn/moving_variance": v1, "dense/kernel": hk, "dense/bias": hb}

# The same without the Sequential's InputLayer, its first layer the base: the base's input is the network's.
no_input = json.loads(json.dumps(transfer_config))
del no_input["config"]["layers"][0]
write_h5(os.path.join(out, "transfer-no-input.h5"), no_input, transfer_h5_layers)

# A functional model calling a Sequential of augmentation layers (the course's `data_augmentation(inputs)`), which has no InputLayer of its own.
ak, ab = rand(3, 2), rand(2)
augment_config = {"class_name": "Functional", "config": model_config("augmented", [
    input_layer("image", [8, 8, 3]),
    k2_layer("Sequential", {"name": "augment", "layers": [
        {"class_name": "RandomFlip", "config": {"name": "flip", "trainable": True, "dtype": "float32", "mode": "horizontal", "seed": None}},
    ]}, ["image"]),
    k2_layer("GlobalAveragePooling2D", {"name": "gap", "trainable": True, "dtype": "float32", "data_format": "channels_last", "keepdims": False}, ["augment"]),
    k2_layer("Dense", dense_config("dense", 2, "softmax"), ["gap"]),
])}
write_h5(os.path.join(out, "augmented.h5"), augment_config, [("image", []), ("augment", []), ("gap", []), ("dense", [("dense/kernel:0", ak), ("dense/bias:0", ab)])])
x5 = rand(2, 8, 8, 3)
y5 = softmax(x5.astype(np.float64).mean(axis=(1, 2)) @ ak + ab)

# ---- 2. a functional model calling a trainable base, whose layer "pool" has the name of one of the model's own -----

k2, c2k = rand(3, 3, 3, 4), rand(3, 3, 4, 4)
b2 = rand(4)
ga, ba, ma, va = bn_weights(4)
gb, bb, mb, vb = bn_weights(4)
fk, fb = rand(4, 2), rand(2)
trainable_base = model_config("feature_base", [
    input_layer("input_2", [8, 8, 3]),
    k2_layer("Conv2D", conv_config("conv", 4), ["input_2"]),
    k2_layer("BatchNormalization", bn_config("bn"), ["conv"]),
    k2_layer("Conv2D", conv_config("conv2", 4, use_bias=False, activation="relu"), ["bn"]),
    k2_layer("BatchNormalization", bn_config("bn2"), ["conv2"]),
    k2_layer("MaxPooling2D", pool_config("pool"), ["bn2"]),
])


def functional_outer(base, calls=1):
    return {"class_name": "Functional", "config": model_config("classifier", [
        input_layer("image", [8, 8, 3]),
        k2_layer("Functional", base, ["image"], calls),
        k2_layer("GlobalAveragePooling2D", {"name": "pool", "trainable": True, "dtype": "float32", "data_format": "channels_last", "keepdims": False}, [base["name"]]),
        k2_layer("Dense", dense_config("dense", 2, "softmax"), ["pool"]),
    ])}


# A trainable inner model lists its trainable weights first, then its BatchNormalizations' moving statistics.
write_h5(os.path.join(out, "classifier.h5"), functional_outer(trainable_base), [
    ("image", []),
    ("feature_base", [("conv/kernel:0", k2), ("conv/bias:0", b2), ("bn/gamma:0", ga), ("bn/beta:0", ba), ("conv2/kernel:0", c2k), ("bn2/gamma:0", gb), ("bn2/beta:0", bb),
                      ("bn/moving_mean:0", ma), ("bn/moving_variance:0", va), ("bn2/moving_mean:0", mb), ("bn2/moving_variance:0", vb)]),
    ("pool", []),
    ("dense", [("dense/kernel:0", fk), ("dense/bias:0", fb)]),
])
x2 = rand(2, 8, 8, 3)
h2 = batchnorm(conv_same(x2.astype(np.float64), k2, b2), ga, ba, ma, va, 0.001)
h2 = maxpool2(batchnorm(relu(conv_same(h2, c2k)), gb, bb, mb, vb, 0.001))
y2 = softmax(h2.mean(axis=(1, 2)) @ fk + fb)
classifier_weights = {
    "conv/kernel": k2, "conv/bias": b2, "bn/gamma": ga, "bn/beta": ba, "bn/moving_mean": ma, "bn/moving_variance": va,
    "conv2/kernel": c2k, "bn2/gamma": gb, "bn2/beta": bb, "bn2/moving_mean": mb, "bn2/moving_variance": vb, "dense/kernel": fk, "dense/bias": fb,
}

# The same base called on two inputs (a shared inner model), and an inner model of two outputs.
write_h5(os.path.join(out, "shared-base.h5"), functional_outer(trainable_base, calls=2), [])
two_outputs = json.loads(json.dumps(trainable_base))
two_outputs["output_layers"] = [["pool", 0, 0], ["bn", 0, 0]]
write_h5(os.path.join(out, "two-outputs.h5"), functional_outer(two_outputs), [])

# ---- 3. the Sequential transfer model as Keras 3 writes it (.keras) ----------------------------

k3_base = {
    "module": "keras.src.models.functional", "class_name": "Functional", "registered_name": "Functional",
    "config": {
        "name": "base", "trainable": False,
        "layers": [
            {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [None, 8, 8, 3], "dtype": "float32", "sparse": False, "name": "input_layer"}, "registered_name": None, "name": "input_layer", "inbound_nodes": []},
            k3_layer("Conv2D", conv_config("conv", 4, activation="relu"), [tensor("input_layer", [None, 8, 8, 3])]),
            k3_layer("BatchNormalization", {**bn_config("bn"), "axis": -1, "synchronized": False}, [tensor("conv", [None, 8, 8, 4])]),
            k3_layer("MaxPooling2D", pool_config("pool"), [tensor("bn", [None, 8, 8, 4])]),
        ],
        "input_layers": [["input_layer", 0, 0]],
        "output_layers": [["pool", 0, 0]],
    },
    "build_config": {"input_shape": [None, 8, 8, 3]},
}
k3_config = {
    "module": "keras", "class_name": "Sequential", "registered_name": None,
    "config": {
        "name": "transfer", "trainable": True, "dtype": policy,
        "layers": [
            {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [None, 8, 8, 3], "dtype": "float32", "sparse": False, "name": "input_layer_1"}, "registered_name": None},
            k3_base,
            {"module": "keras.layers", "class_name": "Flatten", "config": {"name": "flatten", "trainable": True, "dtype": policy, "data_format": "channels_last"}, "registered_name": None},
            {"module": "keras.layers", "class_name": "Dense", "config": {**dense_config("dense", 3, "softmax"), "dtype": policy}, "registered_name": None},
        ],
        "build_input_shape": [None, 8, 8, 3],
    },
    "build_config": {"input_shape": [None, 8, 8, 3]},
}
weights_path = os.path.join(out, "transfer.weights.h5")
with h5py.File(weights_path, "w") as f:
    layers = f.create_group("layers")
    inner = layers.create_group("functional")
    inner.create_group("vars")
    inner_layers = inner.create_group("layers")
    for name, values in [("input_layer", []), ("conv2d", [k1, b1]), ("batch_normalization", [g1, be1, m1, v1]), ("max_pooling2d", [])]:
        v = inner_layers.create_group(name).create_group("vars")
        for i, value in enumerate(values):
            v.create_dataset(str(i), data=value)
    layers.create_group("flatten").create_group("vars")
    d = layers.create_group("dense").create_group("vars")
    d.create_dataset("0", data=hk)
    d.create_dataset("1", data=hb)
    f.create_group("vars")
with zipfile.ZipFile(os.path.join(out, "transfer.keras"), "w", compression=zipfile.ZIP_DEFLATED) as z:
    z.writestr("metadata.json", json.dumps({"keras_version": "3.3.3", "date_saved": "2024-05-01@12:00:00"}))
    z.writestr("config.json", json.dumps(k3_config))
    z.write(weights_path, "model.weights.h5")

# ---- 4. BatchNormalization without γ (scale=False, as in InceptionV3), without β (center=False), and without either ----

ck, cb = rand(3, 3, 2, 3), rand(3)
beta_only, m_a, v_a = rand(3), rand(3), rand(3, low=0.5, high=2.0)
gamma_only, m_b, v_b = rand(3, low=0.5, high=1.5), rand(3), rand(3, low=0.5, high=2.0)
m_c, v_c = rand(3), rand(3, low=0.5, high=2.0)
ok, ob = rand(3, 2), rand(2)
bn_options_config = {"class_name": "Functional", "config": model_config("bn_options", [
    input_layer("input_1", [6, 6, 2]),
    k2_layer("Conv2D", conv_config("conv", 3), ["input_1"]),
    k2_layer("BatchNormalization", bn_config("bn_no_scale", scale=False), ["conv"]),
    k2_layer("Activation", {"name": "relu", "trainable": True, "dtype": "float32", "activation": "relu"}, ["bn_no_scale"]),
    k2_layer("BatchNormalization", bn_config("bn_no_center", center=False), ["relu"]),
    k2_layer("BatchNormalization", bn_config("bn_neither", center=False, scale=False), ["bn_no_center"]),
    k2_layer("GlobalAveragePooling2D", {"name": "gap", "trainable": True, "dtype": "float32", "data_format": "channels_last", "keepdims": False}, ["bn_neither"]),
    k2_layer("Dense", dense_config("out", 2, "softmax"), ["gap"]),
])}
write_h5(os.path.join(out, "bn-options.h5"), bn_options_config, [
    ("input_1", []),
    ("conv", [("conv/kernel:0", ck), ("conv/bias:0", cb)]),
    ("bn_no_scale", [("bn_no_scale/beta:0", beta_only), ("bn_no_scale/moving_mean:0", m_a), ("bn_no_scale/moving_variance:0", v_a)]),
    ("relu", []),
    ("bn_no_center", [("bn_no_center/gamma:0", gamma_only), ("bn_no_center/moving_mean:0", m_b), ("bn_no_center/moving_variance:0", v_b)]),
    ("bn_neither", [("bn_neither/moving_mean:0", m_c), ("bn_neither/moving_variance:0", v_c)]),
    ("gap", []),
    ("out", [("out/kernel:0", ok), ("out/bias:0", ob)]),
])
x4 = rand(2, 6, 6, 2)
h4 = relu(batchnorm(conv_same(x4.astype(np.float64), ck, cb), 1.0, beta_only, m_a, v_a, 0.001))
h4 = batchnorm(batchnorm(h4, gamma_only, 0.0, m_b, v_b, 0.001), 1.0, 0.0, m_c, v_c, 0.001)
y4 = softmax(h4.mean(axis=(1, 2)) @ ok + ob)
bn_options_weights = {
    "conv/kernel": ck, "conv/bias": cb, "bn_no_scale/beta": beta_only, "bn_no_scale/moving_mean": m_a, "bn_no_scale/moving_variance": v_a,
    "bn_no_center/gamma": gamma_only, "bn_no_center/moving_mean": m_b, "bn_no_center/moving_variance": v_b,
    "bn_neither/moving_mean": m_c, "bn_neither/moving_variance": v_c, "out/kernel": ok, "out/bias": ob,
}

# ---- 5. the same as a TensorFlow.js layers model (model.json), the inner layers' weights named under the inner model ----

os.makedirs(os.path.join(out, "tfjs"), exist_ok=True)
manifest = [("base/conv/kernel", k1), ("base/conv/bias", b1), ("base/bn/gamma", g1), ("base/bn/beta", be1), ("base/bn/moving_mean", m1), ("base/bn/moving_variance", v1), ("dense/kernel", hk), ("dense/bias", hb)]
with open(os.path.join(out, "tfjs", "group1-shard1of1.bin"), "wb") as f:
    for _, value in manifest:
        f.write(value.astype("<f4").tobytes())
with open(os.path.join(out, "tfjs", "model.json"), "w") as f:
    json.dump({
        "format": "layers-model", "generatedBy": "keras v2.15.0", "convertedBy": "TensorFlow.js Converter v4.17.0",
        "modelTopology": {"keras_version": "2.15.0", "backend": "tensorflow", "model_config": transfer_config},
        "weightsManifest": [{"paths": ["group1-shard1of1.bin"], "weights": [{"name": n, "shape": list(v.shape), "dtype": "float32"} for n, v in manifest]}],
    }, f)

with open(os.path.join(out, "expected.json"), "w") as f:
    json.dump({
        "transfer": {"input": x1.astype(np.float64).ravel().tolist(), "shape": list(x1.shape), "output": y1.ravel().tolist()},
        "classifier": {"input": x2.astype(np.float64).ravel().tolist(), "shape": list(x2.shape), "output": y2.ravel().tolist()},
        "transferWeights": dump(transfer_weights),
        "classifierWeights": dump(classifier_weights),
        "bnOptions": {"input": x4.astype(np.float64).ravel().tolist(), "shape": list(x4.shape), "output": y4.ravel().tolist()},
        "bnOptionsWeights": dump(bn_options_weights),
        "augmented": {"input": x5.astype(np.float64).ravel().tolist(), "shape": list(x5.shape), "output": y5.ravel().tolist()},
    }, f)
