"""Shared pieces: 09's data (shapes) and model (build), the base model, evaluation, and a flexible fine-tuning loop.
Run everything with: taskset -c 1 env OMP_NUM_THREADS=1 OMP_WAIT_POLICY=PASSIVE HF_HUB_OFFLINE=1 /tmp/recipe/venv/bin/python ..."""
import math, sys, json, time
from pathlib import Path
import torch, torch.nn as nn, torch.nn.functional as F
torch.set_num_threads(1)
from gap_nb.core import seed_everything
from gap_nb.worlds import draw_backgrounds, KINDS

HERE = Path('/tmp/recipe')
SHAPES, PLACES = ('circle', 'square', 'triangle'), ('grass', 'lake', 'desert')
GROUPS = [f'{s} on {p}' for s in SHAPES for p in PLACES]

def shapes(n:int, seed:int, spurious):
    "copied verbatim from nbs/09_your_task.ipynb cell 5"
    g = seed_everything(seed)
    label = torch.arange(n) % 3
    if spurious is None: place = (torch.arange(n) // 3) % 3
    else: place = torch.where(torch.rand(n, generator=g) < spurious, label, torch.randint(3, (n,), generator=g))
    bg = draw_backgrounds(torch.tensor([KINDS.index(PLACES[p]) for p in place]), g, size=80)[:, :, 16:64]  # 48×80
    yy, xx = torch.meshgrid(torch.arange(48.), torch.arange(80.), indexing='ij')
    cy, cx = 14 + 20 * torch.rand(n, generator=g), 14 + 52 * torch.rand(n, generator=g)
    r = 7 + 4 * torch.rand(n, generator=g)
    dy, dx = yy - cy[:, None, None], xx - cx[:, None, None]
    def shape(i):
        if label[i] == 0: return dy[i] ** 2 + dx[i] ** 2 <= r[i] ** 2                                # circle
        if label[i] == 1: return (dy[i].abs() <= r[i] * .85) & (dx[i].abs() <= r[i] * .85)           # square
        return (dy[i] <= r[i] * .8) & (dy[i] >= -r[i] * .9) & (dx[i].abs() <= (dy[i] + r[i] * .9) * .6)  # triangle
    masks = torch.stack([shape(i) for i in range(n)])[:, None].float()
    colour = torch.rand(n, 3, 1, 1, generator=g) * 0.8 + 0.1
    image = masks * colour + (1 - masks) * bg
    return {'image': image, 'mask': masks, 'label': label, 'group': label * 3 + place}

def quant(d):
    "What 09 trains on: the images as written to PNG and read back (uint8 levels)."
    return d | {'image': (d['image'] * 255).round().clamp(0, 255) / 255}

def block(a, b): return nn.Sequential(nn.Conv2d(a, b, 3, padding=1), nn.BatchNorm2d(b), nn.ReLU(), nn.MaxPool2d(2))
def build():
    "A small CNN over 3 shape classes, for any image size. (09's shapes_net.py)"
    return nn.Sequential(block(3, 16), block(16, 32), block(32, 64), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, 3))

def data():
    "train, test (in 09's order, so that the global RNG state before build() is 09's), the reference pool; cached."
    p = HERE / 'data.pt'
    if p.is_file(): return torch.load(p)
    train, test = shapes(900, 0, spurious=0.95), shapes(450, 1, spurious=None)
    init = build().state_dict()  # 09: load_model(factory) right after the data cells
    ref_all = shapes(900, 7, spurious=None)  # seed 7: not used by train (0), test (1), balanced (3), probe (5)
    off = (ref_all['group'] // 3 != ref_all['group'] % 3).nonzero().flatten()
    keep = torch.cat([off[ref_all['group'][off] == gr][:25] for gr in range(9) if gr // 3 != gr % 3])
    ref = {k: v[keep] for k, v in ref_all.items()}
    d = {'train': quant(train), 'test': quant(test), 'init': init, 'ref': quant(ref)}
    torch.save(d, p)
    return d

@torch.no_grad()
def evaluate(model, test):
    model.eval()
    pred = torch.cat([model(x).argmax(1) for x in test['image'].split(256)])
    ok = (pred == test['label']).float()
    per = [ok[test['group'] == gr].mean().item() for gr in range(9)]
    return {'avg': ok.mean().item(), 'worst': min(per), 'groups': per}

def base_model():
    "09 cell 9: fit(model, folder, task.train_loss, epochs=8, bs=32, lr=2e-3, seed=0); cached."
    from gap_nb.models import fit
    from gap_nb.tasks import get_task
    d = data(); model = build(); model.load_state_dict(d['init'])
    p = HERE / 'base.pt'
    if p.is_file(): model.load_state_dict(torch.load(p)); return model.eval()
    task = get_task('classification')
    seed_everything(0)
    fit(model, {k: d['train'][k] for k in ('image', 'label', 'mask')}, task.train_loss, epochs=8, bs=32, lr=2e-3, seed=0, progress=False, device='cpu')
    torch.save(model.state_dict(), p)
    return model.eval()

def finetune(model, real, extra=None, steps=300, lr=5e-4, bs=64, share=None, balance=None, layers='all', seed=0, wd=1e-4, flip=True):
    """AdamW + OneCycleLR (pct_start 0.1, as gap_nb.models.fit) for `steps` optimiser steps, random horizontal flips.
    share=None: real+extra as one pool (shuffled epochs when balance=None, as gap_nb does now);
    share=s: each batch has round(s*bs) extra samples (uniform, with replacement) and the rest real.
    balance: None | 'class' | 'group': weighted sampling (with replacement) so each class/group of the REAL data has equal mass;
    with share=None the extra samples count as one more group per class (their place is not known for generated data).
    layers='last': only the final Linear trains and BatchNorm stays in eval mode; 'all': everything, in train mode."""
    g = seed_everything(seed)
    keys = ('image', 'label')
    n_real = len(real['label'])
    if share is None and extra is not None:
        pool = {k: torch.cat([real[k], extra[k]]) for k in keys}
        grp = torch.cat([real['group'] if balance == 'group' else real['label'], 9 + extra['label'] if balance == 'group' else extra['label']])
    else:
        pool, grp = {k: real[k] for k in keys}, (real['group'] if balance == 'group' else real['label'])
    n = len(pool['label'])
    w = None
    if balance is not None:
        counts = torch.bincount(grp).float()
        w = 1 / counts[grp]
    n_extra = 0 if (share is None or extra is None) else int(round(share * bs))
    n_pool = bs - n_extra
    if layers == 'last':
        for p in model.parameters(): p.requires_grad_(False)
        params = list(model[-1].parameters())
        for p in params: p.requires_grad_(True)
    else:
        for p in model.parameters(): p.requires_grad_(True)
        params = list(model.parameters())
    opt = torch.optim.AdamW(params, lr=lr, weight_decay=wd)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=lr, total_steps=steps, pct_start=0.1)
    perm, pos = torch.randperm(n, generator=g), 0
    for step in range(steps):
        if w is None:  # shuffled epochs, like fit
            if pos + n_pool > n: perm, pos = torch.randperm(n, generator=g), 0
            idx = perm[pos:pos + n_pool]; pos += n_pool
        else:
            idx = torch.multinomial(w, n_pool, replacement=True, generator=g)
        x, y = pool['image'][idx], pool['label'][idx]
        if n_extra:
            j = torch.randint(len(extra['label']), (n_extra,), generator=g)
            x, y = torch.cat([x, extra['image'][j]]), torch.cat([y, extra['label'][j]])
        if flip:
            f = torch.rand(len(y), generator=g) < 0.5
            x = torch.where(f.view(-1, 1, 1, 1), x.flip(-1), x)
        model.train(layers == 'all')
        loss = F.cross_entropy(model(x), y)
        opt.zero_grad(); loss.backward(); opt.step(); sched.step()
    for p in model.parameters(): p.requires_grad_(True)
    return model.eval()

def fmt(r): return f"avg {100 * r['avg']:.1f} worst {100 * r['worst']:.1f}"
