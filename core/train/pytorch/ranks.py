"""Runs a script as N ranks of a DistributedDataParallel job on this machine.

    python3 ranks.py --nproc N SCRIPT [ARGS...]

What `torchrun --standalone --nproc-per-node N` does, for the Pythons whose torchrun cannot start:
every rank gets MASTER_ADDR, MASTER_PORT (a free port), RANK, WORLD_SIZE, LOCAL_RANK and
LOCAL_WORLD_SIZE. Rank 0 keeps this process's standard input and output (the engine's commands
and events); the other ranks' are closed. When one rank fails the others are ended, so that no
rank waits forever on a dead peer, and the exit code is the failed rank's. The ranks end with this
process (Linux), even when it is killed.
"""
import argparse
import os
import signal
import socket
import subprocess
import sys
import time


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def die_with_parent():
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except Exception:
        pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--nproc", type=int, required=True)
    parser.add_argument("script")
    parser.add_argument("args", nargs=argparse.REMAINDER)
    options = parser.parse_args()
    if options.nproc < 1:
        parser.error("--nproc must be at least 1")
    port = free_port()
    ranks = []

    def end_all(*_):
        for p in ranks:
            if p.poll() is None:
                p.terminate()

    signal.signal(signal.SIGTERM, lambda *a: (end_all(), sys.exit(143)))
    signal.signal(signal.SIGINT, lambda *a: (end_all(), sys.exit(130)))
    for rank in range(options.nproc):
        env = dict(
            os.environ,
            MASTER_ADDR="127.0.0.1",
            MASTER_PORT=str(port),
            RANK=str(rank),
            WORLD_SIZE=str(options.nproc),
            LOCAL_RANK=str(rank),
            LOCAL_WORLD_SIZE=str(options.nproc),
            GROUP_RANK="0",
            PYTHONUNBUFFERED="1",
        )
        quiet = None if rank == 0 else subprocess.DEVNULL
        ranks.append(
            subprocess.Popen(
                [sys.executable, options.script] + options.args,
                env=env,
                stdin=quiet,
                stdout=quiet,
                preexec_fn=die_with_parent if sys.platform.startswith("linux") else None,
            )
        )
    while True:
        codes = [p.poll() for p in ranks]
        failed = next((r for r, c in enumerate(codes) if c not in (None, 0)), None)
        if failed is not None:
            end_all()
            for p in ranks:
                p.wait()
            print("ranks.py: rank %d of %d failed (exit code %d); the other ranks were ended." % (failed, options.nproc, codes[failed]), file=sys.stderr)
            return codes[failed] if codes[failed] > 0 else 1
        if all(c == 0 for c in codes):
            return 0
        time.sleep(0.05)


if __name__ == "__main__":
    sys.exit(main())
