"""A sweep of plausible bad inputs a new user could give gap_nb's commands, run as that user would: real subprocesses of
the installed scripts (.venv/bin/gap_*), each in a fresh temporary workspace that holds the user's data folders, model
files and earlier outputs. Every outcome is classified (clean refusal, refusal after work, traceback, valid result,
silent wrong result, hang, ...) and written to sweep.json and sweep.md beside this file. It is a measuring instrument:
it exits 0 whatever it finds. See README.md.

Run it with the project's interpreter (it needs torch, numpy, Pillow, safetensors and gap_nb to build the workspace):

    .venv/bin/python results/sweep-36/sweep.py                # the whole sweep (about 15 minutes on 2 CPU cores)
    .venv/bin/python results/sweep-36/sweep.py --only c01,m09 # some cases (their ids), plus the valid baselines they compare with
    .venv/bin/python results/sweep-36/sweep.py --list         # the cases, without running anything
"""
import argparse, json, os, shlex, shutil, signal, subprocess, sys, tempfile, time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TIMEOUT = 300  # seconds per case: past it the case is a hang
OUTCOMES = ('clean refusal', 'refusal after work', 'unclear refusal', 'traceback', 'valid result', 'silent wrong result', 'hang', 'crash')

# ---------------------------------------------------------------------------------------------------------------------
# The workspace: what a new user has on disk before typing a command
# ---------------------------------------------------------------------------------------------------------------------
NET_PY = '''import torch.nn as nn

def block(a, b): return nn.Sequential(nn.Conv2d(a, b, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2))

def build():
    "A tiny CNN over 2 classes (dark, bright), for any image size of at least 4x4: (n,3,H,W) -> (n,2) logits."
    return nn.Sequential(block(3, 8), block(8, 16), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(16, 2))

class Net(nn.Module):
    "The same network as a class."
    def __init__(self):
        super().__init__()
        self.body = build()
    def forward(self, x): return self.body(x)

def returns_none():
    m = build()  # forgot to return it

def returns_class():
    return Net  # the class, not an instance

def build_64():
    "Written for 64x64 images: the head's input size is fixed."
    return nn.Sequential(block(3, 8), block(8, 16), nn.Flatten(), nn.Linear(16 * 16 * 16, 2))

def build_no_flatten():
    "The head is a 1x1 convolution: (n,2,1,1) instead of (n,2)."
    return nn.Sequential(block(3, 8), block(8, 16), nn.AdaptiveAvgPool2d(1), nn.Conv2d(16, 2, 1))
'''

DEPTH_NET_PY = '''import torch.nn as nn

def conv(a, b): return nn.Sequential(nn.Conv2d(a, b, 3, padding=1), nn.ReLU())

def build():
    "A tiny encoder-decoder: images (n,3,H,W) -> depth (n,1,H,W) in [0, 1], for H and W divisible by 2."
    return nn.Sequential(conv(3, 8), nn.MaxPool2d(2), conv(8, 16), nn.Upsample(scale_factor=2), conv(16, 8),
                         nn.Conv2d(8, 1, 1), nn.Sigmoid())

class Squeeze(nn.Module):
    def forward(self, x): return x[:, 0]

def build_squeezed():
    "Returns (n,H,W): the channel axis squeezed away."
    return nn.Sequential(build(), Squeeze())

def build_half():
    "Predicts depth at half the input's resolution: (n,1,H/2,W/2)."
    return nn.Sequential(conv(3, 8), nn.MaxPool2d(2), conv(8, 8), nn.Conv2d(8, 1, 1), nn.Sigmoid())
'''

MYTASK_PY = '''from gap_nb.tasks import classification_task

TASK = classification_task('shapes', classes=('dark', 'bright'))

def not_a_task():
    return TASK
'''

S = 32  # the side of every image (the data is tiny on purpose)


def _img(rgb, path, mode='RGB'):
    from PIL import Image
    import numpy as np
    Image.fromarray((np.clip(rgb, 0, 1) * 255).round().astype('uint8'), mode).save(path)


def cls_samples(n, seed):
    "n (image, mask, label, group) of the user's task: class 0 dark, class 1 bright; a coloured square is the object."
    import numpy as np
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        label, group = i % 2, ('plain', 'noisy')[(i // 2) % 2]
        base = 0.2 if label == 0 else 0.75
        img = np.full((S, S, 3), base) + rng.normal(0, 0.12 if group == 'noisy' else 0.03, (S, S, 3))
        y, x = rng.integers(4, S - 14, 2)
        mask = np.zeros((S, S))
        mask[y:y + 10, x:x + 10] = 1
        img[mask > 0] = rng.uniform(0.1, 0.9, 3)
        out.append((np.clip(img, 0, 1), mask, label, group))
    return out


def write_cls(folder, samples, ext='.png', masks=True, classes=True, header='file,label,group', sep=',', newline='\n',
              row=lambda name, label, group: f'{name},{label},{group}', mode='RGB'):
    "A classification folder in gap_nb's layout: images/, masks/, labels.csv, classes.txt."
    folder = Path(folder)
    (folder / 'images').mkdir(parents=True, exist_ok=True)
    if masks: (folder / 'masks').mkdir(exist_ok=True)
    rows = [header.replace(',', sep)]
    for i, (img, mask, label, group) in enumerate(samples):
        name = f'{"dark" if label == 0 else "bright"}{i:02d}'
        save_image(img, folder / 'images' / f'{name}{ext}', mode)
        if masks: _img(mask, folder / 'masks' / f'{name}.png', 'L')
        rows.append(row(f'{name}{ext}', label, group).replace(',', sep))
    (folder / 'labels.csv').write_bytes((newline.join(rows) + newline).encode())
    if classes: (folder / 'classes.txt').write_text('dark\nbright\n')
    return folder


def save_image(img, path, mode='RGB'):
    "img (H,W,3) in [0, 1] as `mode`: RGB, L (grey), RGBA (opaque), I;16 (16-bit grey), or JPEG by the suffix."
    from PIL import Image
    import numpy as np
    u8 = (np.clip(img, 0, 1) * 255).round().astype('uint8')
    if mode == 'RGB': im = Image.fromarray(u8, 'RGB')
    elif mode == 'L': im = Image.fromarray(grey8(img), 'L')
    elif mode == 'RGBA': im = Image.fromarray(np.dstack([u8, np.full(u8.shape[:2], 255, 'uint8')]), 'RGBA')
    elif mode == 'I;16': im = Image.fromarray(grey8(img).astype('uint16') * 257)  # the same grey levels, in 16 bits
    else: raise ValueError(mode)
    im.save(path, quality=95) if str(path).lower().endswith(('.jpg', '.jpeg')) else im.save(path)


def grey8(img):
    import numpy as np
    return (np.clip(img, 0, 1) * 255).round().astype('uint8').mean(-1).round().astype('uint8')


def depth_samples(n, seed):
    "n (image, depth, valid, group): a room-like ramp; the image darkens with depth; the top rows have no depth."
    import numpy as np
    rng = np.random.default_rng(seed)
    out = []
    yy, xx = np.mgrid[0:S, 0:S] / (S - 1)
    for i in range(n):
        d = (0.2 + 0.6 * (yy * rng.uniform(0.5, 1) + xx * rng.uniform(0, 0.5)) / 1.5).astype('float32')
        img = np.dstack([1 - d, 1 - d * 0.9, 1 - d * 0.8]) + rng.normal(0, 0.02, (S, S, 3))
        valid = np.ones((S, S))
        valid[:3] = 0
        out.append((np.clip(img, 0, 1), d, valid, ('clean', 'warm')[i % 2]))
    return out


def write_depth(folder, samples, depth=lambda d: d, valid=True, labels=True, depth_ext='.npy'):
    "A depth folder in gap_nb's layout: images/, depth/NAME.npy, valid/NAME.png, labels.csv (file,group)."
    import numpy as np
    folder = Path(folder)
    for sub in ('images', 'depth') + (('valid',) if valid else ()): (folder / sub).mkdir(parents=True, exist_ok=True)
    rows = ['file,group']
    for i, (img, d, v, group) in enumerate(samples):
        name = f'room{i:02d}'
        _img(img, folder / 'images' / f'{name}.png')
        if depth_ext == '.npy': np.save(folder / 'depth' / f'{name}.npy', depth(d), allow_pickle=False)
        else: _img(d, folder / 'depth' / f'{name}.png', 'L')
        if valid: _img(v, folder / 'valid' / f'{name}.png', 'L')
        rows.append(f'{name}.png,{group}')
    if labels: (folder / 'labels.csv').write_text('\n'.join(rows) + '\n')
    return folder


def train(model, xs, loss_fn, steps=150, lr=1e-2):
    "A few deterministic steps of Adam, so that the saved models are sensitive to what the images show."
    import torch
    torch.manual_seed(0)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    for _ in range(steps):
        opt.zero_grad(); loss_fn(model, xs).backward(); opt.step()
    return model.eval()


def build_workspace(ws:Path, bin_dir:Path, env:dict, log=print):
    "Everything the cases refer to, by relative path from `ws` (the cases run with `ws` as their working folder)."
    import numpy as np, torch, torch.nn.functional as F, importlib.util
    from safetensors.torch import save_file
    from gap_nb.experiments import save_model
    torch.manual_seed(0)
    (ws / 'net.py').write_text(NET_PY)
    (ws / 'depth_net.py').write_text(DEPTH_NET_PY)
    (ws / 'mytask.py').write_text(MYTASK_PY)
    (ws / 'notes.txt').write_text('a plain file\n')
    (ws / 'out').mkdir()
    train_s, test_s = cls_samples(8, 0), cls_samples(8, 1)
    write_cls(ws / 'data', train_s)
    write_cls(ws / 'test', test_s)

    def load(path, name):
        spec = importlib.util.spec_from_file_location(name, path)
        m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)
        return m
    net, dnet = load(ws / 'net.py', 'net'), load(ws / 'depth_net.py', 'depth_net')
    x = torch.tensor(np.stack([s[0] for s in train_s + test_s]), dtype=torch.float32).permute(0, 3, 1, 2)
    y = torch.tensor([s[2] for s in train_s + test_s])
    m = train(net.build(), x, lambda m, x: F.cross_entropy(m(x), y))
    save_model(m, ws / 'model', factory=f"{ws / 'net.py'}:build")
    dtrain = depth_samples(6, 2)
    write_depth(ws / 'ddata', dtrain)
    xd = torch.tensor(np.stack([s[0] for s in dtrain]), dtype=torch.float32).permute(0, 3, 1, 2)
    yd = torch.tensor(np.stack([s[1] for s in dtrain]))[:, None]
    dm = train(dnet.build(), xd, lambda m, x: (m(x) - yd).abs().mean())
    save_model(dm, ws / 'dmodel', factory=f"{ws / 'depth_net.py'}:build")

    # -- labels.csv variants (all of the training images, as the user's data)
    write_cls(ws / 'data_bom', train_s); p = ws / 'data_bom' / 'labels.csv'; p.write_bytes(b'\xef\xbb\xbf' + p.read_bytes())
    write_cls(ws / 'data_semicolon', train_s, sep=';')
    write_cls(ws / 'data_blank', train_s, newline='\n\n')
    write_cls(ws / 'data_crlf', train_s, newline='\r\n')
    write_cls(ws / 'data_lable', train_s, header='file,lable,group')
    write_cls(ws / 'data_dupe', train_s)
    with open(ws / 'data_dupe' / 'labels.csv', 'a') as f: f.write('dark00.png,1,plain\n')  # dark00 a second time, with the other label
    write_cls(ws / 'data_labelspace', train_s, row=lambda n, l, g: f'{n}, {l},{g}')
    write_cls(ws / 'data_allspace', train_s, header='file, label, group', row=lambda n, l, g: f'{n}, {l}, {g}')
    write_cls(ws / 'data_noext', train_s, row=lambda n, l, g: f'{n[:-4]},{l},{g}')
    write_cls(ws / 'data_nogroup', train_s, header='file,label', row=lambda n, l, g: f'{n},{l}')
    write_cls(ws / 'data_sub', train_s)
    (ws / 'data_sub' / 'images' / 'all').mkdir()
    for f in list((ws / 'data_sub' / 'images').glob('*.png')): f.rename(f.parent / 'all' / f.name)
    # -- image variants
    write_cls(ws / 'data_upper', train_s, ext='.PNG')
    for f in list((ws / 'data_upper' / 'masks').glob('*.png')): f.rename(f.with_suffix('.PNG'))  # the user's export names them all .PNG
    write_cls(ws / 'data_jpg', train_s, ext='.jpg')
    write_cls(ws / 'data_grey', train_s, mode='L')
    write_cls(ws / 'data_rgba', train_s, mode='RGBA')
    write_cls(ws / 'data_16bit', train_s, mode='I;16')
    write_cls(ws / 'data_junk', train_s)
    (ws / 'data_junk' / 'images' / '.DS_Store').write_bytes(b'\x00\x00\x00\x01Bud1' + bytes(64))
    (ws / 'data_junk' / 'images' / 'Thumbs.db').write_bytes(bytes(128))
    (ws / 'data_junk' / 'images' / 'README.txt').write_text('images from the lab camera\n')
    write_cls(ws / 'data_tiny', [(img[:1, :1], mask[:1, :1], l, g) for img, mask, l, g in train_s])
    # -- mask variants
    write_cls(ws / 'data_nomasks', train_s, masks=False)
    write_cls(ws / 'data_masksize', train_s)
    for f in (ws / 'data_masksize' / 'masks').glob('*.png'):
        from PIL import Image
        Image.open(f).resize((2 * S, 2 * S), Image.NEAREST).save(f)
    write_cls(ws / 'data_maskwhite', [(img, np.ones_like(mask), l, g) for img, mask, l, g in train_s])
    write_cls(ws / 'data_maskmissing', train_s); next(iter(sorted((ws / 'data_maskmissing' / 'masks').glob('*.png')))).unlink()
    write_cls(ws / 'data_maskjpg', train_s)
    for f in list((ws / 'data_maskjpg' / 'masks').glob('*.png')):
        from PIL import Image
        Image.open(f).save(f.with_suffix('.jpg'), quality=95); f.unlink()
    write_cls(ws / 'data_classes1', train_s); (ws / 'data_classes1' / 'classes.txt').write_text('dark\n')
    (ws / 'data_empty' / 'images').mkdir(parents=True); (ws / 'data_empty' / 'labels.csv').write_text('file,label,group\n')
    write_cls(ws / 'my data', train_s)
    (ws / 'my code').mkdir(); (ws / 'my code' / 'net.py').write_text(NET_PY)
    write_cls(ws / 'ref1', test_s[:1])  # a reference folder of one image
    # -- depth variants
    write_depth(ws / 'ddata_hw1', dtrain, depth=lambda d: d[:, :, None])
    write_depth(ws / 'ddata_1hw', dtrain, depth=lambda d: d[None])
    write_depth(ws / 'ddata_nan', dtrain, depth=lambda d: np.full_like(d, np.nan), valid=False)
    write_depth(ws / 'ddata_validmissing', dtrain)
    for f in sorted((ws / 'ddata_validmissing' / 'valid').glob('*.png'))[:2]: f.unlink()
    write_depth(ws / 'ddata_png', dtrain, depth_ext='.png')
    write_depth(ws / 'ddata_nolabels', dtrain, labels=False)
    write_depth(ws / 'ddata_appledouble', dtrain, labels=False)
    (ws / 'ddata_appledouble' / 'images' / '._room00.png').write_bytes(b'\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        ' + bytes(4000))
    # -- models
    shutil.copytree(ws / 'model', ws / 'ft:v1')
    (ws / 'weights_only').mkdir(); shutil.copy(ws / 'model' / 'model.safetensors', ws / 'weights_only')
    # -- prompts, targets, folders written by earlier runs
    save_file({'<p>': torch.randn(5, 768)}, ws / 'sd15_prompt.safetensors', metadata={'sep': ' '})  # learnt with SD 1.5's text encoder
    (ws / 'targets_mixed').mkdir()
    for i, (h, w) in enumerate(((32, 32), (48, 40), (64, 64))):
        _img(np.random.default_rng(i).uniform(0, 1, (h, w, 3)), ws / 'targets_mixed' / f't{i}.png')
    write_cls(ws / 'old_export', test_s[:2])
    exp = ws / 'exp_other'; exp.mkdir()  # an experiment folder of the birds study with other settings (real_n 1000, seeds 0,1,2)
    old = json.loads((ROOT / 'results' / 'birds' / 'experiment.json').read_text())
    (exp / 'experiment.json').write_text(json.dumps({'task': 'birds', 'runs': old['runs'][:1]}, indent=1))
    rows = [r for r in json.loads((ROOT / 'results' / 'birds' / 'results.json').read_text()) if r['method'] == 'none']
    (exp / 'results.json').write_text(json.dumps(rows, indent=1))
    gen = ['--prompts', 'a photo', '--n', '4', '--steps', '1', '--shard_size', '2', '--no_progress']
    for out, args in (('gen_cls', ['--task', 'classification', '--data', 'data', *gen]),
                      ('gen_unfinished', ['--task', 'classification', '--data', 'data', *gen]),
                      ('gen_depth', ['--task', 'depth', '--data', 'ddata', '--prompts', 'a room', *gen[2:]])):
        r = subprocess.run([str(bin_dir / 'gap_generate'), *args, '--out', out], cwd=ws, env=env, capture_output=True, text=True, timeout=TIMEOUT)
        if r.returncode != 0: raise RuntimeError(f"setup: gap_generate --out {out} failed ({r.returncode}):\n{r.stderr[-3000:]}")
    man = json.loads((ws / 'gen_unfinished' / 'manifest.json').read_text())  # as a run killed after its first shard leaves it
    last = man['shards'].pop()
    (ws / 'gen_unfinished' / last['file']).unlink()
    (ws / 'gen_unfinished' / 'manifest.json').write_text(json.dumps(man))


# ---------------------------------------------------------------------------------------------------------------------
# The cases: (id, the mistake, expected 'refuse' or 'valid', the command line, options)
# ---------------------------------------------------------------------------------------------------------------------
EV = ['gap_evaluate', '--task', 'classification', '--json']
EVD = ['gap_evaluate', '--task', 'depth', '--json']
def OPT(i, *a): return ['gap_optimize', '--task', 'classification', '--data', 'data', '--model', 'model', '--method', 'ap', '--steps', '1',
                        '--bs', '2', '--memory', 'none', '--no_progress', *a, '--out', f'out/{i}.safetensors']
def GEN(i, *a, data='data'): return ['gap_generate', '--task', 'classification', '--data', data, '--prompts', 'a photo', '--n', '2', '--steps', '1',
                                     '--shard_size', '2', '--no_progress', *a, '--out', f'out/{i}']
def FT(i, *a, data='data', model='model'): return ['gap_finetune', '--task', 'classification', '--data', data, '--model', model, '--steps', '1',
                                                   '--bs', '2', '--json', *a, '--out', f'out/{i}']


def sub(cmd, flag, value):
    "The command line with `flag`'s value replaced (added if absent)."
    cmd = list(cmd)
    if flag in cmd: cmd[cmd.index(flag) + 1] = value
    else: cmd[-2:-2] = [flag, value]
    return cmd

def drop(cmd, flag):
    "The command line without `flag` and its value."
    i = cmd.index(flag)
    return cmd[:i] + cmd[i + 2:]


def cases(gpu:bool) -> list[dict]:
    C = []
    def add(id, what, expect, cmd, outs=None, same_as=None, note=None):
        if outs is None:  # the command's own output paths (new ones must not be left behind by a refusal)
            outs = [cmd[j + 1] for j, a in enumerate(cmd[:-1]) if a in ('--out', '--export') and cmd[j + 1]]
        C.append(dict(id=id, what=what, expect=expect, cmd=cmd, outs=outs, same_as=same_as, note=note))

    # -- the valid baselines: the workspace itself is fine, and the variants below that should read alike are compared with them
    add('v01', "baseline: evaluate the user's saved model on the training folder", 'valid', EV + ['--model', 'model', '--data', 'data'])
    add('v02', "baseline: evaluate the user's factory on the test folder", 'valid', EV + ['--model', 'net.py:build', '--data', 'test'])
    add('v03', "baseline: evaluate the user's saved depth model on the depth folder", 'valid', EVD + ['--model', 'dmodel', '--data', 'ddata'])
    add('v04', 'baseline: learn an ap prompt against the saved model', 'valid', OPT('v04'))
    add('v05', 'baseline: generate 2 images on the classification folder', 'valid', GEN('v05'))
    add('v06', 'baseline: fine-tune the saved model 1 step with generated data, test on the test folder', 'valid',
        FT('v06', '--synthetic', 'gen_cls', '--test', 'test'))
    add('v07', 'baseline: generate 2 images on the depth folder', 'valid',
        ['gap_generate', '--task', 'depth', '--data', 'ddata', '--prompts', 'a room', '--n', '2', '--steps', '1', '--shard_size', '2',
         '--no_progress', '--out', 'out/v07'])
    add('v08', 'baseline: fine-tune the depth factory 1 step', 'valid',
        ['gap_finetune', '--task', 'depth', '--data', 'ddata', '--model', 'depth_net.py:build', '--steps', '1', '--bs', '2', '--json', '--out', 'out/v08'])
    add('v09', "baseline: the user's own Task from a file (--task mytask.py:TASK)", 'valid', ['gap_evaluate', '--task', 'mytask.py:TASK', '--json',
        '--model', 'model', '--data', 'data'], same_as='v01')
    add('v10', 'baseline: a depth folder without labels.csv (it is optional: no groups)', 'valid', EVD + ['--model', 'dmodel', '--data', 'ddata_nolabels'])

    # -- labels.csv as people write it
    add('c01', 'labels.csv saved by Excel as "CSV UTF-8": a byte-order mark before "file"', 'valid', EV + ['--model', 'model', '--data', 'data_bom'], same_as='v01')
    add('c02', 'labels.csv with semicolons (a European spreadsheet)', 'refuse', EV + ['--model', 'model', '--data', 'data_semicolon'])
    add('c03', 'labels.csv with a blank line after every row', 'valid', EV + ['--model', 'model', '--data', 'data_blank'], same_as='v01')
    add('c04', 'labels.csv with Windows line endings (CRLF)', 'valid', EV + ['--model', 'model', '--data', 'data_crlf'], same_as='v01')
    add('c05', "labels.csv header typo: 'lable'", 'refuse', EV + ['--model', 'model', '--data', 'data_lable'])
    add('c06', 'labels.csv lists one image twice, with two different labels', 'refuse', EV + ['--model', 'model', '--data', 'data_dupe'])
    add('c07', "labels.csv label cells with a leading space ('dark00.png, 0,plain')", 'valid', EV + ['--model', 'model', '--data', 'data_labelspace'], same_as='v01')
    add('c08', "labels.csv with ', ' after every comma, header included ('file, label, group')", 'valid', EV + ['--model', 'model', '--data', 'data_allspace'],
        same_as='v01')
    add('c09', "labels.csv names the images without their extension ('dark00')", 'refuse', EV + ['--model', 'model', '--data', 'data_noext'])
    add('c10', 'the images sit in a subfolder images/all/, labels.csv names them bare', 'refuse', EV + ['--model', 'model', '--data', 'data_sub'])
    # -- the images
    add('c11', 'images and masks named .PNG (upper case, a camera export)', 'valid', EV + ['--model', 'model', '--data', 'data_upper'], same_as='v01')
    add('c12', 'JPEG images (.jpg)', 'valid', EV + ['--model', 'model', '--data', 'data_jpg'])
    add('c13', 'greyscale (mode L) images', 'valid', EV + ['--model', 'model', '--data', 'data_grey'])
    add('c14', 'RGBA images (opaque alpha)', 'valid', EV + ['--model', 'model', '--data', 'data_rgba'], same_as='v01')
    add('c15', '16-bit greyscale PNGs (the same grey levels as c13)', 'valid', EV + ['--model', 'model', '--data', 'data_16bit'], same_as='c13')
    add('c16', 'images/ also holds .DS_Store, Thumbs.db and a README.txt', 'valid', EV + ['--model', 'model', '--data', 'data_junk'], same_as='v01')
    add('c17', 'images of 1x1 pixel, to gap_generate', 'refuse', GEN('c17', data='data_tiny'))
    add('c18', 'a classification folder without masks/, to gap_evaluate (masks only matter to generation)', 'valid',
        EV + ['--model', 'model', '--data', 'data_nomasks'], same_as='v01')
    add('c19', 'a classification folder without masks/, to gap_generate (inpainting needs them)', 'refuse', GEN('c19', data='data_nomasks'))
    add('c20', 'masks of 64x64 for images of 32x32, to gap_generate', 'refuse', GEN('c20', data='data_masksize'))
    add('c21', 'all-white masks (the whole image is the object), to gap_generate', 'valid', GEN('c21', data='data_maskwhite'))
    add('c22', 'masks/ lacks the mask of one image, to gap_generate', 'refuse', GEN('c22', data='data_maskmissing'))
    add('c23', 'masks saved as .jpg (masks/NAME.jpg): found by name in any image format; evaluation reads no mask', 'valid',
        EV + ['--model', 'model', '--data', 'data_maskjpg'], same_as='v01')
    add('c24', 'classes.txt names 1 class for labels 0 and 1, to gap_generate --export', 'refuse', GEN('c24', '--export', 'out/c24-layout', data='data_classes1'))
    # -- the data folder itself
    add('c25', '--data is the images/ folder itself', 'refuse', EV + ['--model', 'model', '--data', 'data/images'])
    add('c26', '--data is labels.csv', 'refuse', EV + ['--model', 'model', '--data', 'data/labels.csv'])
    add('c27', 'gap_evaluate on an empty data folder (images/ empty, labels.csv header only)', 'refuse', EV + ['--model', 'model', '--data', 'data_empty'])
    add('c28', 'a depth test folder to a classification evaluation', 'refuse', EV + ['--model', 'model', '--data', 'ddata'])
    add('c29', 'a classification folder to a depth evaluation', 'refuse', EVD + ['--model', 'dmodel', '--data', 'data'])
    add('c30', 'paths with spaces: --data "my data" --model "my code/net.py:build"', 'valid', EV + ['--model', 'my code/net.py:build', '--data', 'my data'])

    # -- depth maps
    add('e01', 'depth .npy of shape (H,W,1) (the same maps)', 'valid', EVD + ['--model', 'dmodel', '--data', 'ddata_hw1'], same_as='v03')
    add('e02', 'depth .npy of shape (1,H,W) (the same maps)', 'valid', EVD + ['--model', 'dmodel', '--data', 'ddata_1hw'], same_as='v03')
    add('e03', 'depth NaN everywhere, no valid/ folder', 'refuse', EVD + ['--model', 'dmodel', '--data', 'ddata_nan'])
    add('e04', 'valid/ lacks 2 of the 6 masks', 'refuse', EVD + ['--model', 'dmodel', '--data', 'ddata_validmissing'])
    add('e05', 'depth stored as PNG images (depth/NAME.png), not .npy', 'refuse', EVD + ['--model', 'dmodel', '--data', 'ddata_png'])
    add('e06', "a macOS '._room00.png' beside the images of a folder without labels.csv", 'valid', EVD + ['--model', 'dmodel', '--data', 'ddata_appledouble'],
        same_as='v10')
    add('e07', 'a depth model returning (n,H,W) (taken as one channel, as issue 36 asks; tests/test_user_input.py checks the l1 equals the (n,1,H,W) model)', 'valid', EVD + ['--model', 'depth_net.py:build_squeezed', '--data', 'ddata'])
    add('e08', 'a depth model predicting at half resolution (n,1,H/2,W/2)', 'valid', EVD + ['--model', 'depth_net.py:build_half', '--data', 'ddata'])
    add('e09', '--cls 0 with the depth task', 'refuse',
        ['gap_generate', '--task', 'depth', '--data', 'ddata', '--prompts', 'a room', '--cls', '0', '--n', '2', '--steps', '1', '--shard_size', '2',
         '--no_progress', '--out', 'out/e09'])
    add('e10', '--balance class with the depth task', 'refuse',
        ['gap_finetune', '--task', 'depth', '--data', 'ddata', '--model', 'dmodel', '--balance', 'class', '--steps', '1', '--bs', '2', '--json', '--out', 'out/e10'])

    # -- the model
    add('m01', "--model net.py without ':factory'", 'refuse', EV + ['--model', 'net.py', '--data', 'data'])
    add('m02', "--model net.py:biuld (a typo in the factory's name)", 'refuse', sub(OPT('m02'), '--model', 'net.py:biuld'))
    add('m03', 'a factory that forgets to return the model (None)', 'refuse', EV + ['--model', 'net.py:returns_none', '--data', 'data'])
    add('m04', 'a factory returning the class, not an instance', 'refuse', FT('m04', model='net.py:returns_class'))
    add('m05', '--model net.py:Net, the nn.Module class itself', 'valid', EV + ['--model', 'net.py:Net', '--data', 'data'])
    add('m06', '--model model/model.safetensors (the weights file, not its folder)', 'refuse', EV + ['--model', 'model/model.safetensors', '--data', 'data'])
    add('m07', '--model a folder holding only model.safetensors', 'refuse', FT('m07', model='weights_only'))
    add('m08', '--model and --data swapped', 'refuse', EV + ['--model', 'data', '--data', 'model'])
    add('m09', 'a model written for 64x64 images, on 32x32 data', 'refuse', EV + ['--model', 'net.py:build_64', '--data', 'data'])
    add('m10', 'a classifier whose head returns (n,K,1,1) (no Flatten)', 'refuse', EV + ['--model', 'net.py:build_no_flatten', '--data', 'data'])
    add('m11', "a model folder with a ':' in its name (ft:v1)", 'valid', EV + ['--model', 'ft:v1', '--data', 'data'], same_as='v01')
    add('m12', '--task classification without --model, to gap_optimize', 'refuse',
        drop(OPT('m12'), '--model'))

    # -- options
    add('o01', '--cls -1', 'refuse', GEN('o01', '--cls', '-1'))
    add('o02', '--cls dark (the class name, not its index)', 'refuse', OPT('o02', '--cls', 'dark'))
    add('o03', '--size 36x32 (not a multiple of 8)', 'refuse', GEN('o03', '--size', '36x32'))
    add('o04', '--size 64x (the width left out)', 'refuse', OPT('o04', '--size', '64x'))
    add('o05', '--n -5', 'refuse', sub(GEN('o05'), '--n', '-5'))
    add('o06', '--seed -1 (in other Stable Diffusion tools: a random seed)', 'refuse', GEN('o06', '--seed', '-1'))
    add('o07', '--strength nan', 'refuse', GEN('o07', '--strength', 'nan'))
    add('o08', '--steps 1e3', 'refuse', sub(OPT('o08'), '--steps', '1e3'))
    add('o09', '--share -0.5', 'refuse', FT('o09', '--synthetic', 'gen_cls', '--share', '-0.5'))
    add('o10', '--share 1.5', 'refuse', FT('o10', '--synthetic', 'gen_cls', '--share', '1.5'))
    add('o11', '--share 0.5 without any extra data (no --synthetic, no --reference)', 'refuse', FT('o11', '--share', '0.5'))
    add('o12', '--epochs 1 and --steps 1 both', 'refuse', FT('o12', '--epochs', '1'))
    add('o13', '--balance group on a labels.csv without a group column', 'refuse', FT('o13', '--balance', 'group', data='data_nogroup'))
    add('o14', '--bs 64 with 8 training images', 'valid', sub(FT('o14'), '--bs', '64'))
    add('o15', '--synthetic a gap_generate folder whose run was killed after its first shard', 'refuse', FT('o15', '--synthetic', 'gen_unfinished'))
    add('o16', '--synthetic a depth dataset, to a classification fine-tuning', 'refuse', FT('o16', '--synthetic', 'gen_depth'))
    add('o17', '--reference a folder of one image', 'valid', FT('o17', '--reference', 'ref1'))
    add('o18', "--out the model's own folder (fine-tune in place)", 'refuse', sub(FT('o18'), '--out', 'model'), outs=[])
    add('o19', '--ouput (a typo) instead of --out', 'refuse', FT('o19')[:-2] + ['--ouput', 'out/o19'], outs=['out/o19'])
    add('o20', '--no-progress (a hyphen) instead of --no_progress', 'refuse', [a if a != '--no_progress' else '--no-progress' for a in GEN('o20')])
    add('o21', 'the data folder as a positional argument: gap_evaluate data', 'refuse', ['gap_evaluate', '--task', 'classification', '--model', 'model', 'data'])
    add('o22', '--shift snow with --data (a toy-task option, ignored)', 'refuse', EV + ['--model', 'model', '--data', 'data', '--shift', 'snow'])
    add('o23', '--device cuda' + (' (this machine has a GPU: valid)' if gpu else ' on a machine without a GPU'), 'valid' if gpu else 'refuse',
        EV + ['--model', 'model', '--data', 'data', '--device', 'cuda'])
    add('o24', '--dtype float16 on the CPU, to gap_evaluate', 'valid', EV + ['--model', 'model', '--data', 'data', '--device', 'cpu', '--dtype', 'float16'])
    add('o25', "--out '' (an unset shell variable: --out \"$OUT\")", 'refuse', sub(GEN('o25'), '--out', ''), outs=[])
    add('o26', '--export the same folder as --out', 'refuse', GEN('o26', '--export', 'out/o26'))
    add('o27', '--export a layout folder that already holds images', 'refuse', GEN('o27', '--export', 'old_export'), outs=['out/o27'])
    add('o28', '--prompts a prompt file learnt with another text encoder (768 wide)', 'refuse', sub(GEN('o28'), '--prompts', 'sd15_prompt.safetensors'))
    add('o29', '--generator a hub id with no network (HF_HUB_OFFLINE=1)', 'refuse', GEN('o29', '--generator', 'runwayml/stable-diffusion-v1-5'))
    add('o30', '--controlnet with the classification task (loaded, unused: one option set serves both tasks; changes no image)', 'valid',
        GEN('o30', '--controlnet', str(ROOT / 'gap_nb' / 'weights' / 'toy-sd' / 'controlnet')))
    add('o31', '--task classification without --data, to gap_generate', 'refuse', drop(GEN('o31'), '--data'))
    add('o32', "--method gp --target_text '' (an empty description)", 'refuse',
        sub(OPT('o32', '--target_text', ''), '--method', 'gp'))
    add('o33', '--method gp --target_images a folder of images of three sizes', 'valid',
        sub(OPT('o33', '--target_images', 'targets_mixed'), '--method', 'gp'))
    add('o34', '--per_target with a single --target_text', 'refuse',
        sub(OPT('o34', '--per_target', '--target_text', 'a photo on grass'), '--method', 'gap'))
    add('o35', '--max_memory -1', 'refuse', drop(OPT('o35', '--max_memory', '-1'), '--memory'))
    add('o36', '--cls 0 --bs 8: more labels per step than the class has (4)', 'valid', sub(OPT('o36', '--cls', '0'), '--bs', '8'))
    add('o37', "--task mytask.py:not_a_task (a function, not a Task)", 'refuse', ['gap_evaluate', '--task', 'mytask.py:not_a_task', '--model', 'model', '--data', 'data'])
    add('o38', "--task Classification (capitalised)", 'refuse', ['gap_evaluate', '--task', 'Classification', '--model', 'model', '--data', 'data'])
    add('o39', "gap_experiment --share 1.5 (a fraction, not RANK/PROCESSES)", 'refuse', ['gap_experiment', '--share', '1.5', '--out', 'out/o39'])
    add('o40', "gap_experiment --seeds '0 1 2' (spaces, not commas)", 'refuse', ['gap_experiment', '--seeds', '0 1 2', '--out', 'out/o40'])
    add('o41', 'gap_experiment --sizes 3 (the birds study needs a multiple of its 2 classes)', 'refuse', ['gap_experiment', '--sizes', '3', '--out', 'out/o41'])
    add('o42', 'gap_experiment --task classification (a task with no data, test or model of its own)', 'refuse',
        ['gap_experiment', '--task', 'classification', '--out', 'out/o42'])
    add('o43', "gap_experiment --out a folder holding another experiment's settings (real_n 1000)", 'refuse',
        ['gap_experiment', '--methods', 'none', '--seeds', '0', '--real_n', '8', '--eval_n', '8', '--out', 'exp_other'], outs=[])
    add('o44', 'gap_demo --n 3 (odd: half per class)', 'refuse', ['gap_demo', '--n', '3', '--steps', '1', '--out', 'out/o44'])
    add('o45', 'gap_finetune --synthetic gen_cls --reference ref1 (both)', 'refuse', FT('o45', '--synthetic', 'gen_cls', '--reference', 'ref1'))
    add('o46', 'gap_finetune --wd -1', 'refuse', FT('o46', '--wd', '-1'))
    add('o47', 'gap_generate --device tpu', 'refuse', GEN('o47', '--device', 'tpu'))
    add('o48', "gap_finetune --test a depth folder for a classification model", 'refuse', FT('o48', '--test', 'ddata'))
    return C


# ---------------------------------------------------------------------------------------------------------------------
# Running a case as a user would, and what it did
# ---------------------------------------------------------------------------------------------------------------------
def snapshot(ws:Path) -> tuple[dict, set]:
    "({file: (size, mtime_ns)}, {folder}) under ws, relative, ignoring __pycache__."
    files, dirs = {}, set()
    for root, ds, fs in os.walk(ws):
        ds[:] = [d for d in ds if d != '__pycache__']
        r = Path(root).relative_to(ws)
        if str(r) != '.': dirs.add(str(r))
        for f in fs:
            try: st = os.lstat(Path(root) / f)
            except FileNotFoundError: continue
            files[str(r / f)] = (st.st_size, st.st_mtime_ns)
    return files, dirs


def written(ws:Path, before, after, outs:list[str]) -> list[str]:
    "What a case left changed in the workspace; a new --out (and the folders above it) may stay as an empty folder."
    (fb, db), (fa, da) = before, after
    changed = sorted(f for f in set(fb) | set(fa) if fb.get(f) != fa.get(f))
    allowed = set()
    for o in outs:
        p = Path(os.path.normpath(o))
        if str(p) not in db: allowed |= {str(p), *(str(a) for a in p.parents if str(a) != '.')}
    dirs = sorted((da ^ db) - allowed)
    return [f'{f} ({"new" if f not in fb else "removed" if f not in fa else "changed"})' for f in changed] + \
           [f'{d}/ ({"new folder" if d in da else "removed folder"})' for d in dirs]


def last_line(text:str) -> str:
    lines = [l.strip() for l in text.replace('\r', '\n').splitlines() if l.strip()]
    return lines[-1] if lines else ''


def compare(got:str, want:str) -> str|None:
    "None when the two --json outputs measure the same (paths and the task's name aside), else what differs."
    try: a, b = json.loads(last_line(got)), json.loads(last_line(want))
    except ValueError: return 'no JSON output to compare'
    skip = {'task', 'model', 'data'}
    diff = {k: (a.get(k), b.get(k)) for k in (set(a) | set(b)) - skip
            if not (isinstance(a.get(k), float) and isinstance(b.get(k), float) and abs(a[k] - b[k]) <= 1e-5 * max(1, abs(b[k])))
            and a.get(k) != b.get(k)}
    return None if not diff else f'differs from the baseline: {dict(list(diff.items())[:4])} (got, baseline)'


OWN_MODELS = ('model', 'dmodel', 'ft:v1')  # the user's own model folders (save_model's), which name the user's factory file


def trust_code(cs:list[dict], bin_dir:Path, env:dict) -> set:
    """Where a command has --trust_code (a model folder that names code is loaded only with it), the user's own model folders get it, as a user
    would add it after the first refusal; the commands that have it are returned. A case about something else then tests that something else."""
    progs = {c['cmd'][0] for c in cs if any(a in OWN_MODELS and p == '--model' for p, a in zip(c['cmd'], c['cmd'][1:]))}
    have = set()
    for prog in sorted(progs):
        r = subprocess.run(['nice', '-n', '10', str(bin_dir / prog), '--help'], env=env, capture_output=True, text=True, timeout=TIMEOUT)
        if '--trust_code' in r.stdout: have.add(prog)
    for c in cs:
        cmd = c['cmd']
        if cmd[0] in have and '--trust_code' not in cmd:
            i = next((j for j, (p, a) in enumerate(zip(cmd, cmd[1:])) if p == '--model' and a in OWN_MODELS), None)
            if i is not None: c['cmd'] = cmd[:i + 2] + ['--trust_code'] + cmd[i + 2:]
    return have


def run_case(ws:Path, c:dict, bin_dir:Path, env:dict, timeout:int, results:dict) -> dict:
    prog, args = c['cmd'][0], c['cmd'][1:]
    before = snapshot(ws)
    t = time.time()
    p = subprocess.Popen(['nice', '-n', '10', str(bin_dir / prog), *args], cwd=ws, env=env, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, start_new_session=True)
    hung = False
    try: out, err = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        hung = True
        os.killpg(p.pid, signal.SIGKILL)  # the case's own process group (start_new_session), and nothing else
        out, err = p.communicate()
    secs = round(time.time() - t, 1)
    rc = p.returncode
    left = written(ws, before, snapshot(ws), c['outs'])
    last, note = last_line(err), c.get('note')
    if hung: outcome = 'hang'
    elif 'Traceback' in err or rc == 1: outcome = 'traceback'
    elif rc == 2:
        outcome = 'refusal after work' if left else 'clean refusal' if last.startswith(f'{prog}: error:') else 'unclear refusal'
    elif rc == 0:
        outcome = 'silent wrong result' if c['expect'] == 'refuse' else 'valid result'
        ref = c.get('same_as')
        if c['expect'] == 'valid' and ref:
            base = results.get(ref)
            if base is None or base['outcome'] != 'valid result': note = f'not compared: the baseline {ref} did not run or did not succeed'
            else:
                why = compare(out, base['stdout'])
                if why: outcome, note = 'silent wrong result', f'{why}; baseline {ref}'
    else: outcome = 'crash'
    ok = (outcome == 'clean refusal') if c['expect'] == 'refuse' else (outcome == 'valid result')
    return dict(id=c['id'], what=c['what'], expect=c['expect'], command=shlex.join(c['cmd']), outcome=outcome, ok=ok, exit=rc,
                seconds=secs, last_stderr=last, exception=exception_line(err), last_stdout=last_line(out), written=left[:20],
                same_as=c.get('same_as'), note=note,
                stdout=out[-4000:], stderr_tail=err[-4000:])


# ---------------------------------------------------------------------------------------------------------------------
# The report
# ---------------------------------------------------------------------------------------------------------------------
def short(s:str, n:int) -> str: return s if len(s) <= n else s[:n - 1] + '…'
def middle(s:str, n:int) -> str: return s if len(s) <= n else s[:n * 2 // 5] + ' … ' + s[-(n - n * 2 // 5 - 3):]


def exception_line(err:str) -> str:
    "The exception a traceback ends in ('RuntimeError: ...'), or ''."
    if 'Traceback' not in err: return ''
    lines = [l.strip() for l in err.split('Traceback')[-1].splitlines() if l.strip()]
    hits = [l for l in lines if not l.startswith(('File ', '^', '~')) and ':' in l and l.split(':')[0].replace('.', '').replace('_', '').isalnum()
            and l.split(':')[0][:1].isupper()]
    return hits[-1] if hits else ''
def cell(s:str) -> str: return str(s).replace('|', '\\|').replace('\n', ' ')


def write_report(rows:list[dict], meta:dict, out_dir:Path):
    counts = {k: sum(r['outcome'] == k for r in rows) for k in OUTCOMES}
    summary = {k: v for k, v in counts.items() if v}
    (out_dir / 'sweep.json').write_text(json.dumps(meta | {'summary': summary, 'cases': rows}, indent=1) + '\n')
    md = [f"# Bad-input sweep of the gap_nb commands ({meta['started']})", '',
          f"{len(rows)} cases, {meta['seconds'] / 60:.1f} min on {meta['machine']}, each a real process of the installed script "
          f"(`{meta['bin']}`) in a fresh workspace; timeout {meta['timeout']} s. Written by `sweep.py` (see README.md).", '',
          '**Outcomes:** ' + ', '.join(f'{k} {v}' for k, v in summary.items()) + '.', '',
          '**Not as expected:** ' + (', '.join(f"{r['id']} ({r['outcome']})" for r in rows if not r['ok']) or 'none') + '.', '',
          'Outcomes not as expected are in bold. *detail*: what a refusal or a wrong result left in the workspace, the exception of a '
          'traceback, the output of a result that should have been a refusal, and why a valid-looking result was judged wrong.', '',
          '| id | mistake | command line (shortened) | expected | outcome | exit | last stderr line | detail |', '|---|---|---|---|---|---|---|---|']
    for r in rows:
        o = r['outcome'] if r['ok'] else f"**{r['outcome']}**"
        detail = []
        if r['written'] and r['outcome'] != 'valid result': detail.append(f"left {', '.join(r['written'][:3])}" + (' …' if len(r['written']) > 3 else ''))
        if r['exception']: detail.append(r['exception'])
        if r['outcome'] == 'silent wrong result' and r['expect'] == 'refuse' and r['last_stdout']: detail.append(f"printed {r['last_stdout']}")
        if r['note']: detail.append(r['note'])
        md.append(f"| {r['id']} | {cell(r['what'])} | `{cell(middle(r['command'], 140))}` | {r['expect']} | {o} | {r['exit']} | "
                  f"{cell(short(r['last_stderr'], 220))} | {cell(short('; '.join(detail), 320))} |")
    (out_dir / 'sweep.md').write_text('\n'.join(md) + '\n')
    return summary


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--only', help='comma-separated case ids to run (the baselines they compare with are added)')
    ap.add_argument('--list', action='store_true', help='list the cases and exit')
    ap.add_argument('--bin', default=str(ROOT / '.venv' / 'bin'), help='the folder of the installed gap_* scripts (default: .venv/bin)')
    ap.add_argument('--timeout', type=int, default=TIMEOUT, help=f'seconds per case before it counts as a hang (default {TIMEOUT})')
    ap.add_argument('--keep', action='store_true', help='keep the temporary workspace (its path is printed)')
    ap.add_argument('--out', default=str(HERE), help='where to write sweep.json and sweep.md (default: beside this script)')
    a = ap.parse_args()
    try:
        import torch
        gpu = torch.cuda.is_available()
    except Exception: gpu = False
    cs = cases(gpu)
    ids = [c['id'] for c in cs]
    assert len(set(ids)) == len(ids), 'duplicate case ids'
    if a.list:
        for c in cs: print(f"{c['id']:<4} {c['expect']:<6} {c['what']}\n     {shlex.join(c['cmd'])}")
        print(f'{len(cs)} cases'); return 0
    if a.only:
        want = {s.strip() for s in a.only.split(',') if s.strip()}
        want |= {c['same_as'] for c in cs if c['id'] in want and c['same_as']}
        cs = [c for c in cs if c['id'] in want]
    bin_dir = Path(a.bin)
    env = os.environ | {'HF_HUB_OFFLINE': '1', 'TRANSFORMERS_OFFLINE': '1'}  # no network: a hub id fails at once, as on a cluster node
    trusting = trust_code(cs, bin_dir, env)
    if trusting: print(f"--trust_code added after the user's own model folders for {', '.join(sorted(trusting))}", flush=True)
    started, t0 = time.strftime('%Y-%m-%d %H:%M:%S'), time.time()
    ws = Path(tempfile.mkdtemp(prefix='gap-sweep-'))
    rows, results = [], {}
    try:
        print(f'workspace {ws}: building ...', flush=True)
        build_workspace(ws, bin_dir, env)
        print(f'built in {time.time() - t0:.0f} s; {len(cs)} cases', flush=True)
        for c in cs:
            r = run_case(ws, c, bin_dir, env, a.timeout, results)
            results[c['id']] = r
            rows.append(r)
            print(f"{r['id']:<4} {r['expect']:<6} {r['outcome']:<20} exit {str(r['exit']):<4} {r['seconds']:>6.1f}s  {short(r['last_stderr'], 110)}", flush=True)
    finally:
        if a.keep: print(f'kept the workspace {ws}')
        else: shutil.rmtree(ws, ignore_errors=True)
    import platform
    meta = dict(started=started, seconds=round(time.time() - t0, 1), bin=str(bin_dir), timeout=a.timeout,
                machine=f"{platform.node()} ({os.cpu_count()} CPUs{', a GPU' if gpu else ', no GPU'})", partial=bool(a.only))
    out_dir = Path(a.out); out_dir.mkdir(parents=True, exist_ok=True)
    summary = write_report(rows, meta, out_dir)
    print('\nsummary: ' + ', '.join(f'{k} {v}' for k, v in summary.items()))
    bad = [r for r in rows if not r['ok']]
    print(f"{len(bad)} of {len(rows)} not as expected: " + ', '.join(f"{r['id']} ({r['outcome']})" for r in bad))
    print(f"wrote {out_dir / 'sweep.json'} and {out_dir / 'sweep.md'} ({meta['seconds'] / 60:.1f} min)")
    return 0


if __name__ == '__main__':
    try: main()
    except Exception:
        import traceback; traceback.print_exc()
    sys.exit(0)  # a report: it never fails the caller
