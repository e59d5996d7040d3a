"""ONNX export helpers shared by export.py (the embedded models) and export_hf.py (Hugging Face
checkpoints): I/O naming in the transformers.js layout, dynamic axes, and weight sharing between
graphs of one model through a single external-data file."""
import hashlib
import os

import numpy as np
import onnx
from onnx import numpy_helper

OPSET = 17


def io_names(n_layers, exit_layers=(), moe=False, attention_bias=True):
    inputs = ["input_ids", "attention_mask", "position_ids"] + (["attention_bias"] if attention_bias else [])
    outputs = ["logits"]
    for i in range(n_layers):
        inputs += [f"past_key_values.{i}.key", f"past_key_values.{i}.value"]
        outputs += [f"present.{i}.key", f"present.{i}.value"]
    outputs += [f"exit_logits.{l}" for l in exit_layers]
    if moe:
        inputs += ["router_bias", "router_scale", "router_renorm"]
        outputs += ["router_logits"]
    return inputs, outputs


def dynamic_axes(inputs, outputs):
    axes = {}
    for n in inputs:
        if n in ("input_ids", "position_ids"):
            axes[n] = {0: "batch_size", 1: "sequence_length"}
        elif n == "attention_mask":
            axes[n] = {0: "batch_size", 1: "total_sequence_length"}
        elif n == "attention_bias":
            axes[n] = {0: "batch_size", 2: "sequence_length", 3: "total_sequence_length"}
        elif n.startswith("past_key_values"):
            axes[n] = {0: "batch_size", 2: "past_sequence_length"}
    for n in outputs:
        if n == "logits" or n.startswith("exit_logits"):
            axes[n] = {0: "batch_size", 1: "sequence_length"}
        elif n.startswith("present"):
            axes[n] = {0: "batch_size", 2: "total_sequence_length"}
        elif n == "router_logits":
            axes[n] = {1: "batch_x_sequence"}
    return axes


def share_weights(paths, weights_name, min_bytes=1024, align=4096):
    """Moves every large initializer of the given graphs into one external file beside them, storing
    identical tensors once: the exit graphs of a model then cost almost nothing on disk."""
    folder = os.path.dirname(paths[0])
    weights_path = os.path.join(folder, weights_name)
    table = {}
    offset = 0
    models = [onnx.load(p) for p in paths]
    with open(weights_path, "wb") as f:
        for m in models:
            for init in m.graph.initializer:
                if not init.raw_data:
                    init.CopyFrom(numpy_helper.from_array(numpy_helper.to_array(init), init.name))
                raw = init.raw_data
                if len(raw) < min_bytes:
                    continue
                key = (init.data_type, tuple(init.dims), hashlib.sha1(raw).hexdigest())
                if key not in table:
                    pad = (-offset) % align
                    f.write(b"\0" * pad)
                    offset += pad
                    f.write(raw)
                    table[key] = (offset, len(raw))
                    offset += len(raw)
                off, length = table[key]
                init.ClearField("raw_data")
                init.data_location = onnx.TensorProto.EXTERNAL
                del init.external_data[:]
                for k, v in (("location", weights_name), ("offset", str(off)), ("length", str(length))):
                    e = init.external_data.add()
                    e.key, e.value = k, v
    for m, p in zip(models, paths):
        onnx.save(m, p)
        onnx.checker.check_model(p)
    return weights_path, offset


def file_sizes(folder):
    return {n: os.path.getsize(os.path.join(folder, n)) for n in sorted(os.listdir(folder))}


def max_abs(a, b):
    return float(np.max(np.abs(np.asarray(a, dtype=np.float64) - np.asarray(b, dtype=np.float64))))
