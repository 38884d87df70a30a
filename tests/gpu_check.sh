#!/usr/bin/env bash
# The GPU checks CI cannot run. On a CUDA machine, in the project's environment: the notebooks' `gpu` cells (with their
# quick tests), the main job on the GPU, and the benchmark. About 5 minutes on one H200.
#   bash tests/gpu_check.sh        (after the README's install: uses .venv/bin/python if there is one, else python3)
# Commands run through gap_nb.core.command, so an install without console scripts (pip --target) works too.
set -uo pipefail
cd "$(dirname "$0")/.."
py=python3; [ -x .venv/bin/python ] && py=.venv/bin/python
export PYTHONUNBUFFERED=1 HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 MPLBACKEND=Agg
fail=0
step() { echo; echo "== $* (at ${SECONDS} s)"; }
run() { $py -c "import subprocess, sys; from gap_nb.core import command; sys.exit(subprocess.call(command(sys.argv[1]) + sys.argv[2:]))" "$@" || fail=1; }

step "the device"
$py -c "import torch; assert torch.cuda.is_available(), 'no CUDA device'; print(torch.__version__, torch.cuda.get_device_name(0))" || exit 1
step "notebooks with gpu cells: quick mode + the gpu cells"
for nb in nbs/03_conditioning.ipynb nbs/05_adversarial.ipynb; do
  echo "-- $nb"
  $py -c "from nbdev.test import nbdev_test; nbdev_test(path='$nb', flags='gpu', timing=True)" || fail=1
done
out=$(mktemp -d)
step "the main job on the GPU, short: gap_demo --steps 5 --n 64"
run gap_demo --out "$out/demo" --steps 5 --n 64
$py -c "import json; r = json.load(open('$out/demo/report.json')); d = r['environment']['device']; print('demo ran on', d); assert d.startswith('cuda')" || fail=1
step "a user's task on the GPU in bfloat16: gap_optimize / gap_generate on rooms with --dtype bfloat16"
run gap_optimize --task rooms --method ap --steps 3 --bs 4 --device cuda --dtype bfloat16 --out "$out/ap.safetensors" --no_progress --json
run gap_generate --task rooms --prompts "$out/ap.safetensors" --n 16 --device cuda --dtype bfloat16 --out "$out/gen" --no_progress
step "the benchmark on the GPU"
for task in birds rooms; do run gap_benchmark --task $task --device cuda --json; done
echo
[ $fail == 0 ] && echo "GPU checks passed" || echo "GPU checks FAILED"
exit $fail
