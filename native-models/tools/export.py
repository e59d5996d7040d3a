"""Exports a trained embedded model to the workbench layout and checks the export.

  python3 export.py RUN_DIR/model.pt --name base --tokenizer TOKENIZER_DIR --data DATA_DIR --out MODEL_DIR

Writes MODEL_DIR/: model.onnx (+ for base: model_exits.onnx and exit_{l}.onnx draft graphs), all
sharing model.weights; config.json, generation_config.json, tokenizer files, workbench.json,
golden.json (greedy outputs from onnxruntime on fixed problems, reproduced by the CI tests) and
verification.json (the export checks below, with their max abs differences):
  1. ONNX logits vs PyTorch (fp32, CPU) on a padded batch with a past;
  2. incremental decoding through the KV cache vs one full forward pass;
  3. a tree mask in attention_bias vs running each root-to-leaf path alone;
  4. (moe) zero router_bias / unit router_scale vs the unsteered PyTorch model, and a steered run vs
     PyTorch steered the same way; (base) each exit graph vs the exit logits of the full graph.
"""
import argparse
import json
import os
import shutil
import sys

import numpy as np
import onnxruntime as ort
import torch

from data import END_ID, load_eval
from model import NEG, Decoder, active_parameters, count_parameters
from onnx_io import OPSET, dynamic_axes, file_sizes, io_names, max_abs, share_weights

SPECIALS = dict(eos="<|end|>", pad="<|pad|>", thinkStart="<think>", thinkEnd="</think>")
JUDGE_INSTRUCTION = ("Judge only the last step above. Is it correct and logically valid? Ignore style. "
                     "Answer with one digit from 0 (wrong) to 9 (correct).")
JUDGE_PREFILL = "I think the quality score is: "


class Graph(torch.nn.Module):
    """Flat-argument wrapper with the workbench I/O; n_layers < L makes an early-exit draft graph."""

    def __init__(self, model, n_layers, exit_layers=(), moe=False):
        super().__init__()
        self.model, self.n, self.exit_layers, self.moe = model, n_layers, tuple(exit_layers), moe

    def forward(self, input_ids, attention_mask, position_ids, attention_bias, *rest):
        past = [(rest[2 * i], rest[2 * i + 1]) for i in range(self.n)]
        rb = rs = rn = None
        if self.moe:
            rb, rs, rn = rest[2 * self.n:2 * self.n + 3]
        logits, presents, exits, r_logits, _ = self.model(
            input_ids, attention_mask, position_ids, attention_bias, past, rb, rs, rn,
            n_layers=self.n, exit_layers=self.exit_layers)
        outs = [logits] + [t for kv in presents for t in kv] + [exits[l] for l in self.exit_layers]
        if self.moe:
            outs.append(torch.stack(r_logits))
        return tuple(outs)


def example_inputs(cfg, n_layers, moe, B=2, P=3, S=4):
    g = torch.Generator().manual_seed(0)
    ids = torch.randint(2, cfg["vocab"], (B, S), generator=g)
    mask = torch.ones(B, P + S, dtype=torch.long)
    pos = torch.arange(P, P + S)[None].expand(B, S).contiguous()
    bias = torch.zeros(B, 1, S, P + S)
    past = []
    for _ in range(n_layers):
        past += [torch.randn(B, cfg["heads"], P, cfg["head_dim"], generator=g) for _ in range(2)]
    extra = []
    if moe:
        n_moe = cfg["layers"]
        extra = [torch.zeros(n_moe, cfg["experts"]), torch.ones(n_moe, cfg["experts"]), torch.ones(1)]
    return [ids, mask, pos, bias] + past + extra


def export_graph(model, path, n_layers, exit_layers=(), moe=False):
    inputs, outputs = io_names(n_layers, exit_layers, moe)
    args = example_inputs(model.cfg, n_layers, moe)
    torch.onnx.export(Graph(model, n_layers, exit_layers, moe), tuple(args), path, input_names=inputs,
                      output_names=outputs, dynamic_axes=dynamic_axes(inputs, outputs), opset_version=OPSET,
                      do_constant_folding=True, dynamo=False)


class OrtModel:
    def __init__(self, path):
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 4
        self.sess = ort.InferenceSession(path, opts, providers=["CPUExecutionProvider"])
        self.inputs = [i.name for i in self.sess.get_inputs()]
        self.outputs = [o.name for o in self.sess.get_outputs()]

    def run(self, feeds):
        res = self.sess.run(None, {k: v for k, v in feeds.items() if k in self.inputs})
        return dict(zip(self.outputs, res))


def np_feeds(cfg, ids, past=None, bias=None, pos=None, mask=None, router=None, n_layers=None):
    n_layers = n_layers or cfg["layers"]
    B, S = ids.shape
    P = 0 if past is None else past[0][0].shape[2]
    f = {"input_ids": ids.astype(np.int64),
         "attention_mask": np.ones((B, P + S), np.int64) if mask is None else mask,
         "position_ids": (np.arange(P, P + S)[None].repeat(B, 0) if pos is None else pos).astype(np.int64),
         "attention_bias": np.zeros((B, 1, S, P + S), np.float32) if bias is None else bias}
    for i in range(n_layers):
        k, v = (np.zeros((B, cfg["heads"], 0, cfg["head_dim"]), np.float32),) * 2 if past is None else past[i]
        f[f"past_key_values.{i}.key"], f[f"past_key_values.{i}.value"] = k, v
    if "experts" in cfg:
        rb, rs, rn = router or (np.zeros((cfg["layers"], cfg["experts"]), np.float32),
                                np.ones((cfg["layers"], cfg["experts"]), np.float32), np.ones(1, np.float32))
        f["router_bias"], f["router_scale"], f["router_renorm"] = rb, rs, rn
    return f


def presents_of(out, n_layers):
    return [(out[f"present.{i}.key"], out[f"present.{i}.value"]) for i in range(n_layers)]


def verify(model, folder, cfg, name):
    report = {}
    full = OrtModel(os.path.join(folder, "model.onnx"))
    rng = np.random.default_rng(1)
    B, P, S = 3, 5, 7
    ctx = rng.integers(7, cfg["vocab"], (B, P + S))
    mask = np.ones((B, P + S), np.int64)
    mask[0, :2] = 0  # left padding on one row
    pos = np.clip(mask.cumsum(-1) - 1, 0, None)

    # 1. ONNX vs PyTorch with a past built by ONNX itself, padded rows included.
    first = full.run(np_feeds(cfg, ctx[:, :P], mask=mask[:, :P], pos=pos[:, :P]))
    second = full.run(np_feeds(cfg, ctx[:, P:], past=presents_of(first, cfg["layers"]), mask=mask, pos=pos[:, P:]))
    with torch.no_grad():
        t_logits = model(torch.from_numpy(ctx), torch.from_numpy(mask), torch.from_numpy(pos))[0].numpy()
    valid = mask[:, P:].astype(bool)
    report["onnx_vs_torch_max_abs"] = max_abs(second["logits"][valid], t_logits[:, P:][valid])
    report["onnx_vs_torch_prefill_max_abs"] = max_abs(first["logits"][mask[:, :P].astype(bool)], t_logits[:, :P][mask[:, :P].astype(bool)])

    # 2. Token-by-token through the KV cache vs one pass over the whole sequence.
    seq = rng.integers(7, cfg["vocab"], (1, 24))
    whole = full.run(np_feeds(cfg, seq))["logits"][0]
    past, steps = None, []
    for t in range(seq.shape[1]):
        out = full.run(np_feeds(cfg, seq[:, t:t + 1], past=past))
        past = presents_of(out, cfg["layers"])
        steps.append(out["logits"][0, 0])
    report["kv_incremental_max_abs"] = max_abs(np.stack(steps), whole)

    # 3. Tree attention: nodes A,B under the root; C,D under A; E under B (draft order A B C D E).
    parents, depth = [-1, -1, 0, 0, 1], [1, 1, 2, 2, 2]
    ctx1 = rng.integers(7, cfg["vocab"], (1, 9))
    tree = rng.integers(7, cfg["vocab"], (1, 5))
    base_out = full.run(np_feeds(cfg, ctx1))
    bpast = presents_of(base_out, cfg["layers"])
    Pt = ctx1.shape[1]
    bias = np.full((1, 1, 5, Pt + 5), NEG, np.float32)
    bias[..., :Pt] = 0
    for i in range(5):
        j = i
        while j != -1:
            bias[0, 0, i, Pt + j] = 0
            j = parents[j]
    tpos = np.array([[Pt - 1 + d for d in depth]])
    tree_logits = full.run(np_feeds(cfg, tree, past=bpast, bias=bias, pos=tpos))["logits"][0]
    diffs = []
    for leaf in (2, 3, 4):
        path, j = [], leaf
        while j != -1:
            path.insert(0, j)
            j = parents[j]
        chain = full.run(np_feeds(cfg, tree[:, path], past=bpast))["logits"][0]
        diffs.append(max_abs(chain, tree_logits[path]))
    report["tree_mask_max_abs"] = max(diffs)

    # 4a. MoE steering inputs.
    if "experts" in cfg:
        n = cfg["layers"]
        plain = full.run(np_feeds(cfg, seq))["logits"]
        report["router_bias_zero_vs_torch_max_abs"] = max_abs(plain[0], model(torch.from_numpy(seq))[0].detach().numpy()[0])
        rb = np.zeros((n, cfg["experts"]), np.float32)
        rb[1, 3] = np.log(64.0)
        rs = np.ones((n, cfg["experts"]), np.float32)
        rs[2, 5] = 4.0
        steered = full.run(np_feeds(cfg, seq, router=(rb, rs, np.zeros(1, np.float32))))["logits"]
        with torch.no_grad():
            t_steered = model(torch.from_numpy(seq), router_bias=torch.from_numpy(rb), router_scale=torch.from_numpy(rs),
                              router_renorm=torch.zeros(1))[0].numpy()
        report["steered_vs_torch_max_abs"] = max_abs(steered, t_steered)
        report["steering_changes_logits_max_abs"] = max_abs(steered, plain)
        routed = full.run(np_feeds(cfg, seq))["router_logits"]
        report["router_logits_shape"] = list(routed.shape)

    # 4b. Exit graphs: the draft graph of layer l equals the full graph's exit_logits.{l}.
    if name == "base":
        exits = OrtModel(os.path.join(folder, "model_exits.onnx")).run(np_feeds(cfg, seq))
        report["exits_graph_final_vs_model_max_abs"] = max_abs(exits["logits"], full.run(np_feeds(cfg, seq))["logits"])
        per = {}
        for l in range(1, cfg["layers"]):
            g = OrtModel(os.path.join(folder, f"exit_{l}.onnx")).run(np_feeds(cfg, seq, n_layers=l))
            per[str(l)] = max_abs(g["logits"], exits[f"exit_logits.{l}"])
        report["exit_graph_vs_exit_logits_max_abs"] = per
    return report


def golden(folder, cfg, data_dir, max_new=64):
    """Greedy continuations of fixed held-out problems, decoded with onnxruntime (CPU)."""
    full = OrtModel(os.path.join(folder, "model.onnx"))
    items = load_eval(data_dir)
    picked, seen = [], {}
    for it in items:
        key = (it["family"], it["difficulty"])
        if it["difficulty"] in (2, 4) and seen.get(key, 0) < 1:
            seen[key] = 1
            picked.append(it)
    cases = []
    for it in picked:
        ids = np.array([it["prompt_ids"]])
        out = full.run(np_feeds(cfg, ids))
        gen = []
        for _ in range(max_new):
            nxt = int(out["logits"][0, -1].argmax())
            gen.append(nxt)
            if nxt == END_ID:
                break
            out = full.run(np_feeds(cfg, np.array([[nxt]]), past=presents_of(out, cfg["layers"])))
        cases.append(dict(family=it["family"], difficulty=it["difficulty"], prompt_ids=it["prompt_ids"], output_ids=gen))
    return dict(max_new_tokens=max_new, provider="cpu", cases=cases)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("checkpoint")
    ap.add_argument("--name", required=True, choices=["draft", "base", "moe"])
    ap.add_argument("--tokenizer", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--accuracy", help="evaluate.py output to record in the manifest")
    ap.add_argument("--command", default=" ".join(sys.argv))
    args = ap.parse_args()

    ck = torch.load(args.checkpoint, map_location="cpu")
    cfg = ck["cfg"]
    model = Decoder(cfg)
    model.load_state_dict(ck["state"])
    model.eval()
    moe = "experts" in cfg
    L = cfg["layers"]
    os.makedirs(args.out, exist_ok=True)
    for f in os.listdir(args.out):
        if f.endswith((".onnx", ".weights")):
            os.remove(os.path.join(args.out, f))

    graphs = [os.path.join(args.out, "model.onnx")]
    export_graph(model, graphs[0], L, moe=moe)
    exit_graphs = {}
    if args.name == "base":
        graphs.append(os.path.join(args.out, "model_exits.onnx"))
        export_graph(model, graphs[-1], L, exit_layers=tuple(range(1, L)))
        for l in range(1, L):
            graphs.append(os.path.join(args.out, f"exit_{l}.onnx"))
            export_graph(model, graphs[-1], l)
            exit_graphs[str(l)] = f"exit_{l}.onnx"
    share_weights(graphs, "model.weights")
    for f in ("tokenizer.json", "tokenizer_config.json"):
        shutil.copy(os.path.join(args.tokenizer, f), os.path.join(args.out, f))

    config = {
        "model_type": "workbench-decoder", "architectures": ["WorkbenchDecoder"], "vocab_size": cfg["vocab"],
        "hidden_size": cfg["d"], "num_hidden_layers": L, "num_attention_heads": cfg["heads"],
        "num_key_value_heads": cfg["heads"], "head_dim": cfg["head_dim"], "max_position_embeddings": 512,
        "rope_theta": cfg["rope_theta"], "rms_norm_eps": 1e-6, "tie_word_embeddings": True,
        "bos_token_id": None, "eos_token_id": END_ID, "pad_token_id": 0, "torch_dtype": "float32",
    }
    if moe:
        config.update(num_experts=cfg["experts"], num_experts_per_tok=cfg["top_k"], moe_intermediate_size=cfg["expert_hidden"], norm_topk_prob=True)
    else:
        config["intermediate_size"] = cfg["hidden"]
    json.dump(config, open(os.path.join(args.out, "config.json"), "w"), indent=2)
    json.dump({"eos_token_id": END_ID, "pad_token_id": 0, "do_sample": False, "max_new_tokens": 320},
              open(os.path.join(args.out, "generation_config.json"), "w"), indent=2)

    report = verify(model, args.out, cfg, args.name)
    json.dump(report, open(os.path.join(args.out, "verification.json"), "w"), indent=1)
    json.dump(golden(args.out, cfg, args.data), open(os.path.join(args.out, "golden.json"), "w"))

    descriptions = {
        "draft": "Small, fast draft model for speculative decoding and the small side of EAD / SpecReason.",
        "base": "The strongest embedded model: early-exit heads at every layer (DEL) and a SpecReason step judge.",
        "moe": "Mixture-of-experts model (top-2 of 8 experts per layer) with router logits and steering inputs (RICE).",
    }
    manifest = {
        "schema": 1, "name": args.name, "description": descriptions[args.name],
        "family": "moe" if moe else "dense", "architecture": "workbench-decoder",
        "parameters": count_parameters(model), "activeParameters": active_parameters(model),
        "layers": L, "hiddenSize": cfg["d"], "heads": cfg["heads"], "kvHeads": cfg["heads"], "headDim": cfg["head_dim"],
        "vocabSize": cfg["vocab"], "contextLength": 512,
        "exitLayers": list(range(1, L)) if args.name == "base" else [],
        "exitGraphs": exit_graphs,
        **({"exitLogitsGraph": "model_exits.onnx"} if args.name == "base" else {}),
        **({"moe": {"layers": list(range(L)), "experts": cfg["experts"], "topK": cfg["top_k"], "normTopK": True}} if moe else {}),
        "specialTokens": SPECIALS, "stepDelimiter": "\n", "answerPrefix": "Answer:",
        "roles": {"draft": ["generate", "draft"], "base": ["generate", "judge"], "moe": ["generate"]}[args.name],
        **({"judge": {"instruction": JUDGE_INSTRUCTION, "prefill": JUDGE_PREFILL}} if args.name == "base" else {}),
        "training": {
            "command": args.command, "steps": ck["steps"], "seconds": round(ck["seconds"], 1), "seed": ck["args"]["seed"],
            "batch": ck["args"]["batch"], "data": "synthetic task suite (arithmetic, variables, swaps), difficulties 1-6, train split",
            "export": report,
            **({"pytorch_accuracy": json.load(open(args.accuracy))} if args.accuracy else {}),
        },
        "files": {"model": "model.onnx"},
    }
    json.dump(manifest, open(os.path.join(args.out, "workbench.json"), "w"), indent=2)
    print(json.dumps({"name": args.name, "sizes": file_sizes(args.out), "verification": report}))


if __name__ == "__main__":
    main()
