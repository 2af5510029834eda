// Reads the ONNX protobuf messages an importer needs (field numbers from onnx/onnx.proto), the
// reverse of core/export/onnx/protobuf.ts. Protobuf's wire format: each field is a varint key
// (field number << 3 | wire type) followed by a varint, 4 or 8 bytes, or a length and that many
// bytes. Fields the importer does not need are skipped; a length or a value that runs past the
// end of its message is an ImportError (the file is truncated or is not ONNX). Browser-safe.
import { problem } from '../i18n/catalogue';
import { ImportError } from './types';

export const OnnxDataType = { FLOAT: 1, UINT8: 2, INT8: 3, INT32: 6, INT64: 7, FLOAT16: 10, DOUBLE: 11 } as const;

export const dataTypeNames: Record<number, string> = {
  1: 'float32',
  2: 'uint8',
  3: 'int8',
  4: 'uint16',
  5: 'int16',
  6: 'int32',
  7: 'int64',
  8: 'string',
  9: 'bool',
  10: 'float16',
  11: 'float64',
  12: 'uint32',
  13: 'uint64',
  16: 'bfloat16',
};

export interface DecodedTensor {
  name: string;
  dims: number[];
  dataType: number;
  raw?: Uint8Array;
  floatData: number[];
  int32Data: number[];
  int64Data: number[];
  doubleData: number[];
  /** The values live in another file (data_location = EXTERNAL). */
  external: boolean;
}

export const AttributeKind = { FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, GRAPH: 5, FLOATS: 6, INTS: 7, STRINGS: 8 } as const;

export interface DecodedAttribute {
  name: string;
  type: number;
  f?: number;
  i?: number;
  s?: string;
  t?: DecodedTensor;
  floats: number[];
  ints: number[];
  strings: string[];
}

export interface DecodedNode {
  name: string;
  opType: string;
  domain: string;
  inputs: string[];
  outputs: string[];
  attributes: DecodedAttribute[];
}

export interface DecodedValueInfo {
  name: string;
  elemType?: number;
  /** Each dimension: its size, the name of a size chosen at run time (the batch), or undefined when unknown. Undefined when the shape is not given. */
  dims?: (number | string | undefined)[];
}

export interface DecodedGraph {
  name: string;
  nodes: DecodedNode[];
  initializers: DecodedTensor[];
  inputs: DecodedValueInfo[];
  outputs: DecodedValueInfo[];
}

export interface DecodedModel {
  irVersion: number;
  producerName: string;
  producerVersion: string;
  opsets: { domain: string; version: number }[];
  graph?: DecodedGraph;
  metadata: Record<string, string>;
}

const utf8 = new TextDecoder('utf-8');
const littleEndian = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** The part of a message that was being read, as the sentence of a truncated file names it (`name`: the one it belongs to). */
type Part =
  | 'number'
  | 'field'
  | 'numbers'
  | 'tensorName'
  | 'tensorValues'
  | 'attributeName'
  | 'attribute'
  | 'nodeAttribute'
  | 'nodeInput'
  | 'nodeOutput'
  | 'nodeName'
  | 'operatorName'
  | 'operatorDomain'
  | 'dimension'
  | 'dimensionName'
  | 'valueName'
  | 'typeOf'
  | 'shapeOf'
  | 'node'
  | 'graphName'
  | 'weightTensor'
  | 'graphInput'
  | 'graphOutput'
  | 'producerName'
  | 'producerVersion'
  | 'graph'
  | 'operatorSet'
  | 'operatorSetDomain'
  | 'metadataEntry'
  | 'metadataKey'
  | 'metadataValue';

function truncated(part: Part, name: string | number | undefined, at: number, size: number): ImportError {
  return new ImportError(problem('import:truncated', { part, name: name ?? '', at, size }));
}

/** One message's bytes, read field by field. */
class Reader {
  pos: number;
  constructor(
    readonly bytes: Uint8Array,
    start = 0,
    readonly end = bytes.length,
  ) {
    this.pos = start;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  /** A varint as a signed 64-bit value, as a number (exact up to 2^53, which every size and index is). */
  varint(): number {
    let lo = 0;
    let hi = 0;
    for (let shift = 0; shift < 70; shift += 7) {
      if (this.pos >= this.end) throw truncated('number', undefined, this.pos, this.bytes.length);
      const b = this.bytes[this.pos++];
      if (shift < 28) lo |= (b & 0x7f) << shift;
      else if (shift === 28) {
        lo |= (b & 0x0f) << 28;
        hi |= (b & 0x7f) >> 4;
      } else hi |= (b & 0x7f) << (shift - 32);
      if ((b & 0x80) === 0) return Number(BigInt.asIntN(64, (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0)));
    }
    throw new ImportError(problem('import:longNumber', { at: this.pos }));
  }

  key(): { field: number; wire: number } {
    const key = this.varint();
    const wire = key & 7;
    const field = Math.floor(key / 8);
    if (field === 0 || wire === 3 || wire === 4 || wire > 5) throw new ImportError(problem('import:impossibleField', { at: this.pos }));
    return { field, wire };
  }

  /** The bounds of a length-delimited field's payload, moving past it. */
  span(what: Part, name?: string | number): [number, number] {
    const length = this.varint();
    const start = this.pos;
    if (length < 0 || start + length > this.end)
      throw truncated(what, name, Math.min(start + Math.max(length, 0), this.bytes.length + 1), this.bytes.length);
    this.pos = start + length;
    return [start, start + length];
  }

  sub(what: Part, name?: string | number): Reader {
    const [start, end] = this.span(what, name);
    return new Reader(this.bytes, start, end);
  }

  bytesOf(what: Part, name?: string | number): Uint8Array {
    const [start, end] = this.span(what, name);
    return this.bytes.subarray(start, end);
  }

  string(what: Part, name?: string | number): string {
    return utf8.decode(this.bytesOf(what, name));
  }

  fixed(size: 4 | 8): DataView {
    if (this.pos + size > this.end) throw truncated('number', undefined, this.pos, this.bytes.length);
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.pos, size);
    this.pos += size;
    return view;
  }

  float(): number {
    return this.fixed(4).getFloat32(0, true);
  }

  double(): number {
    return this.fixed(8).getFloat64(0, true);
  }

  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.fixed(8);
    else if (wire === 5) this.fixed(4);
    else this.span('field');
  }

  /** A repeated number field, packed (wire type 2) or not, each number read by `read`. */
  repeated(wire: number, into: number[], read: (r: Reader) => number): void {
    if (wire !== 2) {
      into.push(read(this));
      return;
    }
    const inner = this.sub('numbers');
    while (!inner.done) into.push(read(inner));
  }
}

const varint = (r: Reader) => r.varint();
const float = (r: Reader) => r.float();
const double = (r: Reader) => r.double();

function readTensor(r: Reader): DecodedTensor {
  const t: DecodedTensor = {
    name: '',
    dims: [],
    dataType: 0,
    floatData: [],
    int32Data: [],
    int64Data: [],
    doubleData: [],
    external: false,
  };
  while (!r.done) {
    const { field, wire } = r.key();
    if (field === 1) r.repeated(wire, t.dims, varint);
    else if (field === 2 && wire === 0) t.dataType = r.varint();
    else if (field === 4) r.repeated(wire, t.floatData, float);
    else if (field === 5) r.repeated(wire, t.int32Data, varint);
    else if (field === 7) r.repeated(wire, t.int64Data, varint);
    else if (field === 8 && wire === 2) t.name = r.string('tensorName');
    else if (field === 9 && wire === 2) t.raw = r.bytesOf('tensorValues', t.name);
    else if (field === 10) r.repeated(wire, t.doubleData, double);
    else if (field === 14 && wire === 0) t.external = r.varint() === 1;
    else r.skip(wire);
  }
  return t;
}

function readAttribute(r: Reader): DecodedAttribute {
  const a: DecodedAttribute = { name: '', type: 0, floats: [], ints: [], strings: [] };
  while (!r.done) {
    const { field, wire } = r.key();
    if (field === 1 && wire === 2) a.name = r.string('attributeName');
    else if (field === 20 && wire === 0) a.type = r.varint();
    else if (field === 2 && wire === 5) a.f = r.float();
    else if (field === 3 && wire === 0) a.i = r.varint();
    else if (field === 4 && wire === 2) a.s = r.string('attribute', a.name);
    else if (field === 5 && wire === 2) a.t = readTensor(r.sub('attribute', a.name));
    else if (field === 7) r.repeated(wire, a.floats, float);
    else if (field === 8) r.repeated(wire, a.ints, varint);
    else if (field === 9 && wire === 2) a.strings.push(r.string('attribute', a.name));
    else r.skip(wire);
  }
  return a;
}

function readNode(r: Reader): DecodedNode {
  const n: DecodedNode = { name: '', opType: '', domain: '', inputs: [], outputs: [], attributes: [] };
  while (!r.done) {
    const { field, wire } = r.key();
    if (field === 1 && wire === 2) n.inputs.push(r.string('nodeInput'));
    else if (field === 2 && wire === 2) n.outputs.push(r.string('nodeOutput'));
    else if (field === 3 && wire === 2) n.name = r.string('nodeName');
    else if (field === 4 && wire === 2) n.opType = r.string('operatorName');
    else if (field === 5 && wire === 2) n.attributes.push(readAttribute(r.sub('nodeAttribute', n.name)));
    else if (field === 7 && wire === 2) n.domain = r.string('operatorDomain');
    else r.skip(wire);
  }
  return n;
}

function readShape(r: Reader): (number | string | undefined)[] {
  const dims: (number | string | undefined)[] = [];
  while (!r.done) {
    const { field, wire } = r.key();
    if (field !== 1 || wire !== 2) {
      r.skip(wire);
      continue;
    }
    const d = r.sub('dimension');
    let dim: number | string | undefined;
    while (!d.done) {
      const k = d.key();
      if (k.field === 1 && k.wire === 0) dim = d.varint();
      else if (k.field === 2 && k.wire === 2) dim = d.string('dimensionName');
      else d.skip(k.wire);
    }
    dims.push(dim);
  }
  return dims;
}

function readValueInfo(r: Reader): DecodedValueInfo {
  const v: DecodedValueInfo = { name: '' };
  while (!r.done) {
    const { field, wire } = r.key();
    if (field === 1 && wire === 2) v.name = r.string('valueName');
    else if (field === 2 && wire === 2) {
      const type = r.sub('typeOf', v.name);
      while (!type.done) {
        const k = type.key();
        if (k.field !== 1 || k.wire !== 2) {
          type.skip(k.wire);
          continue;
        }
        const tensor = type.sub('typeOf', v.name);
        while (!tensor.done) {
          const t = tensor.key();
          if (t.field === 1 && t.wire === 0) v.elemType = tensor.varint();
          else if (t.field === 2 && t.wire === 2) v.dims = readShape(tensor.sub('shapeOf', v.name));
          else tensor.skip(t.wire);
        }
      }
    } else r.skip(wire);
  }
  return v;
}

function readGraph(r: Reader): DecodedGraph {
  const g: DecodedGraph = { name: '', nodes: [], initializers: [], inputs: [], outputs: [] };
  while (!r.done) {
    const { field, wire } = r.key();
    if (field === 1 && wire === 2) g.nodes.push(readNode(r.sub('node', g.nodes.length + 1)));
    else if (field === 2 && wire === 2) g.name = r.string('graphName');
    else if (field === 5 && wire === 2) g.initializers.push(readTensor(r.sub('weightTensor', g.initializers.length + 1)));
    else if (field === 11 && wire === 2) g.inputs.push(readValueInfo(r.sub('graphInput')));
    else if (field === 12 && wire === 2) g.outputs.push(readValueInfo(r.sub('graphOutput')));
    else r.skip(wire);
  }
  return g;
}

/** Decodes the bytes of a .onnx file; throws ImportError when they are not a complete protobuf message. */
export function decodeModel(bytes: Uint8Array): DecodedModel {
  const r = new Reader(bytes);
  const m: DecodedModel = { irVersion: 0, producerName: '', producerVersion: '', opsets: [], metadata: {} };
  while (!r.done) {
    const { field, wire } = r.key();
    if (field === 1 && wire === 0) m.irVersion = r.varint();
    else if (field === 2 && wire === 2) m.producerName = r.string('producerName');
    else if (field === 3 && wire === 2) m.producerVersion = r.string('producerVersion');
    else if (field === 7 && wire === 2) m.graph = readGraph(r.sub('graph'));
    else if (field === 8 && wire === 2) {
      const o = r.sub('operatorSet');
      const opset = { domain: '', version: 0 };
      while (!o.done) {
        const k = o.key();
        if (k.field === 1 && k.wire === 2) opset.domain = o.string('operatorSetDomain');
        else if (k.field === 2 && k.wire === 0) opset.version = o.varint();
        else o.skip(k.wire);
      }
      m.opsets.push(opset);
    } else if (field === 14 && wire === 2) {
      const e = r.sub('metadataEntry');
      let key = '';
      let value = '';
      while (!e.done) {
        const k = e.key();
        if (k.field === 1 && k.wire === 2) key = e.string('metadataKey');
        else if (k.field === 2 && k.wire === 2) value = e.string('metadataValue');
        else e.skip(k.wire);
      }
      m.metadata[key] = value;
    } else r.skip(wire);
  }
  return m;
}

/** A tensor's values: float32 ones as they are, integers and doubles as exact numbers. */
export function tensorValues(t: DecodedTensor): Float32Array | Float64Array {
  const size = t.dims.reduce((a, b) => a * b, 1);
  if (t.raw) {
    const view = new DataView(t.raw.buffer, t.raw.byteOffset, t.raw.byteLength);
    const width: Record<number, number> = { 1: 4, 2: 1, 3: 1, 6: 4, 7: 8, 11: 8, 9: 1 };
    const bytes = width[t.dataType];
    if (bytes === undefined) throw unsupportedType(t);
    if (t.raw.byteLength !== size * bytes)
      throw new ImportError(
        problem('import:tensorBytes', {
          name: t.name,
          bytes: t.raw.byteLength,
          shape: t.dims,
          type: dataTypeNames[t.dataType] ?? '',
          needed: size * bytes,
          ...(t.dims.length ? {} : { context: 'scalar' }),
        }),
      );
    if (t.dataType === OnnxDataType.FLOAT) {
      // ONNX stores little-endian floats; a copy on an aligned buffer reads them at once where the machine is little-endian too.
      if (littleEndian)
        return t.raw.byteOffset % 4 === 0
          ? new Float32Array(t.raw.buffer, t.raw.byteOffset, size)
          : new Float32Array(new Uint8Array(t.raw).buffer);
      const floats = new Float32Array(size);
      for (let i = 0; i < size; i++) floats[i] = view.getFloat32(i * 4, true);
      return floats;
    }
    const out = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      const at = i * bytes;
      switch (t.dataType) {
        case OnnxDataType.UINT8:
        case 9:
          out[i] = view.getUint8(at);
          break;
        case OnnxDataType.INT8:
          out[i] = view.getInt8(at);
          break;
        case OnnxDataType.INT32:
          out[i] = view.getInt32(at, true);
          break;
        case OnnxDataType.INT64:
          out[i] = Number(view.getBigInt64(at, true));
          break;
        default:
          out[i] = view.getFloat64(at, true);
      }
    }
    return out;
  }
  const lists: Record<number, number[]> = {
    1: t.floatData,
    6: t.int32Data,
    2: t.int32Data,
    3: t.int32Data,
    9: t.int32Data,
    7: t.int64Data,
    11: t.doubleData,
  };
  const list = lists[t.dataType];
  if (!list) throw unsupportedType(t);
  if (list.length !== size)
    throw new ImportError(
      problem('import:tensorValues', {
        name: t.name,
        values: list.length,
        shape: t.dims,
        needed: size,
        ...(t.dims.length ? {} : { context: 'scalar' }),
      }),
    );
  return t.dataType === OnnxDataType.FLOAT ? Float32Array.from(list) : Float64Array.from(list);
}

function unsupportedType(t: DecodedTensor): ImportError {
  const type = dataTypeNames[t.dataType] ?? `type ${t.dataType}`;
  return new ImportError(problem('import:tensorType', { name: t.name, type }));
}
