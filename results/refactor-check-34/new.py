# The same runs as old.py through issue 34's code (one runner, task objects); then every row and image compared with old.py's.
import json, sys, torch
from dataclasses import replace
from pathlib import Path
from gap_nb.experiments import run_experiment, experiment_data, study_for
from gap_nb.cross import cross_model_experiment, CROSS_STUDY
from gap_nb.loop import load_dataset
out = Path(sys.argv[1]); out.mkdir(parents=True, exist_ok=True)
b = run_experiment(out / 'birds', study_for('birds', methods=('none', 'cutmix', 'agnostic', 'random', 'guided', 'gp', 'ap', 'gap'), sizes=(2, 4), seeds=(0,),
                   prompt_steps=2, prompt_bs=2, real_n=64, eval_n=64, finetune={'epochs': 1}), progress=False)
r = run_experiment(out / 'rooms', study_for('rooms', methods=('control', 'agnostic', 'random', 'guided', 'ap', 'ap_sdedit', 'gp', 'gap', 'gp_text', 'gap_text'),
                   sizes=(1, 2), seeds=(0,), prompt_steps=2, prompt_bs=2, real_n=16, eval_n=8, finetune={'epochs': 1}), progress=False)
c = cross_model_experiment(out / 'cross', replace(CROSS_STUDY, methods=('none', 'gap'), sizes=(2,), seeds=(0,), prompt_steps=1, prompt_bs=1, real_n=32,
                           eval_n=16, finetune={'epochs': 1}), train_kw=dict(n=32, epochs=1, eval_n=16), progress=False)
experiment_data('results/birds', methods=('gap', 'guided'), seeds=(0,), n=2, into=out / 'bdata', progress=False)
experiment_data('results/rooms', methods=('gap', 'ap_sdedit'), seeds=(0,), n=2, into=out / 'rdata', progress=False)
imgs = {str(p.relative_to(out)): load_dataset(p.parent)['image'] for p in sorted(out.glob('[br]data/data/**/manifest.json'))}
old = Path(sys.argv[2]); ref = torch.load(old / 'data_images.pt')
same = {}
for k in ('birds', 'rooms', 'cross'):
    a, o = json.loads((out / k / 'results.json').read_text()), json.loads((old / k / 'results.json').read_text())
    same[k] = a == o
    if a != o: print(k, 'DIFFERS', [(x, y) for x, y in zip(a, o) if x != y][:2])
same['images'] = sorted(imgs) == sorted(ref) and all(torch.equal(imgs[k], ref[k]) for k in ref)
from safetensors.torch import load_file
same['prompts'] = all(torch.equal(*[next(iter(load_file(d / k / 'prompts' / f.name).values())) for d in (out, old)])
                      for k in ('birds', 'rooms') for f in sorted((old / k / 'prompts').glob('*.safetensors')))
print(json.dumps(same), len(b), len(r), len(c))
