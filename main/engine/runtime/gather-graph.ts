// A tiny ONNX graph that gathers positions along the length axis of KV tensors: n float32 inputs
// kv.i [batch, heads, length, headDim] and one int64 input `positions` [k], n outputs out.i
// [batch, heads, k, headDim] (Gather, axis 2). Run on the WebGPU provider with GPU-resident inputs and
// outputs, it rolls back and compacts a KV cache without the cache ever leaving the GPU. The model is
// written here as protobuf bytes (a few fields of onnx.proto), so no file ships with it.

/** ONNX TensorProto.DataType values used here. */
const FLOAT = 1;
const FLOAT16 = 10;
const INT64 = 7;
/** AttributeProto.AttributeType.INT. */
const ATTR_INT = 2;

/** Protobuf wire encoding of the handful of field kinds the graph needs. */
class ProtoWriter {
  private bytes: number[] = [];

  private varint(value: number): void {
    let v = value;
    while (v > 0x7f) {
      this.bytes.push((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    this.bytes.push(v);
  }

  /** A varint field (field number, wire type 0). */
  int(field: number, value: number): this {
    this.varint((field << 3) | 0);
    this.varint(value);
    return this;
  }

  /** A length-delimited field (wire type 2): a string or an embedded message. */
  bytesField(field: number, data: Uint8Array): this {
    this.varint((field << 3) | 2);
    this.varint(data.length);
    for (const b of data) this.bytes.push(b);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytesField(field, new TextEncoder().encode(value));
  }

  message(field: number, build: (w: ProtoWriter) => void): this {
    const inner = new ProtoWriter();
    build(inner);
    return this.bytesField(field, inner.finish());
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

type Dim = number | string;

/** ValueInfoProto: name (1), type (2) = TypeProto { tensor_type (1) { elem_type (1), shape (2) } }. */
function valueInfo(w: ProtoWriter, field: number, name: string, elemType: number, dims: Dim[]): void {
  w.message(field, (vi) => {
    vi.string(1, name);
    vi.message(2, (type) =>
      type.message(1, (tensor) => {
        tensor.int(1, elemType);
        tensor.message(2, (shape) => {
          // TensorShapeProto.dim (1) = Dimension { dim_value (1) | dim_param (2) }.
          for (const d of dims) shape.message(1, (dim) => (typeof d === 'number' ? dim.int(1, d) : dim.string(2, d)));
        });
      }),
    );
  });
}

/**
 * The gather model for `count` KV tensors of `heads` x `headDim` (batch and length symbolic), as
 * ONNX ModelProto bytes (IR version 8, opset 13).
 */
export function kvGatherModel(count: number, heads: number, headDim: number, half = false): Uint8Array {
  const elem = half ? FLOAT16 : FLOAT;
  const w = new ProtoWriter();
  w.int(1, 8); // ir_version
  w.string(2, 'reasoning-workbench');
  w.message(8, (op) => op.string(1, '').int(2, 13)); // opset_import: default domain, opset 13
  w.message(7, (g) => {
    for (let i = 0; i < count; i++) {
      // NodeProto: input (1), output (2), name (3), op_type (4), attribute (5) { name (1), i (3), type (20) }.
      g.message(1, (n) => {
        n.string(1, `kv.${i}`).string(1, 'positions').string(2, `out.${i}`).string(3, `gather.${i}`).string(4, 'Gather');
        n.message(5, (a) => a.string(1, 'axis').int(3, 2).int(20, ATTR_INT));
      });
    }
    g.string(2, 'kv_gather');
    for (let i = 0; i < count; i++) valueInfo(g, 11, `kv.${i}`, elem, ['batch', heads, 'length', headDim]);
    valueInfo(g, 11, 'positions', INT64, ['kept']);
    for (let i = 0; i < count; i++) valueInfo(g, 12, `out.${i}`, elem, ['batch', heads, 'kept', headDim]);
  });
  return w.finish();
}
