// Minimal ONNX protobuf surgery for the peer benchmark: turns a graph input into a constant
// initializer (e.g. attention_bias -> zeros [1,1,1,1], which broadcasts), so runtimes that feed only
// the standard transformers.js inputs can run our graphs. Protobuf wire format, hand-decoded: only
// the fields this needs (ModelProto.graph = 7; GraphProto.initializer = 5, input = 11).

interface Field {
  no: number;
  wire: number;
  /** Raw bytes of the whole field (key + payload), for re-emitting untouched fields. */
  raw: Uint8Array;
  /** Payload of a length-delimited field. */
  body?: Uint8Array;
}

function readVarint(buf: Uint8Array, pos: number): [number, number] {
  let result = 0;
  let shift = 0;
  for (;;) {
    const b = buf[pos++]!;
    result += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return [result, pos];
    shift += 7;
  }
}

function writeVarint(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
  return out;
}

function parseFields(buf: Uint8Array): Field[] {
  const fields: Field[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const start = pos;
    const [key, p1] = readVarint(buf, pos);
    pos = p1;
    const no = Math.floor(key / 8);
    const wire = key % 8;
    let body: Uint8Array | undefined;
    if (wire === 0) pos = readVarint(buf, pos)[1];
    else if (wire === 1) pos += 8;
    else if (wire === 5) pos += 4;
    else if (wire === 2) {
      const [len, p2] = readVarint(buf, pos);
      body = buf.subarray(p2, p2 + len);
      pos = p2 + len;
    } else throw new Error(`unsupported protobuf wire type ${wire}`);
    fields.push({ no, wire, raw: buf.subarray(start, pos), body });
  }
  return fields;
}

function lengthDelimited(no: number, body: Uint8Array): Uint8Array {
  return Uint8Array.from([...writeVarint(no * 8 + 2), ...writeVarint(body.length), ...body]);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function nameOf(message: Uint8Array, nameField: number): string | null {
  const f = parseFields(message).find((x) => x.no === nameField && x.wire === 2);
  return f?.body ? new TextDecoder().decode(f.body) : null;
}

/** A float32 TensorProto of zeros with the given dims. */
function zerosTensor(name: string, dims: number[]): Uint8Array {
  const count = dims.reduce((a, b) => a * b, 1);
  const parts: Uint8Array[] = [];
  for (const d of dims) parts.push(Uint8Array.from([...writeVarint(1 * 8 + 0), ...writeVarint(d)]));
  parts.push(Uint8Array.from([...writeVarint(2 * 8 + 0), 1])); // data_type FLOAT
  parts.push(lengthDelimited(8, new TextEncoder().encode(name)));
  parts.push(lengthDelimited(9, new Uint8Array(4 * count)));
  return concat(parts);
}

/** Returns the model bytes with input `name` replaced by a zero initializer of shape `dims`. */
export function inputToZeroInitializer(model: Uint8Array, name: string, dims: number[]): Uint8Array {
  const top = parseFields(model);
  const graphField = top.find((f) => f.no === 7 && f.wire === 2);
  if (!graphField?.body) throw new Error('not an ONNX model: no graph');
  const graph = parseFields(graphField.body);
  const inputIndex = graph.findIndex((f) => f.no === 11 && f.body && nameOf(f.body, 1) === name);
  if (inputIndex < 0) throw new Error(`the graph has no input named ${name}`);
  const newGraph = concat([...graph.filter((_, i) => i !== inputIndex).map((f) => f.raw), lengthDelimited(5, zerosTensor(name, dims))]);
  return concat(top.map((f) => (f === graphField ? lengthDelimited(7, newGraph) : f.raw)));
}
