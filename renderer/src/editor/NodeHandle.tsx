import { Handle, Position } from '@xyflow/react';
import type { TFunction } from 'i18next';

/**
 * Where connections meet a node on the canvas: its input on the left (on top when the graph runs
 * downward), its output opposite, each named after the node for a screen reader. It takes the node's
 * `t` rather than asking for one, so that a base of 150 blocks mounts no more hooks than before.
 */
export function NodeHandle({ side, name, vertical, t }: { side: 'in' | 'out'; name: string; vertical: boolean; t: TFunction }) {
  const label = t(side === 'in' ? 'ui-editor:node.inputHandle' : 'ui-editor:node.outputHandle', { block: name });
  const position = side === 'in' ? (vertical ? Position.Top : Position.Left) : vertical ? Position.Bottom : Position.Right;
  return (
    <Handle
      type={side === 'in' ? 'target' : 'source'}
      position={position}
      className={`handle handle-${side}`}
      aria-label={label}
      title={label}
    />
  );
}
