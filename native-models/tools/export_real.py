"""Builds the real-architecture fixtures: random-weight Hugging Face configs of Qwen3, Qwen2.5, Llama 3.2,
Phi-3, Gemma 3 (text), SmolLM3 and Qwen3-MoE, each exported the two ways users meet them, with every
dtype variant, and records the greedy tokens the engine must reproduce.

  python3 export_real.py --tokenizer ../tokenizer --out fixtures/real            # tiny fixtures (committed)
  python3 export_real.py --bench --out ~/.cache/workbench-bench                   # 0.5B-class Qwen2.5 shape (npm run bench -- real)
  python3 export_real.py --bench --variants fp32,fp16,q4f16 --save-torch --out DIR  # the GPU comparison's variants + torch weights

Layouts written per architecture:
- `<arch>/`: the onnx-community / transformers.js v3 layout. `onnx/model.onnx` (+ `model.onnx_data`
  external data) is a plain TorchScript export (input_ids, attention_mask, position_ids,
  past_key_values.{i}.key/value -> logits, present.{i}.key/value); `model_fp16.onnx` converted with
  onnxruntime's float16 converter (float16 KV cache and logits, as onnx-community's fp16 files);
  `model_q4.onnx` and `model_q4f16.onnx` quantized by onnxruntime's MatMulNBits quantizer (4-bit,
  block 32) from the fp32 and fp16 graphs. config.json carries transformers.js_config (kv_cache_dtype,
  use_external_data_format) as those repos do.
- `<arch>-gqa/` (dense archs whose block this builder knows): the onnxruntime-GenAI-builder style graph
  built op by op from the same weights: SimplifiedLayerNormalization / SkipSimplifiedLayerNormalization,
  GroupQueryAttention (rotary inside it, so no position_ids input) or RotaryEmbedding + GroupQueryAttention
  (llama: position_ids kept), q4 (MatMulNBits) and q4f16 variants.
golden.json per folder: PyTorch's greedy tokens (fp32, full recompute each step), and per variant the
tokens onnxruntime (Python, KV cache) produces and where they first diverge from PyTorch's (quantized
and half-precision weights are different numbers; the divergence is recorded, not hidden).
"""
import argparse
import json
import logging
import math
import os
import shutil

import numpy as np
import onnx
import onnxruntime as ort
import torch
import transformers
from onnx import TensorProto, helper, numpy_helper
from transformers import AutoModelForCausalLM

from export_hf import cache_layers, install_steering, kv_shape, make_cache
from onnx_io import OPSET, dynamic_axes, io_names

NEG = -1e9
BASE = dict(hidden_size=64, intermediate_size=128, num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2,
            max_position_embeddings=512)
TINY = {
    "qwen3": ("Qwen3Config", dict(BASE, head_dim=16)),
    "qwen2.5": ("Qwen2Config", dict(BASE)),
    "llama3.2": ("LlamaConfig", dict(BASE, rope_scaling=dict(rope_type="llama3", factor=32.0, low_freq_factor=1.0,
                                                              high_freq_factor=4.0, original_max_position_embeddings=128))),
    "phi3": ("Phi3Config", dict(BASE, pad_token_id=0)),
    "gemma3": ("Gemma3TextConfig", dict(BASE, head_dim=16, sliding_window=512, query_pre_attn_scalar=16)),
    "smollm3": ("SmolLM3Config", dict(BASE, num_hidden_layers=4, no_rope_layer_interval=4)),
    "qwen3_moe": ("Qwen3MoeConfig", dict(BASE, head_dim=16, moe_intermediate_size=32, num_experts=4, num_experts_per_tok=2,
                                         norm_topk_prob=True, decoder_sparse_step=1, mlp_only_layers=[])),
}
GQA_ARCHS = {"qwen3", "qwen2.5", "llama3.2", "phi3", "smollm3"}
NEW_TOKENS = 16


class PlainGraph(torch.nn.Module):
    """The onnx-community I/O: no attention_bias; the 2-D mask becomes a 4-D additive causal mask here
    (transformers takes a 4-D mask as given, which keeps tracing free of its mask builders)."""

    def __init__(self, model):
        super().__init__()
        self.model = model
        self.n = model.config.num_hidden_layers

    def forward(self, input_ids, attention_mask, position_ids, *past_flat):
        past = [(past_flat[2 * i], past_flat[2 * i + 1]) for i in range(self.n)]
        S = input_ids.shape[1]
        T = attention_mask.shape[1]
        q_pos = torch.arange(S) + (T - S)
        allowed = (torch.arange(T)[None, :] <= q_pos[:, None])[None, None] & (attention_mask[:, None, None, :] > 0)
        mask = torch.where(allowed, torch.zeros(()), torch.full((), NEG))
        out = self.model(input_ids=input_ids, attention_mask=mask, position_ids=position_ids,
                         past_key_values=make_cache(past, self.model.config), use_cache=True)
        return tuple([out.logits] + [t for kv in cache_layers(out.past_key_values, self.n) for t in kv])


def torch_greedy(model, prompt, n=NEW_TOKENS):
    seq = list(prompt)
    out = []
    with torch.no_grad():
        for _ in range(n):
            nxt = int(model(input_ids=torch.tensor([seq])).logits[0, -1].argmax())
            out.append(nxt)
            seq.append(nxt)
    return out


def ort_greedy(path, cfg, prompt, n=NEW_TOKENS):
    """Greedy decoding through the KV cache, feeding whatever the graph declares (float16 where it says so)."""
    sess = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
    ins = {i.name: i for i in sess.get_inputs()}
    names = [o.name for o in sess.get_outputs()]
    heads, hd = kv_shape(cfg)
    kv_type = np.float16 if ins["past_key_values.0.key"].type == "tensor(float16)" else np.float32
    past = [(np.zeros((1, heads, 0, hd), kv_type),) * 2 for _ in range(cfg.num_hidden_layers)]
    cur = list(prompt)
    out = []
    P = 0
    for _ in range(n):
        S = len(cur)
        f = {"input_ids": np.array([cur], np.int64), "attention_mask": np.ones((1, P + S), np.int64)}
        if "position_ids" in ins:
            f["position_ids"] = np.arange(P, P + S, dtype=np.int64)[None]
        for i in range(cfg.num_hidden_layers):
            f[f"past_key_values.{i}.key"], f[f"past_key_values.{i}.value"] = past[i]
        r = dict(zip(names, sess.run(None, f)))
        nxt = int(r["logits"][0, -1].astype(np.float32).argmax())
        out.append(nxt)
        past = [(r[f"present.{i}.key"], r[f"present.{i}.value"]) for i in range(cfg.num_hidden_layers)]
        P += S
        cur = [nxt]
    return out


def first_divergence(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return i
    return None


def save_external(model_proto, path, external):
    if external:
        onnx.save(model_proto, path, save_as_external_data=True, all_tensors_to_one_file=True,
                  location=os.path.basename(path) + "_data", size_threshold=1024)
    else:
        onnx.save(model_proto, path)


def to_fp16(src, dst, external):
    from onnxruntime.transformers.float16 import convert_float_to_float16
    m = onnx.load(src)
    m16 = convert_float_to_float16(m, keep_io_types=False, disable_shape_infer=True)
    save_external(m16, dst, external)


def to_q4(src, dst, external):
    from onnxruntime.quantization.matmul_nbits_quantizer import DefaultWeightOnlyQuantConfig, MatMulNBitsQuantizer
    m = onnx.load(src)
    q = MatMulNBitsQuantizer(m, block_size=32, is_symmetric=True, algo_config=DefaultWeightOnlyQuantConfig(block_size=32, is_symmetric=True))
    q.process()
    save_external(q.model.model, dst, external)


def export_plain(model, folder, external):
    cfg = model.config
    heads, hd = kv_shape(cfg)
    graph = PlainGraph(model)
    B, P, S = 2, 3, 4
    args = [torch.randint(3, cfg.vocab_size, (B, S)), torch.ones(B, P + S, dtype=torch.long),
            torch.arange(P, P + S)[None].expand(B, S).contiguous()]
    for _ in range(cfg.num_hidden_layers):
        args += [torch.randn(B, heads, P, hd), torch.randn(B, heads, P, hd)]
    inputs, outputs = io_names(cfg.num_hidden_layers, attention_bias=False)
    os.makedirs(folder, exist_ok=True)
    tmp = os.path.join(folder, "tmp_export.onnx")
    with torch.no_grad():
        torch.onnx.export(graph, tuple(args), tmp, input_names=inputs, output_names=outputs,
                          dynamic_axes=dynamic_axes(inputs, outputs), opset_version=OPSET, do_constant_folding=True, dynamo=False)
    path = os.path.join(folder, "model.onnx")
    proto = onnx.load(tmp)
    # Over 2 GB the exporter writes one file per tensor beside tmp: gathered into model.onnx_data, then removed.
    scattered = {e.value for t in proto.graph.initializer for e in t.external_data if e.key == "location"}
    save_external(proto, path, external)
    os.remove(tmp)
    for f in scattered:
        if os.path.exists(os.path.join(folder, f)) and f != "model.onnx_data":
            os.remove(os.path.join(folder, f))
    return path


# ---- onnxruntime-GenAI-builder style graph (contrib ops) ----

class Builder:
    def __init__(self):
        self.nodes, self.inits, self.n = [], [], 0

    def init(self, name, arr):
        self.inits.append(numpy_helper.from_array(np.ascontiguousarray(arr), name))
        return name

    def op(self, op_type, inputs, n_out=1, domain="", **attrs):
        self.n += 1
        outs = [f"{op_type}_{self.n}_{i}" for i in range(n_out)]
        self.nodes.append(helper.make_node(op_type, inputs, outs, name=f"{op_type}_{self.n}", domain=domain, **attrs))
        return outs if n_out > 1 else outs[0]


def w(t):
    return t.detach().float().numpy()


def build_gqa(model, folder, arch, external):
    """The decoder as GenAI's builder writes it, from the model's own weights. Llama keeps position_ids
    (RotaryEmbedding ops feed GQA); the others rotate inside GQA (no position_ids input)."""
    cfg = model.config
    m = model.model
    H, nh = cfg.hidden_size, cfg.num_attention_heads
    kvh, hd = kv_shape(cfg)
    L = cfg.num_hidden_layers
    eps = cfg.rms_norm_eps
    rotary_op = arch == "llama3.2"
    b = Builder()
    inv_freq = m.rotary_emb.inv_freq.float()
    scaling = float(getattr(m.rotary_emb, "attention_scaling", 1.0))
    pos = torch.arange(cfg.max_position_embeddings).float()
    freqs = torch.outer(pos, inv_freq)
    cos = b.init("cos_cache", (freqs.cos() * scaling).numpy())
    sin = b.init("sin_cache", (freqs.sin() * scaling).numpy())
    embed = b.init("embed", w(m.embed_tokens.weight))
    x = b.op("Gather", [embed, "input_ids"])
    # seqlens_k = sum(mask) - 1 (int32), total_sequence_length = mask.shape[1] (int32), as the builder does
    one = b.init("one_i64", np.array(1, np.int64))
    axis1 = b.init("axis1", np.array([1], np.int64))
    seqlens = b.op("Cast", [b.op("Sub", [b.op("ReduceSum", ["attention_mask", axis1], keepdims=0), one])], to=TensorProto.INT32)
    total = b.op("Cast", [b.op("Gather", [b.op("Shape", ["attention_mask"]), one])], to=TensorProto.INT32)
    no_rope = getattr(cfg, "no_rope_layers", None)
    residual = None
    for i, layer in enumerate(m.layers):
        a = layer.self_attn
        if residual is None:
            normed = b.op("SimplifiedLayerNormalization", [x, b.init(f"l{i}.in_norm", w(layer.input_layernorm.weight))], axis=-1, epsilon=eps)
            residual = x
        else:
            normed, _, _, residual = b.op("SkipSimplifiedLayerNormalization", [x, residual, b.init(f"l{i}.in_norm", w(layer.input_layernorm.weight))],
                                          n_out=4, domain="com.microsoft", epsilon=eps)
        if hasattr(a, "qkv_proj"):
            qkv = w(a.qkv_proj.weight)
            qw, kw, vw = qkv[:nh * hd], qkv[nh * hd:(nh + kvh) * hd], qkv[(nh + kvh) * hd:]
            qb = kb = vb = None
        else:
            qw, kw, vw = w(a.q_proj.weight), w(a.k_proj.weight), w(a.v_proj.weight)
            qb, kb, vb = [w(p.bias) if p.bias is not None else None for p in (a.q_proj, a.k_proj, a.v_proj)]
        q = b.op("MatMul", [normed, b.init(f"l{i}.q", qw.T)])
        k = b.op("MatMul", [normed, b.init(f"l{i}.k", kw.T)])
        v = b.op("MatMul", [normed, b.init(f"l{i}.v", vw.T)])
        if qb is not None:
            q, k, v = (b.op("Add", [t, b.init(f"l{i}.{n}b", bias)]) for t, n, bias in ((q, "q", qb), (k, "k", kb), (v, "v", vb)))
        if hasattr(a, "q_norm"):
            shape_q = b.init(f"l{i}.shape_q", np.array([0, 0, nh, hd], np.int64))
            shape_k = b.init(f"l{i}.shape_k", np.array([0, 0, kvh, hd], np.int64))
            flat = b.init(f"l{i}.flat", np.array([0, 0, -1], np.int64))
            q = b.op("Reshape", [b.op("SimplifiedLayerNormalization", [b.op("Reshape", [q, shape_q]), b.init(f"l{i}.qn", w(a.q_norm.weight))], axis=-1, epsilon=eps), flat])
            k = b.op("Reshape", [b.op("SimplifiedLayerNormalization", [b.op("Reshape", [k, shape_k]), b.init(f"l{i}.kn", w(a.k_norm.weight))], axis=-1, epsilon=eps), flat])
        use_rope = True if no_rope is None else bool(no_rope[i])
        if rotary_op and use_rope:
            q = b.op("RotaryEmbedding", [q, "position_ids", cos, sin], domain="com.microsoft", num_heads=nh, interleaved=0)
            k = b.op("RotaryEmbedding", [k, "position_ids", cos, sin], domain="com.microsoft", num_heads=kvh, interleaved=0)
        gqa_rotary = use_rope and not rotary_op
        attn, pk, pv = b.op("GroupQueryAttention", [q, k, v, f"past_key_values.{i}.key", f"past_key_values.{i}.value", seqlens, total, cos, sin],
                            n_out=3, domain="com.microsoft", num_heads=nh, kv_num_heads=kvh, do_rotary=int(gqa_rotary), rotary_interleaved=0,
                            scale=float(a.scaling))
        b.nodes[-1].output[1], b.nodes[-1].output[2] = f"present.{i}.key", f"present.{i}.value"
        o = b.op("MatMul", [attn, b.init(f"l{i}.o", w(a.o_proj.weight).T)])
        normed, _, _, residual = b.op("SkipSimplifiedLayerNormalization", [o, residual, b.init(f"l{i}.post_norm", w(layer.post_attention_layernorm.weight))],
                                      n_out=4, domain="com.microsoft", epsilon=eps)
        mlp = layer.mlp
        if hasattr(mlp, "gate_up_proj"):
            gu = w(mlp.gate_up_proj.weight)
            gw, uw = gu[:gu.shape[0] // 2], gu[gu.shape[0] // 2:]
        else:
            gw, uw = w(mlp.gate_proj.weight), w(mlp.up_proj.weight)
        g = b.op("MatMul", [normed, b.init(f"l{i}.gate", gw.T)])
        u = b.op("MatMul", [normed, b.init(f"l{i}.up", uw.T)])
        act = b.op("Mul", [g, b.op("Sigmoid", [g])])
        x = b.op("MatMul", [b.op("Mul", [act, u]), b.init(f"l{i}.down", w(mlp.down_proj.weight).T)])
    final, _, _, _ = b.op("SkipSimplifiedLayerNormalization", [x, residual, b.init("final_norm", w(m.norm.weight))], n_out=4, domain="com.microsoft", epsilon=eps)
    logits = b.op("MatMul", [final, b.init("lm_head", w(model.lm_head.weight).T)])
    b.nodes[-1].output[0] = "logits"
    f32 = TensorProto.FLOAT
    inputs = [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch_size", "sequence_length"]),
              helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch_size", "total_sequence_length"])]
    if rotary_op:
        inputs.append(helper.make_tensor_value_info("position_ids", TensorProto.INT64, ["batch_size", "sequence_length"]))
    outputs = [helper.make_tensor_value_info("logits", f32, ["batch_size", "sequence_length", cfg.vocab_size])]
    for i in range(L):
        for kind in ("key", "value"):
            inputs.append(helper.make_tensor_value_info(f"past_key_values.{i}.{kind}", f32, ["batch_size", kvh, "past_sequence_length", hd]))
            outputs.append(helper.make_tensor_value_info(f"present.{i}.{kind}", f32, ["batch_size", kvh, "total_sequence_length", hd]))
    g = helper.make_graph(b.nodes, "decoder", inputs, outputs, b.inits)
    mp = helper.make_model(g, opset_imports=[helper.make_opsetid("", OPSET), helper.make_opsetid("com.microsoft", 1)], producer_name="workbench export_real.py", ir_version=10)
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, "model.onnx")
    save_external(mp, path, external)
    return path


def tjs_config(variants, external):
    return {"kv_cache_dtype": {d: "float16" for d in variants if d in ("fp16", "q4f16")},
            "use_external_data_format": {f: True for f in external}}


def finish(folder, model, cfg, graphs, prompts, tokenizer_dir):
    """graphs: {dtype: path}. Writes golden.json, config.json (with transformers.js_config), tokenizer."""
    golden = {"max_new_tokens": NEW_TOKENS, "source": "pytorch greedy (fp32, full recompute)", "cases": []}
    for p in prompts:
        ref = torch_greedy(model, p)
        case = {"prompt_ids": p, "output_ids": ref, "variants": {}}
        for dtype, path in graphs.items():
            toks = ort_greedy(path, cfg, p)
            case["variants"][dtype] = {"onnxruntime_output_ids": toks, "first_divergence_from_pytorch": first_divergence(toks, ref)}
        golden["cases"].append(case)
    json.dump(golden, open(os.path.join(folder, "golden.json"), "w"), indent=1)
    cfg.save_pretrained(folder)
    c = json.load(open(os.path.join(folder, "config.json")))
    external = [os.path.basename(p) for p in graphs.values() if os.path.exists(p + "_data")]
    c["transformers.js_config"] = tjs_config(list(graphs), external)
    json.dump(c, open(os.path.join(folder, "config.json"), "w"), indent=2)
    if tokenizer_dir:
        for f in ("tokenizer.json", "tokenizer_config.json"):
            shutil.copy(os.path.join(tokenizer_dir, f), os.path.join(folder, f))
    return golden


def make_model(arch, vocab, overrides=None):
    cls_name, kw = TINY[arch]
    kw = dict(kw, **(overrides or {}))
    cfg = getattr(transformers, cls_name)(vocab_size=vocab, eos_token_id=1, bos_token_id=None, tie_word_embeddings=False, **kw)
    if "pad_token_id" not in kw:
        cfg.pad_token_id = 0
    torch.manual_seed(0)
    model = AutoModelForCausalLM.from_config(cfg, attn_implementation="eager")
    model.to(torch.float32).eval()
    # Random init leaves the norms at one and the logits nearly flat: spread the weights so greedy
    # decoding is decided by margins wider than float16 noise (the test compares tokens, not logits).
    with torch.no_grad():
        for name, p in model.named_parameters():
            if "norm" in name:
                p.add_(torch.randn_like(p) * 0.1)
            elif p.dim() >= 2:
                p.mul_(2.0)
    return model


def build(arch, out, vocab, tokenizer_dir, variants=("fp32", "fp16", "q4", "q4f16"), gqa=True, overrides=None, prompts=None):
    model = make_model(arch, vocab, overrides)
    cfg = model.config
    rng = np.random.default_rng(1)
    prompts = prompts or [list(map(int, rng.integers(7, min(vocab, 700), n))) for n in (6, 11)]
    report = {}
    # onnx-community layout (the MoE's sparse blocks become dense-over-experts first: equal outputs, traceable)
    if cfg.model_type in ("qwen3_moe", "olmoe"):
        install_steering(model)
    folder = os.path.join(out, arch)
    onnx_dir = os.path.join(folder, "onnx")
    fp32 = export_plain(model, onnx_dir, external=True)
    graphs = {"fp32": fp32}
    if "fp16" in variants:
        graphs["fp16"] = os.path.join(onnx_dir, "model_fp16.onnx")
        to_fp16(fp32, graphs["fp16"], external=False)
    if "q4" in variants:
        graphs["q4"] = os.path.join(onnx_dir, "model_q4.onnx")
        to_q4(fp32, graphs["q4"], external=False)
    if "q4f16" in variants:
        graphs["q4f16"] = os.path.join(onnx_dir, "model_q4f16.onnx")
        to_q4(graphs.get("fp16") or fp32, graphs["q4f16"], external=False)
    report[arch] = finish(folder, model, cfg, graphs, prompts, tokenizer_dir)
    if gqa and arch in GQA_ARCHS:
        folder = os.path.join(out, f"{arch}-gqa")
        fp32 = build_gqa(model, folder, arch, external=False)
        graphs = {"fp32": fp32}
        graphs["q4"] = os.path.join(folder, "model_q4.onnx")
        to_q4(fp32, graphs["q4"], external=False)
        graphs["q4f16"] = os.path.join(folder, "model_q4f16.onnx")
        fp16 = os.path.join(folder, "tmp_fp16.onnx")
        to_fp16(fp32, fp16, external=False)
        to_q4(fp16, graphs["q4f16"], external=False)
        os.remove(fp16)
        report[f"{arch}-gqa"] = finish(folder, model, cfg, graphs, prompts, tokenizer_dir)
    return report


QWEN25_05B = dict(hidden_size=896, intermediate_size=4864, num_hidden_layers=24, num_attention_heads=14, num_key_value_heads=2,
                  max_position_embeddings=32768, rope_theta=1000000.0, rms_norm_eps=1e-6, tie_word_embeddings=True)


def word_level_tokenizer(folder, size):
    """A tokenizer.json of `size` tokens (<t0>, <t1>, ...; <t1> is the end of text) for the benchmark model:
    the benchmark feeds token ids, but the engine checks the tokenizer against the vocabulary."""
    vocab = {f"<t{i}>": i for i in range(size)}
    tok = {"version": "1.0", "truncation": None, "padding": None,
           "added_tokens": [{"id": 1, "content": "<t1>", "single_word": False, "lstrip": False, "rstrip": False, "normalized": False, "special": True}],
           "normalizer": None, "pre_tokenizer": {"type": "WhitespaceSplit"}, "post_processor": None, "decoder": None,
           "model": {"type": "WordLevel", "vocab": vocab, "unk_token": "<t0>"}}
    json.dump(tok, open(os.path.join(folder, "tokenizer.json"), "w"))
    json.dump({"eos_token": "<t1>", "model_max_length": 32768, "tokenizer_class": "PreTrainedTokenizerFast"},
              open(os.path.join(folder, "tokenizer_config.json"), "w"))


def build_bench(out, variants=("fp32", "q4"), save_torch=False, tiny=False):
    """Qwen2.5-0.5B's shape (0.49B parameters, tied embeddings, vocab 151936), random weights (seed 0).
    Builds the variants that are missing (fp32 always; fp16, q4, q4f16 from it). With save_torch the
    same weights are saved as safetensors in torch/ (for PyTorch's side of the GPU comparison)."""
    shape = dict(QWEN25_05B, hidden_size=64, intermediate_size=128, num_hidden_layers=2, num_attention_heads=4) if tiny else QWEN25_05B
    cfg = transformers.Qwen2Config(vocab_size=151936, eos_token_id=1, bos_token_id=None, pad_token_id=0, **shape)
    torch.manual_seed(0)
    model = AutoModelForCausalLM.from_config(cfg, attn_implementation="eager").to(torch.float32).eval()
    folder = os.path.join(out, "qwen2.5-0.5b-shape")
    onnx_dir = os.path.join(folder, "onnx")
    files = {"fp32": "model.onnx", "fp16": "model_fp16.onnx", "q4": "model_q4.onnx", "q4f16": "model_q4f16.onnx"}
    fp32 = os.path.join(onnx_dir, files["fp32"])
    if not os.path.exists(fp32):
        export_plain(model, onnx_dir, external=True)
    fp16 = os.path.join(onnx_dir, files["fp16"])
    if ("fp16" in variants or "q4f16" in variants) and not os.path.exists(fp16):
        to_fp16(fp32, fp16, external=True)
    if "q4" in variants and not os.path.exists(os.path.join(onnx_dir, files["q4"])):
        to_q4(fp32, os.path.join(onnx_dir, files["q4"]), external=True)
    if "q4f16" in variants and not os.path.exists(os.path.join(onnx_dir, files["q4f16"])):
        to_q4(fp16, os.path.join(onnx_dir, files["q4f16"]), external=True)
    if save_torch and not os.path.exists(os.path.join(folder, "torch", "model.safetensors")):
        model.save_pretrained(os.path.join(folder, "torch"), safe_serialization=True)
    present = [d for d, f in files.items() if os.path.exists(os.path.join(onnx_dir, f))]
    cfg.save_pretrained(folder)
    c = json.load(open(os.path.join(folder, "config.json")))
    c["transformers.js_config"] = tjs_config(present, [files[d] for d in present])
    json.dump(c, open(os.path.join(folder, "config.json"), "w"), indent=2)
    json.dump({"eos_token_id": 1, "pad_token_id": 0}, open(os.path.join(folder, "generation_config.json"), "w"))
    word_level_tokenizer(folder, 151665)
    print(json.dumps({"folder": folder, "parameters": sum(p.numel() for p in model.parameters()), "variants": present}))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bench", action="store_true", help="build the 0.5B-class benchmark model instead of the fixtures")
    ap.add_argument("--out", required=True)
    ap.add_argument("--tokenizer", help="tokenizer folder copied beside each export")
    ap.add_argument("--archs", default=",".join(TINY))
    ap.add_argument("--vocab", type=int, default=768)
    ap.add_argument("--variants", default="fp32,q4", help="with --bench: the dtype variants to build (fp32, fp16, q4, q4f16)")
    ap.add_argument("--save-torch", action="store_true", help="with --bench: also save the weights as safetensors in torch/")
    ap.add_argument("--tiny", action="store_true", help="with --bench: a 2-layer model in the same layout (dry runs of the scripts)")
    args = ap.parse_args()
    logging.getLogger("onnxruntime.quantization").setLevel(logging.WARNING)
    logging.disable(logging.INFO)
    if args.bench:
        build_bench(os.path.expanduser(args.out), tuple(args.variants.split(",")), args.save_torch, args.tiny)
        return
    summary = {}
    for arch in args.archs.split(","):
        try:
            rep = build(arch, args.out, args.vocab, args.tokenizer)
            for k, g in rep.items():
                summary[k] = {d: [c["variants"][d]["first_divergence_from_pytorch"] for c in g["cases"]] for d in g["cases"][0]["variants"]}
        except Exception as err:  # report every architecture, even when one fails
            import traceback
            summary[arch] = {"error": f"{type(err).__name__}: {err}", "trace": traceback.format_exc()[-2000:]}
        print(arch, json.dumps({k: v for k, v in summary.items() if k.startswith(arch)})[:1500], flush=True)
    summary["_versions"] = {"torch": torch.__version__, "transformers": transformers.__version__, "onnxruntime": ort.__version__, "onnx": onnx.__version__}
    json.dump(summary, open(os.path.join(args.out, "summary.json"), "w"), indent=1)


if __name__ == "__main__":
    main()
