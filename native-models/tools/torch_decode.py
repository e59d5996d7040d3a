"""PyTorch's side of the GPU decode comparison (issue 16): transformers generate(), greedy, on CUDA,
over the same random weights as `npm run bench -- real` (export_real.py --bench --save-torch writes
them to <folder>/torch) and the same prompt (bench/real.ts promptIds: the same LCG).

  python3 torch_decode.py --folder DIR/qwen2.5-0.5b-shape --prompt-tokens 512 --tokens 256 \
      --dtypes fp32,fp16 --attn sdpa,eager --json OUT.json --reference OUT-ids.json

Per row: TTFT (generate() start to the first new token, the 512-token prefill included), decode
ms/token (first to last new token over n-1), peak GPU memory (torch's allocator peak, and nvidia-smi's
memory.used at the end of generation minus the figure before CUDA started), and the token ids.
Every row runs after a warm-up generate on 8 tokens. End of text never stops a row (eos unset), as
the engine's runs use ignoreEos. --reference writes {dtype: ids} of the sdpa rows for bench real.
"""
import argparse
import json
import subprocess
import time

import torch
import transformers


def prompt_ids(n):
    s, out = 12345, []
    for _ in range(n):
        s = (s * 1103515245 + 12345) % 2 ** 31
        out.append(2 + s % 150000)
    return out


def smi_used_mib():
    try:
        return int(subprocess.check_output(["nvidia-smi", "--query-gpu=memory.used", "--format=csv,noheader,nounits"], text=True).split("\n")[0])
    except Exception:  # no nvidia-smi: the allocator's figure is still reported
        return None


DEVICE = "cuda"


def sync():
    if DEVICE == "cuda":
        torch.cuda.synchronize()


class Clock(transformers.generation.streamers.BaseStreamer):
    """Records when each new token exists on the host (the first put() is the prompt)."""

    def __init__(self):
        self.times, self.first = [], True

    def put(self, value):
        if self.first:
            self.first = False
            return
        sync()
        self.times.append(time.perf_counter())

    def end(self):
        pass


def run(folder, dtype, attn, prompt, n, idle_mib):
    if DEVICE == "cuda":
        torch.cuda.empty_cache()
        torch.cuda.reset_peak_memory_stats()
    torch_dtype = {"fp32": torch.float32, "fp16": torch.float16, "bf16": torch.bfloat16}[dtype]
    t0 = time.perf_counter()
    model = transformers.AutoModelForCausalLM.from_pretrained(folder, torch_dtype=torch_dtype, attn_implementation=attn).to(DEVICE).eval()
    model.generation_config.eos_token_id = None
    model.generation_config.pad_token_id = 0
    load_ms = (time.perf_counter() - t0) * 1000

    def generate(ids, new):
        clock = Clock()
        x = torch.tensor([ids], device=DEVICE)
        sync()
        start = time.perf_counter()
        with torch.no_grad():
            out = model.generate(x, attention_mask=torch.ones_like(x), max_new_tokens=new, do_sample=False, streamer=clock)
        return out[0, len(ids):].tolist(), clock.times, start

    generate(prompt[:8], 2)
    ids, times, start = generate(prompt, n)
    smi = smi_used_mib()
    row = {
        "framework": "pytorch", "dtype": dtype, "attn": attn, "device": torch.cuda.get_device_name(0) if DEVICE == "cuda" else "cpu",
        "loadMs": load_ms, "ttftMs": (times[0] - start) * 1000,
        "decodeMsPerToken": (times[-1] - times[0]) * 1000 / max(1, len(times) - 1),
        "peakAllocatedBytes": torch.cuda.max_memory_allocated() if DEVICE == "cuda" else None,
        "peakReservedBytes": torch.cuda.max_memory_reserved() if DEVICE == "cuda" else None,
        "smiUsedBytes": (smi - idle_mib) * 2 ** 20 if smi is not None and idle_mib is not None else None,
        "ids": ids,
    }
    del model
    if DEVICE == "cuda":
        torch.cuda.empty_cache()
    return row


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--folder", required=True, help="the bench model folder (its torch/ holds the weights)")
    ap.add_argument("--prompt-tokens", type=int, default=512)
    ap.add_argument("--tokens", type=int, default=256)
    ap.add_argument("--dtypes", default="fp32,fp16")
    ap.add_argument("--attn", default="sdpa,eager")
    ap.add_argument("--json", required=True)
    ap.add_argument("--reference", help="write {dtype: ids} of the sdpa rows here")
    ap.add_argument("--device", default="cuda", help="cuda, or cpu for a dry run")
    args = ap.parse_args()
    global DEVICE
    DEVICE = args.device
    idle = smi_used_mib()
    prompt = prompt_ids(args.prompt_tokens)
    rows = []
    for dtype in args.dtypes.split(","):
        for attn in args.attn.split(","):
            row = run(f"{args.folder}/torch", dtype, attn, prompt, args.tokens, idle)
            rows.append(row)
            print(json.dumps({k: v for k, v in row.items() if k != "ids"}), flush=True)
    versions = {"torch": torch.__version__, "transformers": transformers.__version__, "cuda": torch.version.cuda, "device": DEVICE}
    json.dump({"versions": versions, "rows": rows}, open(args.json, "w"))
    if args.reference:
        ref = {r["dtype"]: r["ids"] for r in rows if r["attn"] == args.attn.split(",")[0]}
        # q4f16 has no PyTorch twin: its tokens are compared with fp16's.
        if "fp16" in ref:
            ref["q4f16"] = ref["fp16"]
        json.dump(ref, open(args.reference, "w"))
    print(json.dumps(versions))


if __name__ == "__main__":
    main()
