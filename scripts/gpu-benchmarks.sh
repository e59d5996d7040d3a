#!/usr/bin/env bash
# The GPU measurements (issue 16), run on the lent GPU machine from the repository root after
# `source .device/setup.sh` (../shared/device/README.md): every stage writes its Markdown/JSON under
# $OUT and a stamp under $WORK, so a second call on the same (warm) machine goes on where the first
# stopped. Usage: bash scripts/gpu-benchmarks.sh STAGE... (default: all, in order)
#   build    the 0.5B-class random-weight Qwen2.5-shape export (fp32, fp16, q4f16) + its torch weights
#   torch    PyTorch generate() on CUDA over the same weights (fp32, fp16; sdpa and eager attention)
#   real     bench real --provider webgpu (bare session.run, engine, engine with device KV, transformers.js)
#   verify   bench verify-cost at 0.5B on webgpu (fp16, fp32) and on this machine's CPU (fp32)
#   small    bench engine / spec (greedy, sampling) / reasoning (greedy, sampling) --provider webgpu
#   recheck  bench spec (greedy, sampling) and reasoning --sampling on webgpu, shorter (after an engine change)
#   batch    bench batch --provider webgpu (where the batched-generation bench exists)
#   tiny     a 2-layer export in the 0.5B's layout: engine vs bare, Token Recycling, prompt lookup on webgpu
# The build runs pinned to the second half of the cores when `small` runs beside it (see the driver).
set -uo pipefail
OUT=${OUT:-/tmp/out}
WORK=${WORK:-/tmp/gpuwork}
mkdir -p "$OUT" "$WORK"
FOLDER="$WORK/qwen2.5-0.5b-shape"
CLI="node out/main/cli.js"
log() { echo "[$(date +%H:%M:%S)] $*" | tee -a "$OUT/log.txt"; }
done_() { [ -f "$WORK/$1.done" ]; }
mark() { touch "$WORK/$1.done"; }

stage_env() {
  { nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader; nproc; node --version
    python3 -c "import torch, transformers, onnx, onnxruntime; print('torch', torch.__version__, 'cuda', torch.version.cuda, 'transformers', transformers.__version__, 'onnx', onnx.__version__, 'onnxruntime', onnxruntime.__version__)"; } >> "$OUT/env.txt" 2>&1
}

stage_build() {
  done_ build && return 0
  log "build start"
  (cd native-models/tools && python3 export_real.py --bench --variants fp32,fp16,q4f16 --save-torch --out "$WORK") >> "$OUT/log.txt" 2>&1 && mark build
  log "build end ($(du -sh "$FOLDER" 2>/dev/null | cut -f1))"
}

stage_torch() {
  done_ torch && return 0
  done_ build || return 1
  log "torch start"
  (cd native-models/tools && PYTHONUNBUFFERED=1 python3 torch_decode.py --folder "$FOLDER" --prompt-tokens 512 --tokens 256 --dtypes fp32,fp16 --attn sdpa,eager \
    --json "$OUT/torch.json" --reference "$WORK/reference.json") >> "$OUT/log.txt" 2>&1 && mark torch
  cp "$WORK/reference.json" "$OUT/reference.json" 2>/dev/null
  log "torch end"
}

stage_real() {
  done_ real && return 0
  done_ build || return 1
  log "real start"
  local ref=(); r=${REFERENCE:-$WORK/reference.json}; [ -f "$r" ] && ref=(--reference "$r")
  { $CLI bench real --provider webgpu --dir "$WORK" --dtypes fp32,fp16,q4f16 --modes ${REAL_MODES:-bare,engine,engine-host-kv,transformers.js} \
      --prompt-tokens 512 --tokens 256 --bandwidth-gbs 4800 "${ref[@]}"
    # Single-model speculative methods on the same graph (no attention_bias: trees verified as path batches).
    $CLI bench real --provider webgpu --dir "$WORK" --dtypes fp32 --modes bare,engine:token_recycling,engine:prompt_lookup \
      --prompt-tokens 512 --tokens 256 --bandwidth-gbs 4800; } 2>&1 | tee "$OUT/real.md" >> "$OUT/log.txt" && mark real
  log "real end"
}

stage_verify() {
  done_ verify && return 0
  done_ build || return 1
  log "verify start"
  { for d in ${VERIFY_DTYPES:-fp16 fp32}; do $CLI bench verify-cost --model "$FOLDER" --provider webgpu --dtype $d --past 512 --repeats 20; done
    [ -n "${VERIFY_CPU-1}" ] && $CLI bench verify-cost --model "$FOLDER" --provider cpu --dtype fp32 --past 512 --repeats 5; } 2>&1 | tee "$OUT/verify-cost.md" >> "$OUT/log.txt" && mark verify
  log "verify end"
}

stage_small() {
  done_ small && return 0
  log "small start"
  { $CLI bench engine --provider webgpu
    $CLI bench spec --provider webgpu --problems 8
    $CLI bench spec --provider webgpu --sampling --problems 6
    $CLI bench reasoning --provider webgpu --per-cell 3 --difficulties 4,5,6 --no-rice
    $CLI bench reasoning --provider webgpu --sampling --per-cell 2 --difficulties 4,5,6; } 2>&1 | tee "$OUT/small.md" >> "$OUT/log.txt" && mark small
  log "small end"
}

# The re-check after the GPU-resident-KV change: greedy identity of every speculative method, and the sampling tables.
stage_recheck() {
  done_ recheck && return 0
  log "recheck start"
  { $CLI bench spec --provider webgpu --problems 4
    $CLI bench spec --provider webgpu --sampling --problems 4
    $CLI bench reasoning --provider webgpu --sampling --per-cell 2 --difficulties 4,5,6; } 2>&1 | tee "$OUT/recheck.md" >> "$OUT/log.txt" && mark recheck
  log "recheck end"
}

stage_batch() {
  done_ batch && return 0
  log "batch start"
  { $CLI bench batch --provider webgpu
    done_ build && $CLI bench batch --provider webgpu --model "$FOLDER" --dtype fp16 --n 1,4,16 --tokens 64; } 2>&1 | tee "$OUT/batch.md" >> "$OUT/log.txt" && mark batch
  log "batch end"
}

# A 2-layer model in the same layout (no attention_bias, float16 variants): the engine's GPU-resident KV
# on such graphs, token for token against bare session.run, with Token Recycling's path batches and
# prompt lookup's rollbacks, and the peak GPU memory of one session.
stage_tiny() {
  done_ tiny && return 0
  log "tiny start"
  { (cd native-models/tools && python3 export_real.py --bench --tiny --variants fp32,fp16,q4f16 --out "$WORK/tiny") > "$WORK/tiny-build.log" 2>&1
    for d in fp32 fp16 q4f16; do
      $CLI bench real --provider webgpu --dir "$WORK/tiny" --dtypes $d --modes bare,engine,engine:token_recycling,engine:prompt_lookup --prompt-tokens 64 --tokens 64 --bandwidth-gbs 4800
    done; } 2>&1 | tee "$OUT/tiny.md" >> "$OUT/log.txt" && mark tiny
  log "tiny end"
}

stages=("$@"); [ ${#stages[@]} -eq 0 ] && stages=(env build torch real verify small)
for s in "${stages[@]}"; do
  case "$s" in
    build+small|build+recheck|tiny+recheck)
      # The export is CPU work: pinned to the second half of the cores while the GPU benches use the first.
      half=$(( $(nproc) / 2 ))
      taskset -c "$half-$(( $(nproc) - 1 ))" bash "$0" "${s%+*}" &
      taskset -c "0-$(( half - 1 ))" bash "$0" "${s#*+}"
      wait ;;
    *) "stage_$s" ;;
  esac
done
ls "$WORK"/*.done 2>/dev/null | xargs -n1 basename | tr '\n' ' ' | sed 's/^/stages done: /' | tee -a "$OUT/log.txt"; echo
