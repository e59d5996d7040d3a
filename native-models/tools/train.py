"""Trains one embedded model (draft, base or moe) on the synthetic task suite.

  python3 train.py --model base --data DATA_DIR --out RUN_DIR [--minutes 5] [--seed 0]

- draft: 2 layers, d=64 (~0.14M parameters), trained briefly: fast and clearly weaker.
- base: 6 layers, d=192 (~2.9M): the strongest; every layer's output also goes through the shared
  final norm + LM head with an early-exit loss (LayerSkip-style), so early layers draft well; a share
  of each batch is SpecReason step-judging examples (one digit 0-9).
- moe: 6 layers, d=192, 8 experts of hidden 96, top-2 routing, load-balancing loss (~3.7M total).
The schedule is time-boxed: after a short warm-up the step time is measured and the cosine schedule
is set to end when --minutes are spent. Writes RUN_DIR/model.pt, RUN_DIR/train_log.json.
"""
import argparse
import json
import math
import os
import random
import time

import numpy as np
import torch
import torch.nn.functional as F

from data import TokenSet
from model import Decoder, active_parameters, count_parameters

CONFIGS = {
    "draft": dict(d=64, layers=2, heads=4, head_dim=16, hidden=192, rope_theta=10000.0),
    "base": dict(d=192, layers=6, heads=6, head_dim=32, hidden=512, rope_theta=10000.0),
    "moe": dict(d=192, layers=6, heads=6, head_dim=32, experts=8, expert_hidden=96, top_k=2,
                rope_theta=10000.0),
}
LR = {"draft": 3e-3, "base": 1.5e-3, "moe": 1.5e-3}


def exit_weights(layers):
    """Early-exit loss weights: the final layer 1, earlier layer l weighted l/L (later exits matter more)."""
    return {l: (1.0 if l == layers else 0.5 * l / layers) for l in range(1, layers + 1)}


def loss_fn(model, x, y, name, aux_coef=0.01):
    layers = model.cfg["layers"]
    early = name == "base"
    exit_layers = tuple(range(1, layers)) if early else ()
    logits, _, exits, r_logits, r_probs = model(x, exit_layers=exit_layers)
    main = F.cross_entropy(logits.float().view(-1, logits.shape[-1]), y.view(-1), ignore_index=-100)
    total, parts = main, {"main": main.detach()}  # tensors: an .item() per step would sync the GPU
    if early:
        w = exit_weights(layers)
        total = main * w[layers]
        for l, lg in exits.items():
            el = F.cross_entropy(lg.float().view(-1, lg.shape[-1]), y.view(-1), ignore_index=-100)
            total = total + w[l] * el
            parts[f"exit{l}"] = el.detach()
        total = total / sum(w.values())
    if r_probs:
        # Switch-Transformer balance loss: E * sum_e (fraction routed to e) * (mean router prob of e)
        E, k = model.cfg["experts"], model.cfg["top_k"]
        aux = 0.0
        valid = ((y.view(-1) != -100) | (x.view(-1) != 0)).float()  # weights, not a boolean index: no sync
        n = valid.sum()
        for pr in r_probs:
            pr = pr.float()
            top = torch.topk(pr, k, dim=-1).indices
            frac = torch.zeros(E, device=pr.device).scatter_add(0, top.view(-1), valid.repeat_interleave(k)) / (n * k)
            mean_p = (pr * valid[:, None]).sum(0) / n
            aux = aux + E * (frac * mean_p).sum()
        aux = aux / len(r_probs)
        total = total + aux_coef * aux
        parts["balance"] = aux.detach()
    return total, parts


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", choices=CONFIGS, required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--minutes", type=float, default=5.0)
    ap.add_argument("--max-steps", type=int, default=0, help="stop after this many steps (smoke tests)")
    ap.add_argument("--batch", type=int, default=256)
    ap.add_argument("--judge-share", type=float, default=0.2)
    ap.add_argument("--lr", type=float, default=0.0, help="peak learning rate (default per model)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()

    torch.manual_seed(args.seed)
    random.seed(args.seed)
    np.random.seed(args.seed)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    torch.backends.cuda.matmul.allow_tf32 = True
    torch.backends.cudnn.allow_tf32 = True

    cfg = dict(CONFIGS[args.model])
    with open(os.path.join(args.data, "meta.json")) as f:
        cfg["vocab"] = json.load(f)["modelVocab"]
    model = Decoder(cfg).to(device)
    reason = TokenSet(args.data, "reason_train").to_device(device)
    val = TokenSet(args.data, "reason_val")
    judge = TokenSet(args.data, "judge_train").to_device(device) if args.model == "base" else None
    rng = np.random.default_rng(args.seed)
    peak = args.lr or LR[args.model]
    opt = torch.optim.AdamW(model.parameters(), lr=peak, betas=(0.9, 0.95), weight_decay=0.1, fused=device == "cuda")
    print(f"{args.model}: {count_parameters(model):,} parameters ({active_parameters(model):,} active), "
          f"{len(reason):,} reasoning examples" + (f", {len(judge):,} judge examples" if judge else ""), flush=True)

    # Time-boxed cosine schedule: progress is the share of the time budget spent after warm-up, so the
    # run uses all of its minutes even when the GPU's other tenants finish early.
    warmup, step = 200, 0
    budget = args.minutes * 60
    t0 = time.time()
    t_warm = None
    log = []
    while True:
        elapsed = time.time() - t0
        if args.max_steps and step >= args.max_steps:
            break
        if elapsed >= budget and step > warmup:
            break
        if step == warmup:
            t_warm = elapsed
            print(f"{elapsed / warmup * 1000:.1f} ms/step during warm-up", flush=True)
        if t_warm is None:
            lr_scale = (step + 1) / warmup
        else:
            progress = min(1.0, (elapsed - t_warm) / max(1.0, budget - t_warm))
            lr_scale = 0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * progress))
        for g in opt.param_groups:
            g["lr"] = peak * lr_scale

        n_judge = int(args.batch * args.judge_share) if judge else 0
        if n_judge:
            xj, yj = judge.device_batch(rng.integers(0, len(judge), n_judge))
        x, y = reason.device_batch(rng.integers(0, len(reason), args.batch - n_judge))
        model.train()
        with torch.autocast(device_type="cuda", dtype=torch.bfloat16, enabled=device == "cuda"):
            loss, parts = loss_fn(model, x, y, args.model)
            if n_judge:
                jl, jparts = loss_fn(model, xj, yj, args.model)
                loss = (loss * (args.batch - n_judge) + jl * n_judge) / args.batch
                parts["judge"] = jparts["main"]
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        step += 1
        if step % 250 == 0 or step == 1:
            model.eval()
            with torch.no_grad(), torch.autocast(device_type="cuda", dtype=torch.bfloat16, enabled=device == "cuda"):
                vx, vy = val.batch(np.arange(min(512, len(val))), device)
                vloss, _ = loss_fn(model, vx, vy, args.model)
            entry = dict(step=step, t=round(time.time() - t0, 1), lr=opt.param_groups[0]["lr"], loss=float(loss),
                         val=float(vloss), **{k: round(float(v), 4) for k, v in parts.items()})
            log.append(entry)
            print(json.dumps(entry), flush=True)

    os.makedirs(args.out, exist_ok=True)
    torch.save({"cfg": cfg, "state": model.state_dict(), "steps": step, "seconds": time.time() - t0,
                "args": vars(args)}, os.path.join(args.out, "model.pt"))
    with open(os.path.join(args.out, "train_log.json"), "w") as f:
        json.dump(dict(model=args.model, steps=step, seconds=round(time.time() - t0, 1), batch=args.batch,
                       parameters=count_parameters(model), active_parameters=active_parameters(model),
                       log=log), f, indent=1)
    print(f"done: {step} steps in {time.time() - t0:.0f}s", flush=True)


if __name__ == "__main__":
    main()
