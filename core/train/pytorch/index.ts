// The user's PyTorch as a training engine (Node side): finding a Python that has torch, and what
// it sees. The training itself is ./engine.py, driven by ./run.ts inside the training worker.
import { execFile } from 'node:child_process';
import { accessSync, constants, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { problem, type Problem } from '../../i18n/catalogue';

// Declared once, in the API contract: what the engine finds is what the Train panel shows.
export type { PythonDevice as TorchDevice, PythonEngineInfo } from '../../api/contract';
import type { PythonDevice as TorchDevice, PythonEngineInfo } from '../../api/contract';

/** The oldest torch the engine supports (it uses torch.distributed, F.pad modes and amax). */
export const MIN_TORCH: readonly [number, number] = [1, 10];

/** How long one Python may take to say what it has. */
const PROBE_TIMEOUT_MS = 20_000;

/** Printed by the probe: a marker line, then one JSON object. */
const PROBE_MARKER = 'NEUROBLOCKS-PROBE';
const PROBE = `
import json, sys
out = {"python": sys.version.split()[0]}
try:
    import torch
except Exception as e:
    out["error"] = "%s: %s" % (type(e).__name__, e)
else:
    out["torch"] = torch.__version__
    devices = []
    try:
        if torch.cuda.is_available():
            for i in range(torch.cuda.device_count()):
                p = torch.cuda.get_device_properties(i)
                devices.append({"kind": "cuda", "name": p.name, "memoryBytes": int(p.total_memory)})
    except Exception:
        pass
    try:
        if getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
            devices.append({"kind": "mps", "name": "Apple GPU (MPS)"})
    except Exception:
        pass
    import os
    devices.append({"kind": "cpu", "name": "CPU", "threads": max(torch.get_num_threads(), len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))})
    out["devices"] = devices
    try:
        import numpy
        out["numpy"] = numpy.__version__
    except Exception as e:
        out["numpyError"] = "%s: %s" % (type(e).__name__, e)
print("${PROBE_MARKER}")
print(json.dumps(out))
`;

interface ProbeOutput {
  python?: string;
  torch?: string;
  error?: string;
  numpy?: string;
  numpyError?: string;
  devices?: TorchDevice[];
}

type Probe =
  { ok: true; python: string; torch: string; devices: TorchDevice[] } | { ok: false; python: string; reason: Problem; hasTorch: boolean };

function isExecutable(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The Pythons to try, in order: the setting, NEUROBLOCKS_PYTHON, then every python3 and python on PATH. */
export function pythonCandidates(option?: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const named = [option, env.NEUROBLOCKS_PYTHON].filter((p): p is string => Boolean(p && p.trim()));
  const onPath: string[] = [];
  const names = process.platform === 'win32' ? ['python3.exe', 'python.exe'] : ['python3', 'python'];
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const name of names) {
      const file = path.join(dir, name);
      if (isExecutable(file)) onPath.push(file);
    }
  }
  // The same interpreter reached through several links is tried once.
  const seen = new Set<string>();
  const out: string[] = [];
  for (const candidate of [...named, ...onPath]) {
    let key = candidate;
    try {
      key = realpathSync(candidate);
    } catch {
      // A named Python that does not exist is still tried, so that its absence is the reason given.
    }
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(candidate);
  }
  return out;
}

function versionAtLeast(version: string, min: readonly [number, number]): boolean {
  const [major, minor] = version.split(/[.+a-z]/i).map((n) => Number.parseInt(n, 10));
  if (!Number.isFinite(major) || !Number.isFinite(minor)) return false;
  return major > min[0] || (major === min[0] && minor >= min[1]);
}

function firstLine(text: string): string {
  return (text.split('\n').find((l) => l.trim()) ?? '').trim().slice(0, 200);
}

/** Asks one Python what it has; never throws, never waits more than the timeout. */
export function probePython(python: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<Probe> {
  return new Promise((resolve) => {
    execFile(
      python,
      ['-c', PROBE],
      { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 1 << 20, windowsHide: true },
      (error, stdout, stderr) => {
        const lines = String(stdout).split('\n');
        const at = lines.findIndex((l) => l.trim() === PROBE_MARKER);
        let parsed: ProbeOutput | undefined;
        if (at >= 0) {
          try {
            parsed = JSON.parse(lines[at + 1] ?? '') as ProbeOutput;
          } catch {
            parsed = undefined;
          }
        }
        if (!parsed || typeof parsed !== 'object') {
          const code = (error as (NodeJS.ErrnoException & { killed?: boolean }) | null)?.code;
          if (code === 'ENOENT')
            return resolve({
              ok: false,
              hasTorch: false,
              python,
              reason: problem('train:noPythonAt', { python }),
            });
          if ((error as { killed?: boolean } | null)?.killed)
            return resolve({
              ok: false,
              hasTorch: false,
              python,
              reason: problem('train:pythonSilent', { python, seconds: timeoutMs / 1000 }),
            });
          const said = firstLine(String(stderr)) || firstLine(String(stdout)) || (error ? error.message : 'no output');
          return resolve({
            ok: false,
            hasTorch: false,
            python,
            reason: problem('train:pythonUnusable', { python, said }),
          });
        }
        if (!parsed.torch)
          return resolve({
            ok: false,
            hasTorch: false,
            python,
            reason: problem('train:pythonNoTorch', { python, version: parsed.python ?? '?' }),
          });
        if (!versionAtLeast(parsed.torch, MIN_TORCH))
          return resolve({
            ok: false,
            hasTorch: true,
            python,
            reason: problem('train:torchTooOld', { python, torch: parsed.torch, needed: MIN_TORCH.join('.') }),
          });
        if (!parsed.numpy)
          return resolve({
            ok: false,
            hasTorch: true,
            python,
            reason: problem('train:pythonNoNumpy', { python }),
          });
        const devices = Array.isArray(parsed.devices)
          ? parsed.devices.filter((d) => d && (d.kind === 'cuda' || d.kind === 'mps' || d.kind === 'cpu') && typeof d.name === 'string')
          : [];
        resolve({ ok: true, python, torch: parsed.torch, devices });
      },
    );
  });
}

const cache = new Map<string, Promise<PythonEngineInfo>>();

/**
 * Finds a Python with torch: `options.python` (the app's setting), then NEUROBLOCKS_PYTHON, then
 * every python3 and python on PATH, and says what devices it sees. Results are cached per list of
 * candidates. Never throws; `available: false` comes with a one-line reason.
 */
export function findPythonEngine(options: { python?: string } = {}): Promise<PythonEngineInfo> {
  const candidates = pythonCandidates(options.python);
  const key = JSON.stringify(candidates);
  let found = cache.get(key);
  if (!found) {
    found = searchPythons(candidates);
    cache.set(key, found);
  }
  return found;
}

/** Forgets what findPythonEngine learnt (after the user installed torch, or changed the setting). */
export function clearPythonEngineCache(): void {
  cache.clear();
}

async function searchPythons(candidates: string[]): Promise<PythonEngineInfo> {
  if (!candidates.length)
    return {
      available: false,
      devices: [],
      reason: problem('train:noPython', {}),
    };
  let firstFailure: Extract<Probe, { ok: false }> | undefined;
  for (const python of candidates) {
    const probe = await probePython(python);
    if (probe.ok) return { available: true, python: probe.python, torchVersion: probe.torch, devices: probe.devices };
    // A Python that has torch, even too old, says more than one without it.
    if (!firstFailure || (probe.hasTorch && !firstFailure.hasTorch)) firstFailure = probe;
  }
  return { available: false, python: firstFailure!.python, devices: [], reason: firstFailure!.reason };
}
