// Reads what a model's .onnx file declares without loading it: its initializers (name, element
// type, dims, and where external data lives), its operators (type, domain, inputs, integer
// attributes) and opset imports. A protobuf walk that reads only field headers and skips payloads
// by seeking, so a 2 GB graph with inline weights costs a few thousand small reads, not 2 GB of
// memory. Used for the parameter count (MatMulNBits' packed 4-bit weights counted as K x N), the
// truncated-external-data check (before onnxruntime sees the file) and operator names in errors.
import fs from 'node:fs';

export interface ScannedInitializer {
  name: string;
  dataType: number;
  dims: number[];
  /** Set when the tensor's bytes live in an external file. */
  external?: { location: string; offset: number; length: number | null };
}

export interface ScannedNode {
  opType: string;
  domain: string;
  inputs: string[];
  /** Integer attributes (K, N, bits, block_size, ...). */
  ints: Record<string, number>;
}

export interface ScannedGraph {
  initializers: ScannedInitializer[];
  nodes: ScannedNode[];
  /** Opset version by domain ('' is the default ONNX domain). */
  opsets: Record<string, number>;
}

/** Buffered positional reader over a file. */
class Reader {
  private buf = Buffer.alloc(0);
  private bufStart = 0;
  constructor(
    private readonly fd: number,
    readonly size: number,
  ) {}

  private ensure(pos: number, n: number): void {
    if (pos >= this.bufStart && pos + n <= this.bufStart + this.buf.length) return;
    const len = Math.min(Math.max(n, 1 << 16), this.size - pos);
    if (len < n) throw new Error(`unexpected end of file at byte ${pos}`);
    const b = Buffer.alloc(len);
    fs.readSync(this.fd, b, 0, len, pos);
    this.buf = b;
    this.bufStart = pos;
  }

  byte(pos: number): number {
    this.ensure(pos, 1);
    return this.buf[pos - this.bufStart]!;
  }

  bytes(pos: number, n: number): Buffer {
    this.ensure(pos, n);
    return this.buf.subarray(pos - this.bufStart, pos - this.bufStart + n);
  }

  /** A varint at pos: its value (exact below 2^53) and the position after it. */
  varint(pos: number): [number, number] {
    let result = 0;
    let mul = 1;
    for (let i = 0; i < 10; i++) {
      const b = this.byte(pos++);
      result += (b & 0x7f) * mul;
      if (!(b & 0x80)) return [result, pos];
      mul *= 128;
    }
    throw new Error('malformed varint');
  }
}

interface Field {
  no: number;
  wire: number;
  /** varint value, or length of a length-delimited payload. */
  value: number;
  /** Start of a length-delimited payload. */
  start: number;
  end: number;
}

function* fields(r: Reader, start: number, end: number): Generator<Field> {
  let pos = start;
  while (pos < end) {
    const [key, p] = r.varint(pos);
    const no = Math.floor(key / 8);
    const wire = key & 7;
    if (wire === 0) {
      const [v, q] = r.varint(p);
      yield { no, wire, value: v, start: p, end: q };
      pos = q;
    } else if (wire === 2) {
      const [len, q] = r.varint(p);
      if (q + len > end) throw new Error(`field ${no} runs past its message (byte ${q})`);
      yield { no, wire, value: len, start: q, end: q + len };
      pos = q + len;
    } else if (wire === 1) {
      yield { no, wire, value: 0, start: p, end: p + 8 };
      pos = p + 8;
    } else if (wire === 5) {
      yield { no, wire, value: 0, start: p, end: p + 4 };
      pos = p + 4;
    } else {
      throw new Error(`unsupported protobuf wire type ${wire} at byte ${pos}`);
    }
  }
}

const str = (r: Reader, f: Field): string => r.bytes(f.start, f.end - f.start).toString('utf8');

function packedVarints(r: Reader, f: Field): number[] {
  if (f.wire === 0) return [f.value];
  const out: number[] = [];
  let p = f.start;
  while (p < f.end) {
    const [v, q] = r.varint(p);
    out.push(v);
    p = q;
  }
  return out;
}

function tensor(r: Reader, start: number, end: number): ScannedInitializer {
  const t: ScannedInitializer = { name: '', dataType: 0, dims: [] };
  const ext: Record<string, string> = {};
  let externalLocation = false;
  for (const f of fields(r, start, end)) {
    if (f.no === 1) t.dims.push(...packedVarints(r, f));
    else if (f.no === 2) t.dataType = f.value;
    else if (f.no === 8) t.name = str(r, f);
    else if (f.no === 14) externalLocation = f.value === 1;
    else if (f.no === 13) {
      let key = '';
      let value = '';
      for (const e of fields(r, f.start, f.end)) {
        if (e.no === 1) key = str(r, e);
        else if (e.no === 2) value = str(r, e);
      }
      ext[key] = value;
    }
  }
  if (externalLocation && ext.location !== undefined) {
    t.external = { location: ext.location, offset: Number(ext.offset ?? 0), length: ext.length !== undefined ? Number(ext.length) : null };
  }
  return t;
}

function node(r: Reader, start: number, end: number): ScannedNode {
  const n: ScannedNode = { opType: '', domain: '', inputs: [], ints: {} };
  for (const f of fields(r, start, end)) {
    if (f.no === 1) n.inputs.push(str(r, f));
    else if (f.no === 4) n.opType = str(r, f);
    else if (f.no === 7) n.domain = str(r, f);
    else if (f.no === 5) {
      let name = '';
      let i: number | undefined;
      for (const a of fields(r, f.start, f.end)) {
        if (a.no === 1) name = str(r, a);
        else if (a.no === 3) i = a.value;
      }
      if (name && i !== undefined) n.ints[name] = i;
    }
  }
  return n;
}

/** Scans an .onnx file (ModelProto). Throws with the byte position when the file is malformed or cut short. */
export function scanOnnx(file: string): ScannedGraph {
  const fd = fs.openSync(file, 'r');
  try {
    const r = new Reader(fd, fs.fstatSync(fd).size);
    const out: ScannedGraph = { initializers: [], nodes: [], opsets: {} };
    for (const f of fields(r, 0, r.size)) {
      if (f.no === 8 && f.wire === 2) {
        let domain = '';
        let version = 0;
        for (const o of fields(r, f.start, f.end)) {
          if (o.no === 1) domain = str(r, o);
          else if (o.no === 2) version = o.value;
        }
        out.opsets[domain] = version;
      } else if (f.no === 7 && f.wire === 2) {
        for (const g of fields(r, f.start, f.end)) {
          if (g.no === 1 && g.wire === 2) out.nodes.push(node(r, g.start, g.end));
          else if (g.no === 5 && g.wire === 2) out.initializers.push(tensor(r, g.start, g.end));
        }
      }
    }
    return out;
  } finally {
    fs.closeSync(fd);
  }
}

/** Bytes per element of ONNX TensorProto data types (4-bit types: 0.5). */
export const ELEMENT_BYTES: Record<number, number> = { 1: 4, 2: 1, 3: 1, 4: 2, 5: 2, 6: 4, 7: 8, 9: 1, 10: 2, 11: 8, 12: 4, 13: 8, 16: 2, 21: 0.5, 22: 0.5 };

/**
 * Parameters of a graph: elements of its floating-point and integer weight initializers, with
 * MatMulNBits weights counted as K x N (their packed bytes, scales and zero points not counted) and
 * DequantizeLinear scales and zero points left out. Small shape constants (under 16 elements) are skipped.
 */
export function countParameters(g: ScannedGraph): number {
  const skip = new Set<string>();
  let total = 0;
  const byName = new Map(g.initializers.map((t) => [t.name, t]));
  for (const n of g.nodes) {
    if (n.opType === 'MatMulNBits') {
      n.inputs.slice(1, 4).forEach((i) => skip.add(i));
      total += (n.ints.K ?? 0) * (n.ints.N ?? 0);
    } else if (n.opType === 'DequantizeLinear') {
      n.inputs.slice(1).forEach((i) => skip.add(i));
    } else if (n.opType === 'GatherBlockQuantized') {
      // Packed embedding table (uint8 holding 8 / bits values per byte), then scales and zero points.
      n.inputs.slice(2).forEach((i) => skip.add(i));
      const packed = byName.get(n.inputs[0]!);
      if (packed && !skip.has(packed.name)) {
        skip.add(packed.name);
        const perByte = packed.dataType === 2 || packed.dataType === 3 ? 8 / (n.ints.bits ?? 4) : 1;
        total += packed.dims.reduce((a, b) => a * b, 1) * perByte;
      }
    }
  }
  for (const t of g.initializers) {
    if (skip.has(t.name)) continue;
    const elements = t.dims.reduce((a, b) => a * b, 1);
    if (elements >= 16) total += elements;
  }
  return total;
}
