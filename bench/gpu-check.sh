#!/usr/bin/env bash
# Trains the two job folders written by `npx tsx bench/gpu-jobs.ts JOBS_DIR` (the course's MNIST CNN
# and the CIFAR-sized CNN) on CUDA and on the CPU, and prints samples per second and the final test
# accuracy of each. Needs only Python 3 with torch and numpy (no Node). Fails when CUDA was not used.
# Takes a few minutes at most.
#
#   bash bench/gpu-check.sh JOBS_DIR [PYTHON]
set -euo pipefail
jobs_dir=${1:?usage: gpu-check.sh JOBS_DIR [PYTHON]   (JOBS_DIR from: npx tsx bench/gpu-jobs.ts JOBS_DIR)}
python=${2:-python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$python" -c 'import torch; print("torch", torch.__version__, "· CUDA", torch.version.cuda, "·", ", ".join(torch.cuda.get_device_name(i) for i in range(torch.cuda.device_count())) or "no CUDA GPU")'

status=0
for job in mnist-cnn cifar-cnn; do
  [ -f "$jobs_dir/$job/train.py" ] || { echo "$jobs_dir/$job is not a job folder: write them with npx tsx bench/gpu-jobs.ts $jobs_dir" >&2; exit 2; }
  for device in cuda cpu; do
    # A copy per run, so that the two results stay apart.
    cp -r "$jobs_dir/$job" "$work/$job-$device"
    started=$(date +%s.%N)
    if ! timeout 240 "$python" "$work/$job-$device/train.py" --device "$device" > "$work/$job-$device.out" 2>&1; then
      echo "$job on $device: the run failed:"; tail -n 5 "$work/$job-$device.out"
      status=1
      continue
    fi
    ended=$(date +%s.%N)
    "$python" - "$work/$job-$device/result/events.jsonl" "$job" "$device" "$started" "$ended" <<'PY' || status=1
import json, sys
log, job, device, started, ended = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]), float(sys.argv[5])
events = [json.loads(line) for line in open(log, encoding="utf-8") if line.strip()]
engine = next(e for e in events if e["type"] == "engine")
epochs = [e for e in events if e["type"] == "epoch"]
final = next(e for e in events if e["type"] == "final")
# The first epoch pays for start-up (CUDA context, kernels); the others show the steady speed.
steady = epochs[1:] or epochs
speed = sum(e["samplesPerSecond"] for e in steady) / len(steady)
accuracy = final["test"]["accuracy"] * 100 if final.get("test") else float("nan")
print("%-10s %-5s %9.0f samples/s  test accuracy %6.2f %%  %5.1f s in all  %s" % (job, device, speed, accuracy, ended - started, engine["device"]))
if device == "cuda" and "CUDA" not in engine["device"]:
    print("FAILED: %s was asked to train on CUDA but trained on: %s" % (job, engine["device"]))
    sys.exit(1)
PY
  done
done
exit $status
