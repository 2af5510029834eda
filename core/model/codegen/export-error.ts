import { problem, type Problem } from '../../i18n/catalogue';
import { LocalizedError } from '../localized';

/**
 * Thrown when a graph cannot be exported (or turned into code) in some format.
 * The message names the block and says what to change, in words a student understands.
 */
export class ExportError extends LocalizedError {
  constructor(
    what: Problem,
    readonly nodeId?: string,
    readonly blockType?: string,
  ) {
    super(what);
    this.name = 'ExportError';
  }
}

/** The block at fault, as messages name it: `RandomCrop "crop"`. */
export function blockName(node: { id: string; type: string }): string {
  return `${node.type} "${node.id}"`;
}

/** The same in French: `Conv2D « c1 »`. */
export function blockNameFr(node: { id: string; type: string }): string {
  return `${node.type} « ${node.id} »`;
}

/** The refusal of an exporter that cannot express a block: names the block, the format and why (a problem of the catalogue). */
export function cannotExport(node: { id: string; type: string }, format: string, why: Problem): ExportError {
  return new ExportError(problem('export:cannotExpress', { type: node.type, id: node.id, format, why }), node.id, node.type);
}
