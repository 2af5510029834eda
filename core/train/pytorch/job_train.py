"""Trains this Neuroblocks job with PyTorch and writes its result into result/ next to this file.

    python3 train.py [--device auto|cpu|cuda|mps]
    torchrun --nproc-per-node N train.py                    # N processes on this machine
    python3 train.py --nproc N                              # the same, where torchrun cannot start
    torchrun --nnodes M --nproc-per-node N --rdzv-backend c10d --rdzv-endpoint HOST:PORT train.py

Under torchrun every process trains its share of each batch (DistributedDataParallel: gloo on the
CPU, NCCL on CUDA GPUs) and only the first one writes. The result (events.jsonl, the best and last
checkpoints and the final weights) is brought back with `neuroblocks import-run PROJECT.nbproj DIR`.
Needs Python 3 with torch and numpy, nothing else.
"""
import argparse
import glob
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
RUN = os.path.join(HERE, "run")
RESULT = os.path.join(HERE, "result")


def prepare(rank):
    """result/config.json: the job's configuration, its files named by absolute path (the engine writes beside it)."""
    with open(os.path.join(RUN, "config.json"), encoding="utf-8") as f:
        config = json.load(f)
    config["modelFile"] = os.path.join(RUN, config["modelFile"])
    config["initialWeights"]["file"] = os.path.join(RUN, config["initialWeights"]["file"])
    if config.get("optimizerState"):
        config["optimizerState"]["file"] = os.path.join(RUN, config["optimizerState"]["file"])
    config["data"] = {key: (os.path.join(RUN, name) if name else name) for key, name in config["data"].items()}
    os.makedirs(RESULT, exist_ok=True)
    if rank == 0:
        # A job run again starts a fresh result.
        for old in glob.glob(os.path.join(RESULT, "*.bin")) + [os.path.join(RESULT, "events.jsonl")]:
            if os.path.exists(old):
                os.remove(old)
    # Every process writes the same file; the rename makes each write whole.
    temporary = os.path.join(RESULT, "config.json.%d.tmp" % os.getpid())
    with open(temporary, "w", encoding="utf-8") as f:
        json.dump(config, f)
    os.replace(temporary, os.path.join(RESULT, "config.json"))


def keep_only_needed_weights():
    """Epoch weight files other than the best and the last checkpoints are dropped, as the app keeps only those two."""
    needed = set()
    best = last = None
    with open(os.path.join(RESULT, "events.jsonl"), encoding="utf-8") as f:
        for line in f:
            event = json.loads(line)
            if event.get("type") == "checkpoint" and event.get("file"):
                if event["kind"] == "best":
                    best = event["file"]
                else:
                    last = event["file"]
            elif event.get("type") == "final" and event.get("weights"):
                needed.add(event["weights"]["file"])
    needed.update(f for f in (best, last) if f)
    for path in glob.glob(os.path.join(RESULT, "*.bin")):
        if os.path.basename(path) not in needed:
            os.remove(path)


class Progress:
    """The engine's events (one JSON line each, all kept in result/events.jsonl) shown as words."""

    def __init__(self, out):
        self.out = out
        self.pending = ""
        self.epochs = "?"

    def write(self, text):
        self.pending += text
        while "\n" in self.pending:
            line, self.pending = self.pending.split("\n", 1)
            self.show(line)
        return len(text)

    def flush(self):
        self.out.flush()

    def show(self, line):
        try:
            e = json.loads(line)
        except ValueError:
            self.out.write(line + "\n")
            return
        kind = e.get("type")
        if kind == "engine":
            self.out.write("Training on %s\n" % e.get("device"))
        elif kind == "epoch":
            val = " · val_loss %.4f · val_accuracy %.2f%%" % (e["valLoss"], 100 * e["valAccuracy"]) if e.get("valLoss") is not None else ""
            self.out.write("Epoch %d · loss %.4f · accuracy %.2f%%%s · %.1f s (%d samples/s)\n" % (e["epoch"], e["loss"], 100 * e["accuracy"], val, e["seconds"], e["samplesPerSecond"]))
        elif kind == "learningRate":
            self.out.write("Learning rate lowered to %g\n" % e["learningRate"])
        elif kind == "final":
            test = e.get("test")
            self.out.write("%s after %d epochs.%s\n" % (e["state"].capitalize(), e["epochsCompleted"], " Test accuracy: %.2f%% on %d held-out samples." % (100 * test["accuracy"], test["samples"]) if test else ""))
        elif kind == "error":
            self.out.write("Failed: %s\n" % e.get("message"))
        self.out.flush()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--device", choices=["auto", "cpu", "cuda", "mps"], default=None, help="where to train (default: as exported, auto: CUDA, then MPS, then the CPU)")
    parser.add_argument("--nproc", type=int, default=1, help="processes on this machine (DistributedDataParallel), as torchrun --nproc-per-node")
    args = parser.parse_args()
    if args.nproc > 1 and "WORLD_SIZE" not in os.environ:
        import subprocess

        rest = ["--device", args.device] if args.device else []
        return subprocess.call([sys.executable, os.path.join(RUN, "ranks.py"), "--nproc", str(args.nproc), os.path.abspath(__file__)] + rest)
    rank = int(os.environ.get("RANK", "0"))
    prepare(rank)
    sys.path.insert(0, RUN)
    import engine  # noqa: E402  (the job's copy of the engine, in run/)

    if rank == 0:
        sys.stdout = Progress(sys.stdout)
    argv = [RESULT, "--log", os.path.join(RESULT, "events.jsonl")]
    if args.device:
        argv += ["--device", args.device]
    code = engine.main(argv)
    if rank == 0 and os.path.exists(os.path.join(RESULT, "events.jsonl")):
        keep_only_needed_weights()
    return code


if __name__ == "__main__":
    sys.exit(main())
