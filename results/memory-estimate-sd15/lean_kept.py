"""The lean plan with the last k of 5 DDIM steps keeping their (block-checkpointed) graph, counted at SD 1.5's shapes.

Random weights in SD 1.5's shapes, inpainting (birds), 512 px, batch 8, 5 DDIM steps with CFG, ViT-L-14 guidance, bf16:
the `nets+clip` row of the benchmark with `keep_steps=k` (k = 0 is `nets+clip`, k = 2 the `kept-nets+clip` row, k = 5
rebuilds no step, only blocks). Each count is a real step at 64 px, then the step at 512 px on fake tensors with the values
it read replayed (`count_step`, nbs/05b_benchmark.ipynb). About 1-4 minutes a k on 2 CPU cores.

    python results/memory-estimate-sd15/lean_kept.py 2,3,5 results/memory-estimate-sd15/lean-kept.json
"""
import json, sys, tempfile, time
from dataclasses import replace
from pathlib import Path
from gap_nb.benchmark import BenchSpec, StepBench, count_step, save_random_sd
from gap_nb.adversarial import gap_backward, step_checkpointing

ks, out = [int(k) for k in sys.argv[1].split(',')], Path(sys.argv[2])
rows = []
with tempfile.TemporaryDirectory() as tmp:
    bench = StepBench(BenchSpec('birds', 8, 5, (512, 512), str(save_random_sd('sd15', Path(tmp) / 'sd15')), None, 'ViT-L-14', 'cpu', 'bfloat16'))
    def run(s, size):
        s = replace(s, size=size)
        bench.prompt.vectors.grad = None
        with step_checkpointing(bench.gen, s):
            gap_backward(bench.gen, bench.prompt, bench.task, bench.batch, s, bench.model, bench.target, bench.neg, seed=0)
    for k in ks:
        t0, s = time.time(), replace(bench.settings('nets+clip'), keep_steps=k)
        c = count_step(lambda: run(s, (512, 512)), probe=lambda: run(s, (64, 64)))
        rows.append(dict(keep_steps=k, peak_above_bytes=c.peak, peak_incl_bytes=c.peak + bench.weights_bytes, flops=c.flops))
        print(f"keep {k}: {c.peak / 2**30:.2f} GiB above the weights, {(c.peak + bench.weights_bytes) / 2**30:.2f} with them, "
              f"{c.flops / 1e12:.1f} TFLOP ({time.time() - t0:.0f} s)", flush=True)
out.write_text(json.dumps(dict(command=' '.join(['python', *sys.argv]), weights_bytes=bench.weights_bytes, rows=rows), indent=1) + '\n')
