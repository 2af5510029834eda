// The pretrained weights of a project: where training starts for the blocks that have them (a base
// taken from another run, an imported network). One row per weight tensor, checked on every read.
import type Database from 'better-sqlite3';
import { problem } from '../i18n/catalogue';
import { StoreError } from './errors';
import { limits } from './schema';
import { decodeWeights, encodeWeights, sha256, type NamedWeight } from './weights';

export interface PretrainedInfo {
  /** `block/weight`, e.g. `conv1/kernel`. */
  name: string;
  byteLength: number;
  /** Where it came from, in words: "run 3 of Digits 0–4", "resnet18.onnx". */
  source: string;
}

/** Writes weights, replacing those of the same names; in the caller's transaction. */
export function storePretrained(db: Database.Database, weights: readonly NamedWeight[], source: string): void {
  const insert = db.prepare(
    'INSERT OR REPLACE INTO pretrained (name, source, byte_length, hash, weights, added_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const at = new Date().toISOString();
  for (const weight of weights) {
    if (!/^.+\/[^/]+$/.test(weight.name)) throw new StoreError('invalid', problem('store:pretrainedName', { name: weight.name }));
    const blob = encodeWeights([weight]);
    if (blob.length > limits.pretrainedWeightBytes)
      throw new StoreError(
        'too-large',
        problem('store:pretrainedTooLarge', { name: weight.name, bytes: blob.length, max: limits.pretrainedWeightBytes }),
      );
    insert.run(weight.name, source, blob.length, sha256(blob), blob, at);
  }
}

/** Removes the pretrained weights of these blocks (all of them when none are given). */
export function deletePretrained(db: Database.Database, blocks?: readonly string[]): void {
  if (!blocks) {
    db.prepare('DELETE FROM pretrained').run();
    return;
  }
  const remove = db.prepare(
    "DELETE FROM pretrained WHERE substr(name, 1, length(?) + 1) = ? || '/' AND instr(substr(name, length(?) + 2), '/') = 0",
  );
  for (const block of blocks) remove.run(block, block, block);
}

/** What is kept, without reading the tensors. */
export function listPretrained(db: Database.Database): PretrainedInfo[] {
  return db.prepare('SELECT name, source, byte_length AS byteLength FROM pretrained ORDER BY rowid').all() as PretrainedInfo[];
}

function readOne(db: Database.Database, name: string, size: number): NamedWeight {
  if (size > limits.pretrainedWeightBytes) throw new StoreError('too-large', problem('store:pretrainedTooLargeToRead', { name }));
  const { weights, hash } = db.prepare('SELECT weights, hash FROM pretrained WHERE name = ?').get(name) as {
    weights: Buffer;
    hash: string;
  };
  const damaged = new StoreError('damaged', problem('store:pretrainedDamaged', { name }));
  if (sha256(weights) !== hash) throw damaged;
  const [weight] = decodeWeights(weights);
  if (!weight || weight.name !== name) throw damaged;
  return weight;
}

/** Every pretrained weight, checked against its checksum. */
export function readPretrained(db: Database.Database): NamedWeight[] {
  const rows = db.prepare('SELECT name, length(weights) AS size FROM pretrained ORDER BY rowid').all() as { name: string; size: number }[];
  return rows.map((row) => readOne(db, row.name, row.size));
}
