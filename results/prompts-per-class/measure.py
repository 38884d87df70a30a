"""One GAP prompt per class, or four? The study learns four per class on Waterbirds; gap_nb's experiments learn one per class
and seed. This reuses the GAP prompts the birds experiments already learnt (seeds 0-2 in results/birds, 3-9 in
results/birds-gp-gap; 100 steps each against the shipped classifier, text guidance to the missing group) and compares, at
+128 images (64 per class) and for each seed s of 0-9:
  one  : the prompt of seed s, 64 images per class (exactly the experiments' GAP data: same prompt, same generation seed)
  four : the prompts of seeds s, s+1, s+2, s+3 (mod 10), used in turn, 16 images each per class, same generation seed
then fine-tunes the shipped classifier on the 1000 real images + these, with the experiments' recipe and seed, and
measures worst-group accuracy on the balanced test split. The four-prompt sets overlap between seeds (each prompt is in
four of them), so the seeds are not independent draws of the four-prompt arm: the paired difference is the figure to read.
Run from the repository root:  .venv/bin/python results/prompts-per-class/measure.py [N_SEEDS]  (about 4 min a seed on 2
idle CPU cores; a stopped run resumes from rows.partial.json)"""
import json, sys, time, tempfile, torch
from pathlib import Path
from gap_nb.core import environment_info
from gap_nb.generator import load_generator
from gap_nb.adversarial import PlaceholderPrompt, task_labels
from gap_nb.loop import generate_dataset, load_dataset, finetune
from gap_nb.worlds import birds_split
from gap_nb.experiments import _bird_row, _take

root = Path(__file__).resolve().parents[1]
def prompt_file(c, s): return next(f for f in (root / 'birds' / 'prompts' / f'gap-c{c}-s{s}.safetensors',
                                               root / 'birds-gp-gap' / 'prompts' / f'gap-c{c}-s{s}.safetensors') if f.is_file())
# seeds to measure (default all ten); a stopped run resumes, and `measure.py N` summarises the first N seeds
seeds, size = range(int(sys.argv[1]) if len(sys.argv) > 1 else 10), 128
stored = {r['seed']: r['worst_group_acc'] for d in ('birds', 'birds-gp-gap') for r in json.loads((root / d / 'results.json').read_text())
          if r['method'] == 'gap' and r['size'] == size}
gen, real = load_generator(device='cpu'), birds_split('train', n=1000)
partial = Path(__file__).parent / 'rows.partial.json'  # a stopped run resumes from the seeds already measured
rows = json.loads(partial.read_text()) if partial.is_file() else []
tmp = Path(tempfile.mkdtemp(prefix='ppc-'))
for s in seeds:
    if any(r['seed'] == s for r in rows): continue
    t = time.time(); row = {'seed': s, 'stored_one': stored.get(s)}
    for arm, ks in (('one', [s]), ('four', [(s + j) % 10 for j in range(4)])):
        synth = []
        for c in (0, 1):
            ps = [PlaceholderPrompt.load(gen, prompt_file(c, k), name=f'<p-{arm}-s{s}-c{c}-k{k}>') for k in ks]
            f = generate_dataset(gen, ps, 'birds', task_labels('birds', cls=c), tmp / f'{arm}-s{s}' / f'class{c}', n=size // 2,
                                 seed=s * 2 + c, progress=False)
            for p in ps: p.remove()
            synth.append(load_dataset(f))
        model = finetune('birds', real, _take(synth, size), seed=s)
        row[arm] = _bird_row(model, None)['worst_group_acc']
    row['seconds'] = time.time() - t
    rows.append(row); print(row, flush=True)
    tmp_rows = partial.with_suffix('.tmp'); tmp_rows.write_text(json.dumps(rows)); tmp_rows.replace(partial)  # atomic
rows = [r for r in rows if r['seed'] in seeds]
d = torch.tensor([r['four'] - r['one'] for r in rows])
summary = {'one_mean': sum(r['one'] for r in rows) / len(rows), 'four_mean': sum(r['four'] for r in rows) / len(rows),
           'four_minus_one_mean': d.mean().item(), 'four_minus_one_std': d.std().item(), 'four_better_in': int((d > 0).sum()),
           'one_reproduces_stored': all(r['stored_one'] is None or abs(r['one'] - r['stored_one']) < 1e-9 for r in rows)}
print(summary)
(Path(__file__).parent / 'results.json').write_text(json.dumps({'size': size, 'rows': rows, 'summary': summary,
    'command': ' '.join(['python'] + sys.argv), 'environment': environment_info()}, indent=1))
partial.unlink()
