"""Q3b: a background probe (09's CNN, 3 places) trained on shapes(900, 5, spurious=None) with label = place;
for each generated set, the share of each class's images on each place."""
import json, time
from common import *
from gap_nb.models import fit
from gap_nb.tasks import get_task
from gap_nb.loop import load_dataset
d = data()
p = HERE / 'probe.pt'
probe = build()
if p.is_file(): probe.load_state_dict(torch.load(p))
else:
    tr = quant(shapes(900, 5, spurious=None))
    seed_everything(0)
    fit(probe, {'image': tr['image'], 'label': tr['group'] % 3}, get_task('classification').train_loss, epochs=20, bs=32, lr=2e-3, seed=0, progress=False, device='cpu')
    torch.save(probe.state_dict(), p)
probe.eval()
@torch.no_grad()
def places(x): return torch.cat([probe(b).argmax(1) for b in x.split(256)])
acc = (places(d['test']['image']) == d['test']['group'] % 3).float().mean().item()
print(f'probe accuracy on the balanced test set (place): {100 * acc:.1f}%')
print(f"probe on the reference images: share on own class's place {100 * (places(d['ref']['image']) == d['ref']['group'] % 3).float().mean():.1f}% correct")
sets = {'a photo': [f'plain-{s}' for s in SHAPES], 'GAP per class': [f'gen-{s}' for s in SHAPES],
        'GAP per target': [f'gen-{s}-{q}' for c, s in enumerate(SHAPES) for q in PLACES if q != PLACES[c]]}
res = {}
for name, folders in sets.items():
    folders = [f for f in folders if (HERE / 'work' / f / 'manifest.json').is_file()]
    if not folders: continue
    g = load_dataset(*[HERE / 'work' / f for f in folders])
    pl = places(g['image']); res[name] = {}
    for c, s in enumerate(SHAPES):
        k = g['label'] == c
        share = {q: (pl[k] == i).float().mean().item() for i, q in enumerate(PLACES)}
        lack = sum(v for q, v in share.items() if q != PLACES[c])
        res[name][s] = share | {'n': int(k.sum()), 'lacking': lack}
        print(f"{name:15s} {s:8s} n={int(k.sum()):3d}  " + '  '.join(f'{q} {100 * v:5.1f}%' for q, v in share.items()) + f"   on the backgrounds it lacks: {100 * lack:.1f}%")
    if name == 'GAP per target':
        for f in folders:
            gg = load_dataset(HERE / 'work' / f); pp = places(gg['image'])
            print(f'   {f:22s} ' + '  '.join(f'{q} {100 * (pp == i).float().mean():5.1f}%' for i, q in enumerate(PLACES)))
json.dump(res, open(HERE / 'probe.json', 'w'), indent=1)
