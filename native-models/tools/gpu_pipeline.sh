#!/usr/bin/env bash
# Trains, evaluates, exports and verifies the three embedded models, then exports the tiny Hugging
# Face configs; run on the GPU machine from the repository root (see native-models/README.md):
#   bash native-models/tools/gpu_pipeline.sh MINUTES [--max-steps N]
# The draft trains for a third of MINUTES (small and fast, clearly weaker than base); base and moe
# for MINUTES with batches of 512.
# Expects native-models/tools/data.tar.xz (from `npm run models:data`). Writes to $OUT (at most 8
# files, each under 16 MiB): draft/base/moe exports, the trained checkpoints, tiny HF exports, logs.
set -uo pipefail
minutes=${1:-5}
shift || true
extra=("$@")
cd "$(dirname "$0")"
OUT=${OUT:-/tmp/out}
mkdir -p "$OUT" logs runs export
python3 - <<'PY' 2>&1 | tee logs/env.txt
import torch, transformers, onnx, onnxruntime, tokenizers
print("torch", torch.__version__, "cuda", torch.cuda.is_available(), torch.cuda.get_device_name(0) if torch.cuda.is_available() else "")
print("transformers", transformers.__version__, "onnx", onnx.__version__, "onnxruntime", onnxruntime.__version__, "tokenizers", tokenizers.__version__)
PY
[ -d data ] || tar -xJf data.tar.xz
t0=$(date +%s)
draft_minutes=$(python3 -c "print($minutes / 3)")
python3 train.py --model draft --data data --out runs/draft --minutes "$draft_minutes" --batch 256 "${extra[@]}" > logs/train_draft.log 2>&1 &
python3 train.py --model base --data data --out runs/base --minutes "$minutes" --batch 512 --lr 2e-3 "${extra[@]}" > logs/train_base.log 2>&1 &
python3 train.py --model moe --data data --out runs/moe --minutes "$minutes" --batch 512 --lr 2e-3 "${extra[@]}" > logs/train_moe.log 2>&1 &
wait
echo "training took $(( $(date +%s) - t0 ))s"; tail -n 3 logs/train_*.log
for m in draft base moe; do
  python3 evaluate.py "runs/$m/model.pt" --data data --tokenizer ../tokenizer --per-cell 40 --out "runs/$m/accuracy.json" > "logs/eval_$m.log" 2>&1 &
done
wait
for m in draft base moe; do echo "$m: $(cat runs/$m/accuracy.json 2>/dev/null || tail -n 5 logs/eval_$m.log)"; done
for m in draft base moe; do
  python3 export.py "runs/$m/model.pt" --name "$m" --tokenizer ../tokenizer --data data --out "export/$m" \
    --accuracy "runs/$m/accuracy.json" --command "bash native-models/tools/gpu_pipeline.sh $minutes ${extra[*]}" > "logs/export_$m.log" 2>&1 &
done
python3 export_hf.py --tiny all --tokenizer ../tokenizer --out export/hf-tiny --dump-sources logs/hf-src > logs/export_hf.log 2>&1 &
wait
for m in draft base moe; do tail -n 2 "logs/export_$m.log"; done
tail -n 12 logs/export_hf.log
for m in draft base moe; do cp "runs/$m/train_log.json" "logs/train_log_$m.json" 2>/dev/null; tar -cJf "$OUT/$m.tar.xz" -C export "$m"; done
tar -cJf "$OUT/hf-tiny.tar.xz" -C export hf-tiny
for m in draft base moe; do cp "runs/$m/model.pt" "$OUT/checkpoint-$m.pt" 2>/dev/null; done
tar -cJf "$OUT/logs.tar.xz" logs
ls -la "$OUT"
