import json, torch
torch.set_num_threads(1)
from pathlib import Path
from gap_nb.core import run_command
from gap_nb.loop import load_dataset, DatasetFolder, evaluate_data
from gap_nb.experiments import load_model
from gap_nb.tasks import get_task
W = Path('/tmp/tmpohhcjxr2'); task = get_task('classification'); out = Path('/tmp/diag')
SH = ('circle', 'square', 'triangle')
res = {}
for name, prompts in (('gap', lambda s: f"{W}/gap-{s}-t0.safetensors,{W}/gap-{s}-t1.safetensors"), ('plain', lambda s: 'a photo')):
    for c, s in enumerate(SH):
        if not (out / f'{name}-{s}' / 'manifest.json').is_file():
            r = run_command('gap_generate', '--task', 'classification', '--data', W / 'train', '--size', '48x80', '--seed', 5, '--cls', c,
                            '--prompts', prompts(s), '--n', 30, '--out', out / f'{name}-{s}', '--no_progress')
            assert r.returncode == 0, r.stderr
fresh = {n: {k: torch.cat([load_dataset(out / f'{n}-{s}')[k] for s in SH]) for k in ('image', 'label')} for n in ('gap', 'plain')}
ref = DatasetFolder(W / 'reference', 'classification')
for m in ('model', 'model-gap', 'model-plain', 'model-real'):
    model = load_model(str(W / m), task)
    res[m] = {'fresh GAP images (missing backgrounds)': evaluate_data(task, model, fresh['gap'])['acc'],
              'fresh "a photo" images': evaluate_data(task, model, fresh['plain'])['acc'],
              'real images of the missing groups (reference)': evaluate_data(task, model, ref)['acc']}
    print(m, {k: round(v, 3) for k, v in res[m].items()}, flush=True)
json.dump(res, open(out / 'diag.json', 'w'), indent=1)
