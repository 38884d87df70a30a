"""A user's own data, model and folders, given as a new user would give them (issue 36): every case ends either in a clean
refusal before any work (exit 2, one last line `prog: error: …` naming the value and the fix, no traceback, nothing
written in the workspace) or, where the input is valid, in a correct result.

Each case runs the command's own function in this process (`gap_nb.core.run_command`: the script's parser, its error
boundary and its exit status), on a workspace of tiny files the fixture writes: a classification data folder of
three classes, a depth data folder, and model factory files of the kinds users write. `tests/test_commands.py` covers
the earlier table (issue 16); the cases here are the ones of issue 36."""
import json, os, shutil, subprocess, sys, time
from pathlib import Path

import numpy as np, pytest, torch
from PIL import Image

from gap_nb.core import run_command, command, WEIGHTS, save_safetensors
from gap_nb.cli import prompt_items
from gap_nb.loop import load_dataset, MANIFEST

NET = """import torch.nn as nn
def build(k=3):
    return nn.Sequential(nn.Conv2d(3, 8, 3, stride=2), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(8, k))
def two(): return build(2)
def images(): return nn.Conv2d(3, 3, 1)
def needs(n): return build(n)
def fails(): raise RuntimeError('my factory failed')
class AsDict(nn.Module):
    def __init__(self): super().__init__(); self.m = build()
    def forward(self, x): return {'logits': self.m(x)}
def as_dict(): return AsDict()
"""
DEPTH_NET = """import torch.nn as nn
def build(): return nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(), nn.Conv2d(8, 1, 3, padding=1))
"""


def layout(root:Path, labels, size=(32, 32), masks=True, depth=None, seed=0) -> Path:
    "A data folder in gap_nb's layout: images, labels.csv (when labels), masks or depth maps."
    g = np.random.default_rng(seed)
    (root / 'images').mkdir(parents=True)
    rows = ['file,label' if labels is not None else 'file']
    for i in range(len(labels) if labels is not None else len(depth)):
        Image.fromarray(g.integers(0, 255, (*size, 3), dtype=np.uint8)).save(root / 'images' / f'{i}.png')
        if labels is not None and masks:
            (root / 'masks').mkdir(exist_ok=True)
            m = np.zeros(size, np.uint8); m[8:20, 8:20] = 255
            Image.fromarray(m).save(root / 'masks' / f'{i}.png')
        if depth is not None:
            (root / 'depth').mkdir(exist_ok=True)
            np.save(root / 'depth' / f'{i}.npy', depth[i].astype(np.float32))
        rows.append(f'{i}.png,{labels[i]}' if labels is not None else f'{i}.png')
    (root / 'labels.csv').write_text('\n'.join(rows) + '\n')
    return root


@pytest.fixture
def ws(tmp_path) -> Path:
    "A user's workspace: data folders and model files."
    layout(tmp_path / 'data', [0, 1, 2, 0, 1, 2])
    layout(tmp_path / 'rgbd', None, depth=[np.full((32, 32), 0.5)] * 4)
    (tmp_path / 'net.py').write_text(NET)
    (tmp_path / 'depth_net.py').write_text(DEPTH_NET)
    return tmp_path


def snapshot(root:Path) -> dict:
    return {str(p.relative_to(root)): (p.stat().st_size, p.stat().st_mtime_ns) for p in root.rglob('*')
            if '__pycache__' not in p.parts and p.is_file()}


def refused(ws:Path, prog:str, *args, says:list[str]):
    "Run a case that must be refused: exit 2, the last line names `says`, no traceback, nothing written."
    before = snapshot(ws)
    r = run_command(prog, *args, cwd=ws)
    lines = [l for l in r.stderr.splitlines() if l.strip()]
    assert r.returncode == 2, f"exit {r.returncode}\n{r.stderr[-3000:]}"
    assert 'Traceback' not in r.stderr and 'bug in gap_nb' not in r.stderr, r.stderr[-3000:]
    assert lines and lines[-1].startswith(f'{prog}: error: '), r.stderr[-3000:]
    for s in says: assert s in lines[-1], f"expected {s!r} in {lines[-1]!r}"
    assert snapshot(ws) == before, sorted(set(snapshot(ws)) ^ set(before))
    return r


def ok(ws:Path, prog:str, *args):
    r = run_command(prog, *args, cwd=ws)
    assert r.returncode == 0, r.stderr[-3000:]
    return r


CLS = ('--task', 'classification', '--data', 'data')

# 1. the model is checked against the task and the data before any work

def test_a_model_of_another_task_is_refused(ws):
    refused(ws, 'gap_evaluate', *CLS, '--model', WEIGHTS / 'rooms', says=['it looks like a depth model', '(2, K)'])
    refused(ws, 'gap_evaluate', '--task', 'depth', '--data', 'rgbd', '--model', WEIGHTS / 'birds', says=['it looks like a classifier', '(2, 1, H, W)'])
    refused(ws, 'gap_evaluate', *CLS, '--model', 'net.py:images', says=['shape (2, 3, 32, 32)', 'class scores of shape (2, K)'])


def test_too_few_classes_and_labels_out_of_range(ws):
    refused(ws, 'gap_evaluate', *CLS, '--model', 'net.py:two', says=["gives 2 class score(s), but the data's labels go up to 2"])
    (ws / 'data' / 'labels.csv').write_text('file,label\n' + ''.join(f'{i}.png,{[0, 1, 2, 0, 1, 5][i]}\n' for i in range(6)))
    for prog in ('gap_evaluate', 'gap_finetune'):
        refused(ws, prog, *CLS, '--model', 'net.py:build', *(('--out', 'ft') if prog == 'gap_finetune' else ()),
                says=["gives 3 class score(s), but the data's labels go up to 5"])
    (ws / 'data' / 'labels.csv').write_text('file,label\n' + ''.join(f'{i}.png,{[0, 1, 2, 0, 1, -1][i]}\n' for i in range(6)))
    refused(ws, 'gap_finetune', *CLS, '--model', 'net.py:build', '--out', 'ft', says=['line 7 (5.png): label -1 is negative'])


@pytest.mark.parametrize('cell,says', [('', 'line 7 (5.png) has no label'), ('cat', "line 7 (5.png): label 'cat' is not a whole number"),
                                       ('1.0', "line 7 (5.png): label '1.0' is not a whole number")])
def test_bad_label_cells_name_file_and_line(ws, cell, says):
    text = (ws / 'data' / 'labels.csv').read_text().splitlines()
    text[-1] = '5.png' if cell == '' else f'5.png,{cell}'  # a row with the file name only, or a label that is no class index
    (ws / 'data' / 'labels.csv').write_text('\n'.join(text) + '\n')
    refused(ws, 'gap_evaluate', *CLS, '--model', 'net.py:build', says=[says])


def test_depth_without_a_valid_pixel_is_not_a_perfect_score(ws):
    np.save(ws / 'rgbd' / 'depth' / '2.npy', np.zeros((32, 32), np.float32))
    refused(ws, 'gap_evaluate', '--task', 'depth', '--data', 'rgbd', '--model', 'depth_net.py:build',
            says=['depth/2.npy has no valid pixel'])
    np.save(ws / 'rgbd' / 'depth' / '2.npy', np.full((32, 32), 0.5, np.float32))
    r = ok(ws, 'gap_evaluate', '--task', 'depth', '--data', 'rgbd', '--model', 'depth_net.py:build', '--json')
    assert json.loads(r.stdout)['l1'] > 0

# 3. folders have an owner

def test_commands_do_not_write_into_folders_of_other_kinds(ws):
    shipped = ws / 'shipped'; shutil.copytree(WEIGHTS / 'birds', shipped)  # a copy: the shipped folder itself stays untouched either way
    refused(ws, 'gap_generate', '--task', 'birds', '--prompts', 'a photo of a bird', '--n', '1', '--out', 'data',
            says=['--out data holds files gap_nb did not write there', 'pass a new or empty folder'])
    refused(ws, 'gap_finetune', *CLS, '--model', 'net.py:build', '--out', 'data', says=['--out data holds files gap_nb did not write there'])
    refused(ws, 'gap_finetune', '--task', 'birds', '--out', shipped, says=[f'--out {shipped} holds files gap_nb did not write there (config.json'])
    refused(ws, 'gap_generate', '--task', 'birds', '--prompts', 'a bird', '--n', '1', '--out', 'g', '--export', 'data',
            says=['--export data holds files gap_nb did not write there'])


def test_two_finetunes_of_one_folder(ws):
    "A second gap_finetune on the --out a first one is writing is refused, naming the first; the first finishes alone."
    args = [*CLS, '--model', 'net.py:build', '--trust_code', '--out', 'ft', '--steps', '200', '--json']
    first = subprocess.Popen(command('gap_finetune') + args, cwd=ws, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        for _ in range(600):
            if (ws / 'ft' / '.gap_nb.lock').exists() or first.poll() is not None: break
            time.sleep(0.1)
        assert first.poll() is None, 'the first run ended before the second started: give it more steps'
        r = run_command('gap_finetune', *args, cwd=ws)
        assert r.returncode == 2 and f'is being written by process {first.pid}' in r.stderr, r.stderr[-2000:]
    finally: out, _ = first.communicate(timeout=600)
    assert first.returncode == 0 and json.loads(out)['model'] == 'ft'
    ok(ws, 'gap_finetune', *CLS, '--model', 'net.py:build', '--out', 'ft', '--steps', '2')  # its own kind: taken again

# 4. nothing changed behind the user's back

def test_prompts_keep_their_commas(ws):
    test = ['a photo of a lake, at night', 'a bird, in fog']
    assert prompt_items(test) == test
    assert prompt_items('a.safetensors,b.safetensors') == ['a.safetensors', 'b.safetensors']  # a list of prompt files, as before
    (ws / 'prompts.txt').write_text('a photo of a lake, at night\n\na bird, in fog\n')
    assert prompt_items([str(ws / 'prompts.txt')]) == test
    ok(ws, 'gap_generate', '--task', 'birds', '--prompts', 'a photo of a lake, at night', '--n', '1', '--steps', '1', '--out', 'g', '--no_progress')
    assert json.loads((ws / 'g' / MANIFEST).read_text())['spec']['prompts'] == ['a photo of a lake, at night']


def test_too_long_prompts_and_too_many_tokens(ws):
    refused(ws, 'gap_optimize', '--task', 'birds', '--out', 'p.safetensors', '--tokens', '100', '--steps', '1',
            says=['n_tokens=100 (--tokens)', 'at most 75 placeholder tokens reach it'])
    refused(ws, 'gap_generate', '--task', 'birds', '--prompts', 'a photo of a bird ' * 30, '--n', '1', '--out', 'g',
            says=['is 152 tokens: the text encoder reads 77'])


@pytest.mark.parametrize('value', ['inf', 'nan'])
def test_float_options_are_finite_before_any_file(ws, value):
    refused(ws, 'gap_experiment', '--out', 'e', '--lr', value, says=[f'--lr {value}: must be a finite number'])
    refused(ws, 'gap_finetune', '--out', 'ft', '--wd', value, says=[f'--wd {value}: must be a finite number'])


def test_huge_sizes_are_refused(ws):
    refused(ws, 'gap_generate', '--task', 'birds', '--prompts', 'a bird', '--size', '100000x100000', '--out', 'g', says=['at most 4096 pixels a side'])
    refused(ws, 'gap_generate', '--task', 'birds', '--prompts', 'a bird', '--n', str(10**12), '--out', 'g', says=['--n 1000000000000: at most'])

# 5. integrity: a damaged file is named, never resumed from; a good one is never thrown away

def flip(path:Path, n:int=64, seed:int=0):
    raw = bytearray(path.read_bytes())
    head = 8 + int.from_bytes(raw[:8], 'little')
    for i in np.random.default_rng(seed).choice(np.arange(head, len(raw)), n, replace=False): raw[i] ^= 0xFF
    path.write_bytes(bytes(raw))


def test_a_damaged_checkpoint_is_not_resumed_from(ws):
    args = ('--task', 'birds', '--cls', '0', '--out', 'p.safetensors', '--bs', '1', '--memory', 'none', '--no_progress')
    ok(ws, 'gap_optimize', *args, '--steps', '2', '--keep_ckpt')
    flip(ws / 'p.ckpt.safetensors')
    refused(ws, 'gap_optimize', *args, '--steps', '3', '--resume', says=['p.ckpt.safetensors is damaged'])


def test_a_damaged_shard_is_made_again(ws):
    args = ('--task', 'birds', '--cls', '0', '--prompts', 'a photo of a bird', '--n', '2', '--shard_size', '1', '--steps', '1', '--out', 'g', '--no_progress')
    ok(ws, 'gap_generate', *args)
    good = load_dataset(ws / 'g')
    flip(ws / 'g' / 'shard-00000.safetensors', n=16)
    r = ok(ws, 'gap_generate', *args)
    assert 'shard-00000.safetensors' in r.stderr and 'making it again' in r.stderr, r.stderr
    again = load_dataset(ws / 'g')
    assert all(torch.equal(good[k], again[k]) for k in good)


def test_a_full_disk_is_named_and_the_export_resumes(ws):
    "Exporting onto a full device (a real one: /dev/full) fails as a full disk; once there is space the same command finishes."
    args = ('--task', 'birds', '--cls', '0', '--prompts', 'a photo of a bird', '--n', '2', '--steps', '1', '--out', 'g', '--export', 'e', '--no_progress')
    (ws / 'e' / 'images').mkdir(parents=True)
    (ws / 'e' / '.gap_nb_folder.json').write_text(json.dumps({'kind': 'export', 'settings': {'n': 2}}))  # an export that had begun
    os.symlink('/dev/full', ws / 'e' / 'images' / '000001.png')
    r = run_command('gap_generate', *args, cwd=ws)
    assert r.returncode == 2 and 'the disk is full' in r.stderr and 'Traceback' not in r.stderr, r.stderr[-2000:]
    assert not (ws / 'e' / 'labels.csv').exists() and (ws / 'g' / MANIFEST).is_file()  # the generated data is kept
    (ws / 'e' / 'images' / '000001.png').unlink()  # space freed
    ok(ws, 'gap_generate', *args)
    assert (ws / 'e' / 'labels.csv').read_text().count('.png') == 2


def test_a_full_disk_while_writing_shards_is_a_full_disk(ws):
    (ws / 'g').mkdir()
    os.symlink('/dev/full', ws / 'g' / f'shard-00000.safetensors.{os.getpid()}.partial')  # run_command runs in this process
    r = run_command('gap_generate', '--task', 'birds', '--cls', '0', '--prompts', 'a bird', '--n', '1', '--steps', '1', '--out', 'g', '--no_progress', cwd=ws)
    assert r.returncode == 2 and 'the disk is full' in r.stderr and 'damaged' not in r.stderr, r.stderr[-2000:]
    assert not (ws / 'g' / 'shard-00000.safetensors').exists()

# 6. the user's code is the user's

def test_a_model_over_two_files(ws):
    (ws / 'parts.py').write_text(NET)
    (ws / 'model.py').write_text('from parts import build\n')
    ok(ws, 'gap_evaluate', *CLS, '--model', 'model.py:build')


@pytest.mark.parametrize('code,spec,says', [
    ('def build(:\n    pass\n', 'bad.py:build', ['SyntaxError']),
    ('import a_package_nobody_installed\n', 'bad.py:build', ["No module named 'a_package_nobody_installed'"]),
    (None, 'net.py:fails', ['net.py:fails raised RuntimeError: my factory failed']),
    (None, 'net.py:needs', ["net.py:needs needs the argument(s) ['n']", 'give them defaults']),
    (None, 'net.py:as_dict', ['returns a dict, not a tensor']),
])
def test_errors_in_the_users_code_are_theirs(ws, code, spec, says):
    if code: (ws / 'bad.py').write_text(code)
    r = refused(ws, 'gap_evaluate', *CLS, '--model', spec, says=says)
    if spec == 'net.py:fails': assert 'in your code' in r.stderr and "raise RuntimeError('my factory failed')" in r.stderr, r.stderr


def test_model_folders_that_name_code(ws):
    ok(ws, 'gap_finetune', *CLS, '--model', 'net.py:build', '--out', 'ft', '--steps', '2')
    refused(ws, 'gap_evaluate', *CLS, '--model', 'ft', says=[f"names code that loading it runs: {ws / 'net.py'}:build", '--trust_code'])
    ok(ws, 'gap_evaluate', *CLS, '--model', 'ft', '--trust_code')
    meta = json.loads((ws / 'ft' / 'gap_nb_model.json').read_text())
    (ws / 'ft' / 'gap_nb_model.json').write_text(json.dumps({'factory': meta['factory'].replace(':build', ':two')}))
    refused(ws, 'gap_evaluate', *CLS, '--model', 'ft', '--trust_code', says=['do not fit the model', 'other shapes'])
    (ws / 'ft' / 'gap_nb_model.json').write_text('{"factory": ')
    refused(ws, 'gap_evaluate', *CLS, '--model', 'ft', '--trust_code', says=['gap_nb_model.json is not valid JSON'])

# 2. the data is checked once, fully

def test_data_faults(ws):
    Image.new('RGB', (48, 32)).save(ws / 'data' / 'images' / '4.png'); Image.new('L', (48, 32)).save(ws / 'data' / 'masks' / '4.png')
    refused(ws, 'gap_evaluate', *CLS, '--model', 'net.py:build', says=['the images are of 2 sizes', '--size 32x32'])
    ok(ws, 'gap_evaluate', *CLS, '--model', 'net.py:build', '--size', '32x32')
    (ws / 'data' / 'images' / '3.png').write_bytes((ws / 'data' / 'images' / '3.png').read_bytes()[:100])
    refused(ws, 'gap_evaluate', *CLS, '--model', 'net.py:build', '--size', '32x32', says=['images/3.png cannot be read'])
    np.save(ws / 'rgbd' / 'depth' / '1.npy', np.array([{'a': 1}], dtype=object), allow_pickle=True)
    refused(ws, 'gap_evaluate', '--task', 'depth', '--data', 'rgbd', '--model', 'depth_net.py:build', says=['depth/1.npy cannot be read', 'allow_pickle'])


def test_several_faults_in_one_message(ws):
    "A folder with several faults at once names all of them in one message."
    (ws / 'data' / 'labels.csv').write_text('file,label\n0.png,0\n1.png,cat\n2.png,\n2.png,2\n9.png,1\n')
    refused(ws, 'gap_evaluate', *CLS, '--model', 'net.py:build',
            says=['has 4 problems', "label 'cat'", 'line 4 (2.png) has no label', 'line 5 names 2.png again', 'names 9.png, which is not in images/'])

# found by the sweep of results/sweep-36 (plausible mistakes beyond the list)

@pytest.mark.parametrize('prog,args,says', [
    ('gap_generate', ('--task', 'birds', '--prompts', 'a bird', '--out', 'g', '--seed', '-1'), '--seed -1: pass a whole number of at least 0'),
    ('gap_generate', ('--task', 'birds', '--prompts', 'a bird', '--out', 'g', '--export', 'g'), '--export g is --out too'),
    ('gap_finetune', (*CLS, '--model', 'net.py:build', '--out', 'ft', '--epochs', '1', '--steps', '1'), '--epochs 1 and --steps 1: pass one'),
    ('gap_finetune', (*CLS, '--model', 'net.py:build', '--out', 'ft', '--share', '0.5'), 'pass --synthetic or --reference with it'),
    ('gap_finetune', (*CLS, '--model', 'net.py:build', '--out', 'ft', '--balance', 'group'), '--balance group: the real data has no groups'),
    ('gap_evaluate', (*CLS, '--model', 'net.py:build', '--shift', 'snow'), "--shift snow: for a toy task's report only"),
    ('gap_train_task', ('--task', 'birds', '--out', 'data', '--epochs', '1'), '--out data holds files that are not a task model'),
])
def test_more_refusals(ws, prog, args, says): refused(ws, prog, *args, says=[says])


def test_a_resumed_experiment_keeps_its_settings(tmp_path):
    from gap_nb.experiments import record_run
    record_run(tmp_path, 'birds', {'real_n': 1000, 'finetune': {'lr': 1e-3}, 'methods': ['none']})
    record_run(tmp_path, 'birds', {'real_n': 1000, 'finetune': {'lr': 1e-3}, 'methods': ['none', 'gap']})  # more methods: the same experiment
    with pytest.raises(ValueError, match=r"other settings \{'real_n': \(1000, 200\)\}"): record_run(tmp_path, 'birds', {'real_n': 200})
    with pytest.raises(ValueError, match='holds an experiment of the birds task'): record_run(tmp_path, 'rooms', {})


def test_layouts_users_have(ws):
    "Masks named .PNG, a macOS ._ file, 16-bit greys, a test folder without masks: read as the user means them."
    d = ws / 'data'
    for p in sorted((d / 'masks').iterdir()): p.rename(p.with_suffix('.PNG'))
    (d / 'images' / '._0.png').write_bytes(b'\x00\x05\x16\x07 resource fork')
    base = json.loads(ok(ws, 'gap_evaluate', *CLS, '--model', 'net.py:build', '--json').stdout)
    shutil.rmtree(d / 'masks')  # evaluation needs labels only
    assert json.loads(ok(ws, 'gap_evaluate', *CLS, '--model', 'net.py:build', '--json').stdout)['acc'] == base['acc']
    from gap_nb.loop import DatasetFolder
    g8 = np.random.default_rng(1).integers(0, 255, (32, 32), dtype=np.uint8)
    Image.fromarray(g8).save(d / 'images' / '0.png')
    eight = DatasetFolder(d)[0]['image']
    Image.fromarray(g8.astype(np.uint16) * 257).save(d / 'images' / '0.png')  # the same grey in 16 bits
    assert Image.open(d / 'images' / '0.png').mode.startswith('I')
    torch.testing.assert_close(DatasetFolder(d)[0]['image'], eight, atol=1 / 255, rtol=0)


def test_depth_as_n_h_w_is_one_channel():
    "A depth model that returns (n, H, W) is measured as the same model returning (n, 1, H, W), not broadcast against the labels."
    from gap_nb.models import load_task_model
    from gap_nb.worlds import rooms_split
    from gap_nb.loop import evaluate_data
    m, data = load_task_model('rooms'), rooms_split('val', n=4)
    flat = torch.nn.Sequential(m, torch.nn.Flatten(1, 2))
    assert flat(data['image'][:1]).shape == (1, 64, 64)
    assert evaluate_data('rooms', flat, data)['l1'] == evaluate_data('rooms', m, data)['l1']
