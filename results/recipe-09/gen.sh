#!/bin/bash
# Q3 data: 'a photo', GAP one prompt per class, GAP one prompt per target (missing background), 50 images per class each.
set -e
cd /tmp/recipe/work
B=/tmp/recipe/venv/bin
export OMP_NUM_THREADS=1 OMP_WAIT_POLICY=PASSIVE HF_HUB_OFFLINE=1
T="taskset -c 1"
common="--task classification --data /tmp/recipe/work/train --size 48x80 --seed 0"
SH=(circle square triangle); W=("grass" "a lake" "the desert"); PL=(grass lake desert)
for c in 0 1 2; do s=${SH[$c]}
  [ -f plain-$s/manifest.json ] || { echo "$(date +%T) plain $s"; $T $B/gap_generate $common --cls $c --prompts 'a photo' --n 50 --out plain-$s --no_progress; }
done
for c in 0 1 2; do s=${SH[$c]}; lacks=()
  for p in 0 1 2; do [ $p != $c ] && lacks+=("a photo of ${W[$p]}"); done
  echo "$(date +%T) gap per class $s: ${lacks[@]}"
  [ -f gap-$s.safetensors ] || $T $B/gap_optimize $common --model /tmp/recipe/work/model --method gap --cls $c --target_text "${lacks[@]}" --steps 40 --bs 4 --name "<gap-$s>" --out gap-$s.safetensors --no_progress
  [ -f gen-$s/manifest.json ] || $T $B/gap_generate $common --cls $c --prompts gap-$s.safetensors --n 50 --out gen-$s --no_progress
done
for c in 0 1 2; do s=${SH[$c]}
  for p in 0 1 2; do [ $p == $c ] && continue; pl=${PL[$p]}
    echo "$(date +%T) gap per target $s $pl"
    [ -f gap-$s-$pl.safetensors ] || $T $B/gap_optimize $common --model /tmp/recipe/work/model --method gap --cls $c --target_text "a photo of ${W[$p]}" --steps 40 --bs 4 --name "<gap-$s-$pl>" --out gap-$s-$pl.safetensors --no_progress
    [ -f gen-$s-$pl/manifest.json ] || $T $B/gap_generate $common --cls $c --prompts gap-$s-$pl.safetensors --n 25 --out gen-$s-$pl --no_progress
  done
done
echo "$(date +%T) all generated"
