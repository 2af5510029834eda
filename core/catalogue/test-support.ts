// Test fixtures: a catalogue base's weights file in Keras's layout, written by h5py (Debian's
// python3-h5py) with seeded random values, as Keras Applications publish them.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import type { PretrainedBaseEntry } from '../model/bases/entries';
import { expectedKerasWeights } from './keras-weights';

const PYTHON = '/usr/bin/python3';

const WRITER = `
import json, sys
import h5py, numpy as np
layers = json.load(open(sys.argv[1]))
rng = np.random.default_rng(int(sys.argv[3]))
with h5py.File(sys.argv[2], "w") as f:
    f.attrs["layer_names"] = np.array([name.encode() for name, _ in layers])
    f.attrs["backend"] = b"tensorflow"
    f.attrs["keras_version"] = b"2.2.4"
    for name, weights in layers:
        g = f.create_group(name)
        full = [("%s/%s:0" % (name, w)).encode() for w, _ in weights]
        g.attrs["weight_names"] = np.array(full, dtype="S") if full else np.array([], dtype="S1")
        for (w, shape), key in zip(weights, full):
            if w == "count":
                data = np.int64(0)
            elif w in ("variance", "moving_variance"):
                data = rng.uniform(0.5, 1.5, shape).astype("float32")
            else:
                data = (rng.standard_normal(shape) * 0.05).astype("float32")
            g.create_dataset(key.decode(), data=data)
`;

/** Writes `file`: the base's weights file (every layer of its graph, weights random), as Keras writes one. */
export function writeBaseWeightsFile(entry: PretrainedBaseEntry, file: string, seed = 1): void {
  const graph = entry.build({ size: 32 });
  const expected = expectedKerasWeights(graph);
  const layers = graph.nodes.map((n) => [n.id, (expected.get(n.id) ?? []).map((w) => [w.name, w.shape])]);
  writeFileSync(`${file}.json`, JSON.stringify(layers));
  execFileSync(PYTHON, ['-c', WRITER, `${file}.json`, file, String(seed)]);
}
