#!/usr/bin/env bash
# Builds the libFuzzer targets (address sanitizer on) and runs each for $1 seconds
# (default 600) from the seed corpus fixtures/formats; new corpus entries and crash
# reproducers go to fuzz-artifacts/ (git-ignored). Usage: Fuzz/run.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
targets=${*:-npy npz safetensors pytorch csv png jpeg salient-tree checkpoint adapter lists}
for target in $targets; do
  swift build -c release --scratch-path .build-fuzz --product "fuzz-$target" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -use-ld=lld
done
for target in $targets; do
  corpus="fuzz-artifacts/$target/corpus"
  # ZIPFoundation leaks the 32-byte path copy FileManager.fileSystemRepresentation returns
  # on every Archive(url:); leak checking would stop the npz run on its first input (and the
  # pytorch run on its first mutation that is a ZIP without data.pkl, read as an .npz).
  leaks=1
  case "$target" in npz | pytorch) leaks=0 ;; esac
  seeds=fixtures/formats
  case "$target" in
    csv | salient-tree | png | jpeg | adapter | lists) seeds=fuzz-artifacts/$target/seeds && mkdir -p "$seeds" ;;
    checkpoint) seeds=fixtures/fuzz/checkpoint ;;
    pytorch) seeds=fixtures/torch ;;
  esac
  case "$target" in
    csv) cp fixtures/interpret/mturk.csv fixtures/interpret/salient/*/image_fnames.csv "$seeds"/ ;;
    salient-tree) for f in fixtures/interpret/salient/*/image_fnames.csv; do cp "$f" "$seeds/$(basename "$(dirname "$f")").csv"; done ;;
    png) find fixtures -name '*.png' -size -64k | head -40 | while read -r f; do cp "$f" "$seeds/$(echo "$f" | tr / _)"; done ;;
    jpeg) find fixtures -name '*.jp*g' -size -64k | head -40 | while read -r f; do cp "$f" "$seeds/$(echo "$f" | tr / _)"; done ;;
    adapter) cp fixtures/fuzz/adapter/*.safetensors fixtures/training/head_*.safetensors "$seeds"/ ;;
    lists) cp fixtures/interpret/*.txt "$seeds"/ && printf 'a\r\nb\r\nc\r\n' >"$seeds/crlf.txt" && printf '\xef\xbb\xbfa\nb\nc\n' >"$seeds/bom.txt" ;;
  esac
  mkdir -p "$corpus" "fuzz-artifacts/$target/crashes"
  echo "fuzzing $target for ${seconds}s"
  .build-fuzz/release/"fuzz-$target" -max_total_time="$seconds" -rss_limit_mb=4096 -timeout=10 -detect_leaks=$leaks \
    -artifact_prefix="fuzz-artifacts/$target/crashes/" -print_final_stats=1 "$corpus" "$seeds" \
    2>&1 | tee "fuzz-artifacts/$target/log.txt" | grep -E "^(#[0-9]+ +DONE|stat::|==[0-9]+==|SUMMARY|Done)" || true
done
