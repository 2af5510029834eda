/**
 * The few ONNX protobuf messages an exported model needs, encoded by hand
 * (field numbers from onnx/onnx.proto). Protobuf's wire format: each field is a varint key
 * (field number << 3 | wire type) followed by a varint or a length-delimited payload.
 */

class Writer {
  private chunks: Uint8Array[] = [];
  private size = 0;

  private push(bytes: Uint8Array): void {
    this.chunks.push(bytes);
    this.size += bytes.length;
  }

  varint(value: number | bigint): void {
    let v = BigInt.asUintN(64, BigInt(value));
    const bytes: number[] = [];
    while (v >= 0x80n) {
      bytes.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    bytes.push(Number(v));
    this.push(Uint8Array.from(bytes));
  }

  key(field: number, wireType: 0 | 2 | 5): void {
    this.varint((field << 3) | wireType);
  }

  int(field: number, value: number): void {
    this.key(field, 0);
    this.varint(value);
  }

  bytes(field: number, value: Uint8Array): void {
    this.key(field, 2);
    this.varint(value.length);
    this.push(value);
  }

  string(field: number, value: string): void {
    this.bytes(field, new TextEncoder().encode(value));
  }

  float(field: number, value: number): void {
    this.key(field, 5);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, value, true);
    this.push(b);
  }

  message(field: number, encode: (w: Writer) => void): void {
    const inner = new Writer();
    encode(inner);
    this.bytes(field, inner.finish());
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.size);
    let offset = 0;
    for (const c of this.chunks) {
      out.set(c, offset);
      offset += c.length;
    }
    return out;
  }
}

export const TensorType = { FLOAT: 1, INT64: 7 } as const;

export interface OnnxTensor {
  name: string;
  dims: number[];
  dataType: number;
  /** Little-endian bytes of the values. */
  raw: Uint8Array;
}

export type OnnxAttribute =
  | { name: string; type: 'int'; value: number }
  | { name: string; type: 'ints'; value: number[] }
  | { name: string; type: 'float'; value: number }
  | { name: string; type: 'string'; value: string };

export interface OnnxNode {
  opType: string;
  inputs: string[];
  outputs: string[];
  name: string;
  attributes?: OnnxAttribute[];
  docString?: string;
}

export interface OnnxValueInfo {
  name: string;
  elemType: number;
  /** A number, or a name for a dimension of any size (the batch). */
  shape: (number | string)[];
}

export interface OnnxModel {
  irVersion: number;
  opsetVersion: number;
  producerName: string;
  producerVersion: string;
  graphName: string;
  docString?: string;
  nodes: OnnxNode[];
  initializers: OnnxTensor[];
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
  metadata: Record<string, string>;
}

const ATTRIBUTE_TYPE = { float: 1, int: 2, string: 3, ints: 7 } as const;

function encodeAttribute(w: Writer, a: OnnxAttribute): void {
  w.string(1, a.name);
  w.int(20, ATTRIBUTE_TYPE[a.type]);
  if (a.type === 'float') w.float(2, a.value);
  else if (a.type === 'int') w.int(3, a.value);
  else if (a.type === 'string') w.bytes(4, new TextEncoder().encode(a.value));
  else for (const v of a.value) w.int(8, v);
}

function encodeNode(w: Writer, n: OnnxNode): void {
  for (const i of n.inputs) w.string(1, i);
  for (const o of n.outputs) w.string(2, o);
  w.string(3, n.name);
  w.string(4, n.opType);
  for (const a of n.attributes ?? []) w.message(5, (m) => encodeAttribute(m, a));
  if (n.docString) w.string(6, n.docString);
}

function encodeTensor(w: Writer, t: OnnxTensor): void {
  for (const d of t.dims) w.int(1, d);
  w.int(2, t.dataType);
  w.string(8, t.name);
  w.bytes(9, t.raw);
}

function encodeValueInfo(w: Writer, v: OnnxValueInfo): void {
  w.string(1, v.name);
  // TypeProto { tensor_type (1): Tensor { elem_type (1), shape (2): TensorShapeProto { dim (1) } } }
  w.message(2, (type) =>
    type.message(1, (tensor) => {
      tensor.int(1, v.elemType);
      tensor.message(2, (shape) => {
        for (const d of v.shape) shape.message(1, (dim) => (typeof d === 'number' ? dim.int(1, d) : dim.string(2, d)));
      });
    }),
  );
}

/** The bytes of a .onnx file. */
export function encodeModel(model: OnnxModel): Uint8Array {
  const w = new Writer();
  w.int(1, model.irVersion);
  w.string(2, model.producerName);
  w.string(3, model.producerVersion);
  if (model.docString) w.string(6, model.docString);
  w.message(7, (g) => {
    for (const n of model.nodes) g.message(1, (m) => encodeNode(m, n));
    g.string(2, model.graphName);
    for (const t of model.initializers) g.message(5, (m) => encodeTensor(m, t));
    for (const i of model.inputs) g.message(11, (m) => encodeValueInfo(m, i));
    for (const o of model.outputs) g.message(12, (m) => encodeValueInfo(m, o));
  });
  w.message(8, (o) => {
    o.string(1, '');
    o.int(2, model.opsetVersion);
  });
  for (const [key, value] of Object.entries(model.metadata))
    w.message(14, (m) => {
      m.string(1, key);
      m.string(2, value);
    });
  return w.finish();
}

export function floatTensor(name: string, dims: number[], values: Float32Array | number[]): OnnxTensor {
  const data = values instanceof Float32Array ? values : Float32Array.from(values);
  const raw = new Uint8Array(data.length * 4);
  const view = new DataView(raw.buffer);
  data.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return { name, dims, dataType: TensorType.FLOAT, raw };
}

export function int64Tensor(name: string, dims: number[], values: number[]): OnnxTensor {
  const raw = new Uint8Array(values.length * 8);
  const view = new DataView(raw.buffer);
  values.forEach((v, i) => view.setBigInt64(i * 8, BigInt(v), true));
  return { name, dims, dataType: TensorType.INT64, raw };
}
