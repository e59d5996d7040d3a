"""Greedy accuracy of a trained checkpoint on the held-out prompts, per family and difficulty, with
PyTorch on the GPU: a quick read during training. The model cards report the workbench engine's own
numbers (`npm run workbench -- eval ...`), not these.

  python3 evaluate.py RUN_DIR/model.pt --data DATA_DIR --tokenizer TOKENIZER_DIR [--per-cell 50]
"""
import argparse
import collections
import json
import os
import re

import torch
from tokenizers import Tokenizer

from data import END_ID, PAD_ID, load_eval
from model import Decoder


def load(path, device):
    ck = torch.load(path, map_location=device)
    m = Decoder(ck["cfg"]).to(device)
    m.load_state_dict(ck["state"])
    m.eval()
    return m


@torch.no_grad()
def greedy(model, prompts, max_new, device):
    """Batched greedy decoding with left padding and the KV cache; stops rows at <|end|>."""
    B = len(prompts)
    L = max(len(p) for p in prompts)
    ids = torch.full((B, L), PAD_ID, dtype=torch.long, device=device)
    mask = torch.zeros((B, L), dtype=torch.long, device=device)
    for r, p in enumerate(prompts):
        ids[r, L - len(p):] = torch.tensor(p, device=device)
        mask[r, L - len(p):] = 1
    pos = (mask.cumsum(-1) - 1).clamp(min=0)
    logits, presents, _, _, _ = model(ids, attention_mask=mask, position_ids=pos)
    out = [[] for _ in range(B)]
    done = torch.zeros(B, dtype=torch.bool, device=device)
    nxt = logits[:, -1].argmax(-1)
    for _ in range(max_new):
        for r in range(B):
            if not done[r]:
                out[r].append(int(nxt[r]))
        done |= nxt == END_ID
        if bool(done.all()):
            break
        mask = torch.cat([mask, torch.ones((B, 1), dtype=torch.long, device=device)], dim=1)
        pos = pos[:, -1:] + 1
        logits, presents, _, _, _ = model(nxt[:, None], attention_mask=mask, position_ids=pos, past=presents)
        nxt = logits[:, -1].argmax(-1)
    return out


def extract(text):
    m = re.findall(r"Answer:\s*(.+)", text)
    return m[-1].strip().rstrip(".") if m else None


def correct(pred, ref, kind):
    if pred is None:
        return False
    if kind == "numeric":
        try:
            return abs(float(pred.replace(",", "")) - float(ref)) < 1e-6
        except ValueError:
            return False
    return pred.strip().lower() == ref.strip().lower()


def evaluate(model, items, tok, device, per_cell=50, batch=256, max_new=320):
    cells = collections.defaultdict(list)
    for it in items:
        key = (it["family"], it["difficulty"])
        if len(cells[key]) < per_cell:
            cells[key].append(it)
    flat = [it for v in cells.values() for it in v]
    results = {}
    for i in range(0, len(flat), batch):
        chunk = flat[i:i + batch]
        outs = greedy(model, [it["prompt_ids"] for it in chunk], max_new, device)
        for it, o in zip(chunk, outs):
            text = tok.decode(o, skip_special_tokens=True)  # drops <|end|>; <think> markers are not special
            ok = correct(extract(text), it["answer"], it["kind"])
            results.setdefault((it["family"], it["difficulty"]), []).append(ok)
    return {f"{f}/{d}": round(sum(v) / len(v), 3) for (f, d), v in sorted(results.items())}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("checkpoint")
    ap.add_argument("--data", required=True)
    ap.add_argument("--tokenizer", required=True)
    ap.add_argument("--per-cell", type=int, default=50)
    ap.add_argument("--out")
    args = ap.parse_args()
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = load(args.checkpoint, device)
    tok = Tokenizer.from_file(os.path.join(args.tokenizer, "tokenizer.json"))
    acc = evaluate(model, load_eval(args.data), tok, device, args.per_cell)
    print(json.dumps(acc))
    if args.out:
        with open(args.out, "w") as f:
            json.dump(acc, f, indent=1)


if __name__ == "__main__":
    main()
