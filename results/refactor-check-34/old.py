# Reference rows from the code before issue 34's refactor (run with PYTHONPATH at a worktree of 328cda5).
import json, sys, torch
from pathlib import Path
from gap_nb.experiments import birds_experiment, cross_model_experiment, birds_experiment_data
from gap_nb.depth_loop import rooms_experiment, rooms_experiment_data
from gap_nb.loop import load_dataset
out = Path(sys.argv[1]); out.mkdir(parents=True, exist_ok=True)
b = birds_experiment(out / 'birds', methods=('none', 'cutmix', 'agnostic', 'random', 'guided', 'gp', 'ap', 'gap'), sizes=(2, 4), seeds=(0,),
                     prompt_steps=2, prompt_bs=2, real_n=64, eval_n=64, progress=False, epochs=1)
r = rooms_experiment(out / 'rooms', methods=('control', 'agnostic', 'random', 'guided', 'ap', 'ap_sdedit', 'gp', 'gap', 'gp_text', 'gap_text'),
                     sizes=(1, 2), seeds=(0,), prompt_steps=2, prompt_bs=2, real_n=16, eval_n=8, progress=False, epochs=1)
c = cross_model_experiment(out / 'cross', methods=('none', 'gap'), sizes=(2,), seeds=(0,), prompt_steps=1, prompt_bs=1, real_n=32, eval_n=16,
                           train_kw=dict(n=32, epochs=1, eval_n=16), progress=False, epochs=1)
bd = birds_experiment_data('results/birds', methods=('gap', 'guided'), seeds=(0,), n=2, into=out / 'bdata', progress=False)
rd = rooms_experiment_data('results/rooms', methods=('gap', 'ap_sdedit'), seeds=(0,), n=2, into=out / 'rdata', progress=False)
imgs = {str(p.relative_to(out)): load_dataset(p.parent)['image'] for p in sorted(out.glob('[br]data/data/**/manifest.json'))}
torch.save(imgs, out / 'data_images.pt')
print(len(b), len(r), len(c), sorted(imgs))
