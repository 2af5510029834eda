// The pretrained weights of a project: where training starts for the blocks that have them (a base
// taken from another run, an imported network). One row per weight tensor, checked on every read.
import type Database from 'better-sqlite3';
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
    if (!/^.+\/[^/]+$/.test(weight.name))
      throw new StoreError('invalid', {
        en: `The pretrained weight "${weight.name}" does not name its block (expected "block/weight", e.g. "conv1/kernel").`,
        fr: `Le poids préentraîné « ${weight.name} » ne nomme pas son bloc (forme attendue : "bloc/poids", par exemple "conv1/kernel").`,
      });
    const blob = encodeWeights([weight]);
    if (blob.length > limits.pretrainedWeightBytes)
      throw new StoreError('too-large', {
        en: `The pretrained weight ${weight.name} (${blob.length} bytes) is larger than a project file accepts (${limits.pretrainedWeightBytes} bytes).`,
        fr: `Le poids préentraîné ${weight.name} (${blob.length} octets) est plus gros que ce qu’un fichier de projet accepte (${limits.pretrainedWeightBytes} octets).`,
      });
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
  if (size > limits.pretrainedWeightBytes)
    throw new StoreError('too-large', {
      en: `The pretrained weight ${name} is larger than Neuroblocks accepts.`,
      fr: `Le poids préentraîné ${name} est plus gros que ce que Neuroblocks accepte.`,
    });
  const { weights, hash } = db.prepare('SELECT weights, hash FROM pretrained WHERE name = ?').get(name) as {
    weights: Buffer;
    hash: string;
  };
  const damaged = new StoreError('damaged', {
    en: `The pretrained weight ${name} of this project is damaged (it does not match its checksum). Add the base again.`,
    fr: `Le poids préentraîné ${name} de ce projet est endommagé (il ne correspond pas à sa somme de contrôle). Ajoutez la base à nouveau.`,
  });
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
