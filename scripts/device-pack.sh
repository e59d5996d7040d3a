#!/usr/bin/env bash
# Packs what the GPU benchmarks need for the lent GPU machine (see ../shared/device/README.md), small
# enough to travel with the working tree (64 MiB in all): the shared pack.sh with transformers.js added
# for the engine benchmark's peer, then trimmed of what a benchmark never loads (build intermediates,
# other bundles of transformers.js, sources and tests). transformers.js imports sharp at load time for
# image inputs it never sees here, so sharp is replaced by an empty stand-in instead of 19 MB of libvips.
#   bash scripts/device-pack.sh      then: device run with carry [".device", "out"]
set -euo pipefail
root=$(git rev-parse --show-toplevel)
cd "$root"
bash ../shared/device/pack.sh @huggingface/transformers
tmp=$(mktemp -d)
xz -dc .device/nm.tar.xz | tar -xf - -C "$tmp"
nm="$tmp/node_modules"
rm -rf "$nm/better-sqlite3/build/Release/obj" "$nm/better-sqlite3/build/Release/obj.target" "$nm/better-sqlite3/deps" "$nm/better-sqlite3/src"
find "$nm/@huggingface/transformers/dist" -type f ! -name 'transformers.node.mjs' -delete
rm -rf "$nm/zod/src" "$nm/zod/v3" "$nm"/*/test "$nm"/*/tests
mkdir -p "$nm/sharp"
printf '{"name":"sharp","version":"0.0.0-benchmark-stand-in","main":"index.js"}\n' > "$nm/sharp/package.json"
printf 'module.exports = function sharp() { throw new Error("sharp is not available in the benchmark bundle"); };\n' > "$nm/sharp/index.js"
tar -cf - -C "$tmp" node_modules | xz -T2 -6 > .device/nm.tar.xz
rm -rf "$tmp"
du -sh .device/* | sed 's/^/  /'
