"""Does the study's stochastic DDIM (eta=1, its classification code) suit the toy generator? Prompt following measured by
the independent probes of 04b_probes at the loop's 5 DDIM steps and the generation's 15, eta 0 vs 1, same seeds.
Run from the repository root: .venv/bin/python results/eta-check/measure.py  (about 10 min on 2 CPU cores)"""
import json, sys, time, torch
from pathlib import Path
from gap_nb.core import environment_info
from gap_nb.generator import load_generator
from gap_nb.worlds import bird_caption, SPECIES, KINDS, SPECIES_CLASS, birds_split
from gap_nb.probes import train_probe, probe_accuracy, _generate, PROBE_SEED

n = int(sys.argv[1]) if len(sys.argv) > 1 else 256
gen = load_generator(device='cpu')
probes = {k: train_probe(k)[0] for k in ('background', 'bird')}
g = torch.Generator().manual_seed(PROBE_SEED + 3)
species, kinds = torch.randint(len(SPECIES), (n,), generator=g), torch.randint(len(KINDS), (n,), generator=g)
prompts = [bird_caption(s, k) for s, k in zip(species.tolist(), kinds.tolist())]
real = birds_split('test', n=n, seed=PROBE_SEED + 4)
inpaint_prompts = [bird_caption(s, k) for s, k in zip(real['species'].tolist(), kinds.tolist())]
rows = []
for steps in (5, 15):
    for eta in (0., 1.):
        t = time.time()
        x = _generate(gen, prompts, steps=steps, eta=eta)
        xi = _generate(gen, inpaint_prompts, steps=steps, eta=eta, init_image=real['image'], keep_mask=real['mask'])
        rows.append({'steps': steps, 'eta': eta,
                     't2i/background_acc': probe_accuracy(probes['background'], x, kinds),
                     't2i/bird_class_acc': probe_accuracy(probes['bird'], x, SPECIES_CLASS[species]),
                     'inpaint/background_acc': probe_accuracy(probes['background'], xi, kinds),
                     'seconds': time.time() - t})
        print(rows[-1], flush=True)
out = Path(__file__).parent / 'results.json'
out.write_text(json.dumps({'n': n, 'rows': rows, 'command': ' '.join(['python'] + sys.argv), 'environment': environment_info()}, indent=1))
