#!/usr/bin/env bash
# Retrains and exports only the draft model (the command behind native-models/draft):
#   bash native-models/tools/gpu_draft.sh SECONDS
set -uo pipefail
seconds=${1:-45}
cd "$(dirname "$0")"
OUT=${OUT:-/tmp/out}
mkdir -p "$OUT" logs runs export
[ -d data ] || tar -xJf data.tar.xz
minutes=$(python3 -c "print($seconds / 60)")
python3 train.py --model draft --data data --out runs/draft --minutes "$minutes" --batch 256 > logs/train_draft.log 2>&1
tail -n 2 logs/train_draft.log
python3 evaluate.py runs/draft/model.pt --data data --tokenizer ../tokenizer --per-cell 40 --out runs/draft/accuracy.json > logs/eval_draft.log 2>&1
cat runs/draft/accuracy.json
python3 export.py runs/draft/model.pt --name draft --tokenizer ../tokenizer --data data --out export/draft \
  --accuracy runs/draft/accuracy.json --command "bash native-models/tools/gpu_draft.sh $seconds" > logs/export_draft.log 2>&1
tail -n 1 logs/export_draft.log | cut -c1-600
tar -cJf "$OUT/draft.tar.xz" -C export draft
cp runs/draft/model.pt "$OUT/checkpoint-draft.pt"
cp logs/*draft* "$OUT/"
