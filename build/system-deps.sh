#!/usr/bin/env bash
# System packages the test suite uses beyond npm: Debian's Chromium for the end-to-end tests,
# PyTorch and ONNX as independent runtimes that check exports and serve as benchmark peers (and
# torchvision, whose ResNet18 the ONNX importer's tests read), h5py to write the Keras files the
# import tests read, and the Fashion-MNIST files (the app downloads them on first use; the tests
# read Debian's copy).
# Installs what is missing when run as root on Debian/Ubuntu; otherwise says what to install.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
# One Python imports them all (torch alone takes seconds to import): it prints the modules it lacks.
python_modules=(torch torchvision onnx numpy h5py)
lacking=$(
  /usr/bin/python3 - "${python_modules[@]}" 2>/dev/null <<'PY' || echo "${python_modules[*]}"
import importlib, sys
for name in sys.argv[1:]:
    try:
        importlib.import_module(name)
    except Exception:
        print(name)
PY
)
for module in $lacking; do missing+=("python3-$module"); done
[ -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ] || missing+=(dataset-fashion-mnist)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Missing system packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
