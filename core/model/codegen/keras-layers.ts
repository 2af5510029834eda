import type { ResolvedParams } from '../block';
import { getBlock } from '../blocks/index';
import { problem } from '../../i18n/catalogue';
import { ExportError } from './export-error';
import type { PlanNode } from './plan';
import { pyNumber, pyString, pyValue, snakeCase } from './python';

export const kerasLossNames: Record<string, string> = {
  categoricalCrossentropy: 'categorical_crossentropy',
  sparseCategoricalCrossentropy: 'sparse_categorical_crossentropy',
  binaryCrossentropy: 'binary_crossentropy',
  meanSquaredError: 'mean_squared_error',
  meanAbsoluteError: 'mean_absolute_error',
};

function equal(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function regularizerCode(value: unknown): string {
  const { l1, l2 } = value as { l1?: number; l2?: number };
  if (l1 !== undefined && l2 !== undefined) return `regularizers.l1_l2(l1=${pyNumber(l1)}, l2=${pyNumber(l2)})`;
  if (l1 !== undefined) return `regularizers.l1(${pyNumber(l1)})`;
  return `regularizers.l2(${pyNumber(l2 ?? 0)})`;
}

function argumentValue(param: string, value: unknown): string {
  if (param === 'kernelRegularizer') return regularizerCode(value);
  return pyValue(value);
}

/** A Keras layer name: the block id when Keras accepts it as it is. */
export function kerasLayerName(id: string): string {
  return /^[A-Za-z0-9_.-]+$/.test(id) ? id : id.replace(/[^A-Za-z0-9_.-]+/g, '_');
}

/** Whether the code uses `regularizers`, so the import is written only when needed. */
export function usesRegularizers(nodes: PlanNode[]): boolean {
  return nodes.some((n) => n.params.kernelRegularizer !== null && n.params.kernelRegularizer !== undefined);
}

/** `layers.Conv2D(8, 3, activation="relu", name="conv1")` for one block. */
export function kerasLayerCall(node: PlanNode): string {
  const spec = getBlock(node.type)?.keras;
  if (!spec) throw new ExportError(problem('export:kerasUnknownBlock', { type: node.type, id: node.id }), node.id, node.type);
  const params: ResolvedParams = node.params;
  const args: string[] = [];
  const positional: string[] = [];
  for (const name of spec.positional ?? []) {
    if (params[name] === undefined || params[name] === null) break;
    positional.push(name);
    args.push(argumentValue(name, params[name]));
  }
  const defaults = spec.defaults ?? {};
  for (const [name, value] of Object.entries(params)) {
    if (positional.includes(name) || name === 'trainable' || value === undefined) continue;
    if (name in defaults ? equal(defaults[name], value) : value === null) continue;
    args.push(`${snakeCase(name)}=${argumentValue(name, value)}`);
  }
  if (params.trainable === false) args.push('trainable=False');
  args.push(`name=${pyString(kerasLayerName(node.id))}`);
  return `layers.${spec.className}(${args.join(', ')})`;
}
