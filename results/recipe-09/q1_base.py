"""Q1: the base model as 09 trains it, and a fresh model trained on balanced data (can the CNN learn the shapes?)."""
import sys, time, json
from common import *
from gap_nb.models import fit
from gap_nb.tasks import get_task
task = get_task('classification')
d = data()
t = time.time(); base = base_model(); r = evaluate(base, d['test'])
print('base (09 recipe, spurious train):', fmt(r), [round(100 * x) for x in r['groups']], f'{time.time() - t:.0f}s', flush=True)
bal = quant(shapes(900, 3, spurious=None))
out = {'base': r}
for epochs, lr in [(8, 2e-3)] + [tuple(json.loads(a)) for a in sys.argv[1:]]:
    seed_everything(0); m = build(); t = time.time()
    fit(m, {k: bal[k] for k in ('image', 'label')}, task.train_loss, epochs=epochs, bs=32, lr=lr, seed=0, progress=False, device='cpu')
    r = evaluate(m, d['test']); out[f'balanced e{epochs} lr{lr}'] = r
    print(f'fresh model on balanced shapes(900,3): epochs {epochs} lr {lr}:', fmt(r), [round(100 * x) for x in r['groups']], f'{time.time() - t:.0f}s', flush=True)
json.dump(out, open(HERE / f'q1_{len(sys.argv)}.json', 'w'), indent=1)
