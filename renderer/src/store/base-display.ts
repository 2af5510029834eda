// What the canvas draws of a graph with base groups (pretrained networks): a collapsed group is one
// base block, with the connections into and out of it drawn to it; an expanded one is its blocks in
// a frame. Derived from the editor's domain graph, never stored.
import type { Node } from '@xyflow/react';
import type { NodeGroup } from '../../../core/model/graph';
import type { BlockFlowNode, ShapeFlowEdge } from './flow-graph';

/** A collapsed base group on the canvas. */
export interface BaseData extends Record<string, unknown> {
  groupId: string;
  name: string;
  source?: string;
  /** The group's blocks, in the order of the graph's nodes. */
  members: string[];
  /** The block that receives the data from outside the group, and the one whose output leaves it. */
  entry?: string;
  exit?: string;
}

/** The frame drawn around an expanded base group's blocks, with its name and a Collapse button. */
export interface FrameData extends Record<string, unknown> {
  groupId: string;
  name: string;
  source?: string;
}

export type BaseFlowNode = Node<BaseData, 'base'>;
export type FrameFlowNode = Node<FrameData, 'baseFrame'>;
export type CanvasNode = BlockFlowNode | BaseFlowNode | FrameFlowNode;

const BASE_PREFIX = 'base:';
const FRAME_PREFIX = 'frame:';
export const baseNodeId = (groupId: string): string => `${BASE_PREFIX}${groupId}`;
export const frameNodeId = (groupId: string): string => `${FRAME_PREFIX}${groupId}`;
/** The group of a base block's or a frame's id; undefined for a block's. */
export const groupOfNodeId = (id: string): string | undefined =>
  id.startsWith(BASE_PREFIX) ? id.slice(BASE_PREFIX.length) : id.startsWith(FRAME_PREFIX) ? id.slice(FRAME_PREFIX.length) : undefined;

/** Room around an expanded group's blocks, and above them for its name. */
export const FRAME_PADDING = 16;
export const FRAME_HEADER = 44;
const DEFAULT_SIZE = { width: 254, height: 96 };

/** The block of a group that receives data from outside it, and the one whose output leaves it (the last one when none does). */
export function groupEnds(
  members: readonly string[],
  edges: readonly { source: string; target: string }[],
): { entry?: string; exit?: string } {
  const inside = new Set(members);
  const entry =
    edges.find((e) => inside.has(e.target) && !inside.has(e.source))?.target ??
    members.find((m) => !edges.some((e) => e.target === m && inside.has(e.source)));
  const exit =
    edges.find((e) => inside.has(e.source) && !inside.has(e.target))?.source ??
    [...members].reverse().find((m) => !edges.some((e) => e.source === m && inside.has(e.target)));
  return { ...(entry ? { entry } : {}), ...(exit ? { exit } : {}) };
}

/**
 * The nodes and connections the canvas draws. `measured` holds the sizes React Flow measured for
 * the base blocks (they are not in the store).
 */
export function displayGraph(
  nodes: readonly BlockFlowNode[],
  edges: readonly ShapeFlowEdge[],
  groups: readonly NodeGroup[],
  measured: Readonly<Record<string, { width: number; height: number }>> = {},
): { nodes: CanvasNode[]; edges: ShapeFlowEdge[] } {
  if (!groups.length) return { nodes: [...nodes], edges: [...edges] };
  const membersOf = new Map<string, BlockFlowNode[]>();
  for (const n of nodes) {
    if (!n.data.group) continue;
    const list = membersOf.get(n.data.group) ?? [];
    list.push(n);
    membersOf.set(n.data.group, list);
  }
  const collapsedOf = new Map<string, string>();
  const frames: FrameFlowNode[] = [];
  const bases: BaseFlowNode[] = [];
  for (const group of groups) {
    const members = membersOf.get(group.id);
    if (!members?.length) continue;
    const ids = members.map((m) => m.id);
    if (group.collapsed) {
      for (const id of ids) collapsedOf.set(id, group.id);
      const id = baseNodeId(group.id);
      bases.push({
        id,
        type: 'base',
        position: { x: Math.min(...members.map((m) => m.position.x)), y: Math.min(...members.map((m) => m.position.y)) },
        data: {
          groupId: group.id,
          name: group.name,
          ...(group.source ? { source: group.source } : {}),
          members: ids,
          ...groupEnds(ids, edges),
        },
        selected: members.every((m) => m.selected),
        ariaLabel: group.name,
        ...(measured[id] ? { measured: measured[id] } : {}),
      });
    } else {
      const left = Math.min(...members.map((m) => m.position.x));
      const top = Math.min(...members.map((m) => m.position.y));
      const right = Math.max(...members.map((m) => m.position.x + (m.measured?.width ?? DEFAULT_SIZE.width)));
      const bottom = Math.max(...members.map((m) => m.position.y + (m.measured?.height ?? DEFAULT_SIZE.height)));
      frames.push({
        id: frameNodeId(group.id),
        type: 'baseFrame',
        position: { x: left - FRAME_PADDING, y: top - FRAME_PADDING - FRAME_HEADER },
        width: right - left + 2 * FRAME_PADDING,
        height: bottom - top + 2 * FRAME_PADDING + FRAME_HEADER,
        data: { groupId: group.id, name: group.name, ...(group.source ? { source: group.source } : {}) },
        selectable: false,
        draggable: false,
        focusable: false,
        zIndex: -1,
      });
    }
  }
  const shown = (id: string) => (collapsedOf.has(id) ? baseNodeId(collapsedOf.get(id)!) : id);
  const displayedEdges: ShapeFlowEdge[] = [];
  for (const e of edges) {
    const source = shown(e.source);
    const target = shown(e.target);
    if (source === target) continue; // inside a collapsed base
    displayedEdges.push(source === e.source && target === e.target ? e : { ...e, source, target, data: { from: e.source } });
  }
  // Frames first, so that they are drawn under the blocks.
  return { nodes: [...frames, ...nodes.filter((n) => !collapsedOf.has(n.id)), ...bases], edges: displayedEdges };
}

/** A connection's end as the domain graph knows it: a base block stands for its entry (as a target) or its exit (as a source). */
export function domainEnd(id: string, role: 'source' | 'target', nodes: readonly BlockFlowNode[], edges: readonly ShapeFlowEdge[]): string {
  const group = id.startsWith(BASE_PREFIX) ? id.slice(BASE_PREFIX.length) : undefined;
  if (!group) return id;
  const members = nodes.filter((n) => n.data.group === group).map((n) => n.id);
  const ends = groupEnds(members, edges);
  return (role === 'source' ? ends.exit : ends.entry) ?? id;
}
