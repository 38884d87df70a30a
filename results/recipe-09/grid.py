"""Q2: fine-tuning recipes for base model + 900 real + extra data; one JSON line per run in OUT (default grid.jsonl), done runs skipped.
usage: grid.py EXTRA CONFIGS.json [OUT]   EXTRA: ref | none | plain | gap | gapt ; CONFIGS: list of dicts of finetune() kwargs"""
import sys, json, copy, time
from common import *
extra_name, configs = sys.argv[1], json.loads(open(sys.argv[2]).read() if sys.argv[2].endswith('.json') else sys.argv[2])
out = HERE / (sys.argv[3] if len(sys.argv) > 3 else 'grid.jsonl')
d = data(); base = base_model()
def load_gen(names):
    from gap_nb.loop import load_dataset
    g = load_dataset(*[HERE / 'work' / n for n in names])
    return {'image': g['image'], 'label': g['label']}
EXTRA = {'ref': lambda: d['ref'], 'none': lambda: None,
         'plain': lambda: load_gen([f'plain-{s}' for s in SHAPES]),
         'gap': lambda: load_gen([f'gen-{s}' for s in SHAPES]),
         'gapt': lambda: load_gen([f'gen-{s}-{p}' for c, s in enumerate(SHAPES) for q, p in enumerate(PLACES) if q != c])}
extra = EXTRA[extra_name]()
if extra is not None: print('extra', extra_name, len(extra['label']), torch.bincount(extra['label']).tolist(), flush=True)
done = {l['key'] for l in map(json.loads, out.read_text().splitlines())} if out.is_file() else set()
for cfg in configs:
    cfg = {'steps': 300, 'lr': 5e-4, 'bs': 64, 'share': None, 'balance': None, 'layers': 'all', 'seed': 0} | cfg
    key = extra_name + ' ' + json.dumps(cfg, sort_keys=True)
    if key in done: continue
    m = copy.deepcopy(base); t = time.time()
    finetune(m, d['train'], extra, **cfg)
    r = evaluate(m, d['test'])
    print(f"{extra_name:5s} steps {cfg['steps']:5d} lr {cfg['lr']:.0e} bs {cfg['bs']} share {str(cfg['share']):4s} bal {str(cfg['balance']):5s} {cfg['layers']:4s} seed {cfg['seed']}: "
          f"{fmt(r)}  groups {[round(100 * x) for x in r['groups']]}  {time.time() - t:.0f}s", flush=True)
    with out.open('a') as f: f.write(json.dumps({'key': key, 'extra': extra_name, **cfg, **r}) + '\n')
