"""The commands as a user runs them, fed bad input: every case must end in one line `prog: error: …` that names the
value (or the path) and says what to do, with exit status 2 and no traceback, before any model is loaded or any
image is made. The table is the one of issue 16 (a truncated or foreign file, an existing file where a folder is
expected, a non-image in a target folder, an unknown task, an empty generator folder, a CLIP that cannot be loaded
offline, NaN prompts, counts of zero, strengths out of range, option combinations that mean nothing, resumes with
nothing to resume).

Each case runs the command's own function in this process (`gap_nb.core.run_command`: the script's parser, its error
boundary, its exit status and output), so the table costs one import of torch, not one per case. The first case of
each command also runs as a real subprocess of the installed script, and must end the same way: that keeps the entry
points covered and shows that the in-process run is the script's run. Kill/resume and two-writer tests need real
processes and use the smallest sizes that still show their property."""
import os, subprocess, sys
from pathlib import Path

import pytest, torch
from PIL import Image
from safetensors.torch import save_file

from gap_nb.core import command, run_command

HIDDEN = 64  # the shipped toy text encoder's width


@pytest.fixture(scope='module')
def files(tmp_path_factory) -> dict:
    "The bad (and a few good) inputs the cases refer to, by name."
    d = tmp_path_factory.mktemp('inputs')
    save_file({'<p>': torch.randn(5, HIDDEN)}, d / 'good.safetensors', metadata={'sep': ' '})
    save_file({'<p>': torch.full((5, HIDDEN), float('nan'))}, d / 'nan.safetensors')
    good = (d / 'good.safetensors').read_bytes()
    (d / 'trunc.safetensors').write_bytes(good[:len(good) // 2])
    (d / 'text.safetensors').write_text('these are not tensors\n')
    (d / 'afile').write_text('a plain file\n')
    (d / 'badimgs').mkdir(); (d / 'badimgs' / 'one.png').write_text('not a picture\n')
    (d / 'noimgs').mkdir(); (d / 'noimgs' / 'notes.txt').write_text('no images here\n')
    (d / 'emptydir').mkdir()
    (d / 'goodimgs').mkdir(); Image.new('RGB', (32, 32), (90, 90, 200)).save(d / 'goodimgs' / 'blue.png')
    (d / 'ckpt').mkdir(); (d / 'ckpt' / 'p.ckpt.safetensors').write_bytes(good[:40])
    return {k: str(v) for k, v in [('dir', d)] + [(p.name.replace('.', '_'), p) for p in d.iterdir()]}


def case(prog, *args, msg): return pytest.param(prog, args, msg, id=f"{prog} {' '.join(args)}"[:80])

CASES = [
    # gap_optimize: counts, options, files
    case('gap_optimize', '--out', '{dir}/p.safetensors', '--tokens', '0', msg='--tokens 0'),
    case('gap_optimize', '--out', '{dir}/p.safetensors', '--steps', '0', msg='--steps 0'),
    case('gap_optimize', '--out', '{dir}/p.safetensors', '--bs', '0', msg='--bs 0'),
    case('gap_optimize', '--out', '{dir}/p.safetensors', '--every', '0', msg='--every 0'),
    case('gap_optimize', '--out', '{dir}/p.safetensors', '--method', 'xyz', msg="--method 'xyz'"),
    case('gap_optimize', '--out', '{dir}/p.safetensors', '--task', 'foo', msg="unknown task 'foo'"),
    case('gap_optimize', '--out', '{dir}/p.safetensors', '--size', '0x64', msg="--size '0x64'"),
    case('gap_optimize', '--out', '{dir}/p.safetensors', '--dtype', 'fp8', msg="--dtype 'fp8'"),
    case('gap_optimize', '--out', '{dir}/p.safetensors', '--cls', '7', msg='class 7 does not exist'),
    case('gap_optimize', '--out', '{dir}/p.safetensors', '--resume', msg='--resume: there is no checkpoint'),
    case('gap_optimize', '--out', '{dir}/p.txt', msg='must end in .safetensors'),
    case('gap_optimize', '--out', '{afile}/p.safetensors', msg='is a file, not a folder'),
    case('gap_optimize', '--out', '{ckpt}/p.safetensors', msg='unfinished run'),
    case('gap_optimize', '--out', '{ckpt}/p.safetensors', '--resume', msg='not a complete safetensors file'),
    case('gap_optimize', '--out', '{dir}/p.safetensors', '--method', 'gap', msg='needs a target'),
    case('gap_optimize', '--out', '{dir}/p.safetensors', '--method', 'ap', '--target_text', 'fog', msg='uses no target'),
    case('gap_optimize', '--out', '{dir}/p.safetensors', '--method', 'gp', '--target_images', '{badimgs}', msg='not an image'),
    case('gap_optimize', '--out', '{dir}/p.safetensors', '--method', 'gp', '--target_images', '{noimgs}', msg='holds no images'),
    case('gap_optimize', '--out', '{dir}/p.safetensors', '--method', 'gp', '--target_images', '{dir}/nope', msg='no folder'),
    case('gap_optimize', '--out', '{dir}/p.safetensors', '--method', 'gp', '--target_images', '{afile}', msg='is a file'),
    case('gap_optimize', '--out', '{dir}/p.safetensors', '--method', 'gp', '--target_images', '{goodimgs}', '--clip', 'ViT-B-32',
         msg='--clip'),
    case('gap_optimize', '--out', '{dir}/p.safetensors', '--generator', '{emptydir}', msg='not a Stable Diffusion folder'),
    case('gap_optimize', '--out', '{dir}/p.safetensors', '--data', '{emptydir}', msg='has no images/ folder'),
    case('gap_optimize', '--out', '{dir}/p.safetensors', '--model', '{emptydir}', msg='holds no model'),
    case('gap_optimize', '--out', '{dir}/p.safetensors', '--keep_steps', '2', msg='--keep_steps 2'),
    case('gap_optimize', '--out', '{dir}/p.safetensors', '--memory', 'steps', '--keep_steps', '0', msg='--keep_steps 0'),
    # gap_generate
    case('gap_generate', '--prompts', 'a bird', '--out', '{dir}/g', '--strength', '1.5', msg='--strength 1.5'),
    case('gap_generate', '--prompts', 'a bird', '--out', '{dir}/g', '--strength', '0', msg='--strength 0'),
    case('gap_generate', '--prompts', 'a bird', '--out', '{dir}/g', '--strength', '-0.5', msg='--strength -0.5'),
    case('gap_generate', '--prompts', ',', '--out', '{dir}/g', msg='names no prompt'),
    case('gap_generate', '--prompts', 'a bird', '--out', '{dir}/g', '--n', '0', msg='--n 0'),
    case('gap_generate', '--prompts', 'a bird', '--out', '{dir}/g', '--steps', '0', msg='--steps 0'),
    case('gap_generate', '--prompts', 'a bird', '--out', '{dir}/g', '--shard_size', '0', msg='--shard_size 0'),
    case('gap_generate', '--prompts', 'a bird', '--out', '{dir}/g', '--batch', '0', msg='--batch 0'),
    case('gap_generate', '--prompts', 'a bird', '--out', '{dir}/g', '--batch', 'lots', msg="--batch 'lots'"),
    case('gap_generate', '--prompts', '{trunc_safetensors}', '--out', '{dir}/g', msg='not a complete safetensors file'),
    case('gap_generate', '--prompts', '{text_safetensors}', '--out', '{dir}/g', msg='not a complete safetensors file'),
    case('gap_generate', '--prompts', '{nan_safetensors}', '--out', '{dir}/g', msg='not finite'),
    case('gap_generate', '--prompts', '{dir}/missing.safetensors', '--out', '{dir}/g', msg='no prompt file'),
    case('gap_generate', '--prompts', 'a bird', '--out', '{afile}', msg='is a file'),
    case('gap_generate', '--prompts', 'a bird', '--out', '{afile}/g', msg='is a file, not a folder'),
    case('gap_generate', '--prompts', 'a bird', '--out', '{dir}/g', '--generator', '{emptydir}', msg='not a Stable Diffusion folder'),
    case('gap_generate', '--prompts', 'a bird', '--out', '{dir}/g', '--export', '{afile}', msg='is a file'),
    # gap_finetune / gap_evaluate
    case('gap_finetune', '--task', 'foo', '--out', '{dir}/m', msg="unknown task 'foo'"),
    case('gap_finetune', '--task', 'rooms', '--augment', 'cutmix', '--out', '{dir}/m', msg='--augment cutmix'),
    case('gap_finetune', '--augment', 'mixup', '--out', '{dir}/m', msg="--augment 'mixup'"),
    case('gap_finetune', '--epochs', '0', '--out', '{dir}/m', msg='--epochs 0'),
    case('gap_finetune', '--out', '{afile}', msg='is a file'),
    case('gap_finetune', '--synthetic', '{dir}/nope', '--out', '{dir}/m', msg='no folder'),
    case('gap_finetune', '--synthetic', '{emptydir}', '--out', '{dir}/m', msg='has no images/ folder'),
    case('gap_evaluate', '--task', 'foo', msg="unknown task 'foo'"),
    case('gap_evaluate', '--model', '{dir}/nope', msg='--model'),
    case('gap_evaluate', '--task', 'classification', '--data', '{dir}/nope', msg='no folder'),
    case('gap_evaluate', '--shift', 'rain', msg="unknown shift 'rain'"),
    # the toy trainers and checks
    case('gap_train_task', '--task', 'foo', '--out', '{dir}/t', msg="'foo'"),
    case('gap_train_task', '--task', 'birds', '--out', '{afile}', msg='is a file'),
    case('gap_train_task', '--task', 'birds', '--out', '{dir}/t', '--epochs', '0', msg='--epochs 0'),
    case('gap_train_task', '--task', 'birds', '--out', '{dir}/t', '--n', '0', msg='--n 0'),
    case('gap_train_toy', '--out', '{afile}', msg='is a file'),
    case('gap_train_clip', '--out', '{afile}', msg='is a file'),
    case('gap_check_models', '--n', '0', msg='--n 0'),
    # the studies and the benchmark
    case('gap_experiment', '--out', '{dir}/e', '--prompt_steps', '0', msg='--prompt_steps 0'),
    case('gap_experiment', '--out', '{dir}/e', '--seeds', 'a,b', msg="--seeds 'a,b'"),
    case('gap_experiment', '--out', '{dir}/e', '--sizes', '0', msg='--sizes'),
    case('gap_experiment', '--out', '{dir}/e', '--methods', 'bogus', msg="'bogus'"),
    case('gap_experiment', '--out', '{afile}', msg='is a file'),
    case('gap_experiment', '--task', 'foo', '--out', '{dir}/e', msg="'foo'"),
    case('gap_demo', '--out', '{dir}/d', '--steps', '0', msg='--steps 0'),
    case('gap_demo', '--out', '{dir}/d', '--n', '0', msg='--n 0'),
    case('gap_demo', '--out', '{afile}', msg='is a file'),
    case('gap_benchmark', '--device', 'tpu', msg="'tpu' is not a device name"),
    case('gap_benchmark', '--bs', '0', msg='--bs 0'),
    case('gap_benchmark', '--probe', '64', msg='--probe 64: it sizes --estimate'),
    case('gap_readme', '--check', '--path', '{emptydir}', msg='not inside a gap_nb project'),
]


def run(prog, *args, timeout=600, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(command(prog) + [str(a) for a in args], capture_output=True, text=True, timeout=timeout,
                          env=os.environ | {'HF_HUB_OFFLINE': '1', 'TRANSFORMERS_OFFLINE': '1'}, **kw)


def refused(prog, args, msg, files, r):
    "The checks every refusal must pass: exit 2, no traceback, one last line `prog: error: …` naming `msg`."
    assert r.returncode == 2, f"exit {r.returncode}\n{r.stderr[-3000:]}"
    assert 'Traceback' not in r.stderr, r.stderr[-3000:]
    lines = [l for l in r.stderr.splitlines() if l.strip()]
    assert lines and lines[-1].startswith(f'{prog}: error: '), r.stderr[-3000:]
    assert msg.format(**files) in lines[-1], f"expected {msg!r} in {lines[-1]!r}"
    return lines[-1]


@pytest.mark.parametrize('prog,args,msg', CASES)
def test_bad_input_is_refused(files, prog, args, msg, tmp_path):
    args = [a.format(**files) for a in args]
    before = set(Path(files['dir']).rglob('*'))
    refused(prog, args, msg, files, run_command(prog, *args, cwd=tmp_path))
    assert set(Path(files['dir']).rglob('*')) == before, "a refused command left files behind"
    assert not list(tmp_path.iterdir()), "a refused command left files in its working folder"


FIRST = {p.values[0]: p for p in reversed(CASES)}  # the first case of each command

@pytest.mark.parametrize('prog,args,msg', FIRST.values())
def test_script_refuses_as_in_process(files, prog, args, msg, tmp_path):
    "The installed script, in a real process, ends exactly as its in-process run: same status, same last line."
    args = [a.format(**files) for a in args]
    script = refused(prog, args, msg, files, run(prog, *args, cwd=tmp_path))
    assert script == refused(prog, args, msg, files, run_command(prog, *args, cwd=tmp_path))


# Kill -9 and resume; two writers; resumes that check. Real runs on the shipped toy models, kept small (seconds each). The
# run that is killed or paused is a real process; the runs around it (the reference, the resume, the refusals) run in
# this one through run_command, which is the script's code without the interpreter's start-up.
import random, signal, time
from safetensors.torch import load_file


def _popen(prog, *args, cwd):
    return subprocess.Popen(command(prog) + [str(a) for a in args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=os.environ | {'HF_HUB_OFFLINE': '1', 'TRANSFORMERS_OFFLINE': '1'})


def _kill_when(p, ready, delay:float, limit:float=300):
    "SIGKILL `p` `delay` seconds after `ready()` first holds (or when it has ended by itself)."
    t = time.time()
    while not ready() and p.poll() is None and time.time() - t < limit: time.sleep(0.05)
    time.sleep(delay)
    if p.poll() is None: p.send_signal(signal.SIGKILL)
    p.wait()
    return p.returncode


OPT = ('--task', 'birds', '--method', 'ap', '--cls', '0', '--steps', '8', '--bs', '2', '--every', '1', '--no_progress')


def test_optimize_killed_then_resumed_equals_uninterrupted(tmp_path):
    ref = tmp_path / 'ref.safetensors'
    r = run_command('gap_optimize', *OPT, '--out', ref, cwd=tmp_path)
    assert r.returncode == 0, r.stderr[-3000:]
    assert not (tmp_path / 'ref.ckpt.safetensors').exists()  # a finished run cleans its checkpoint up
    rng = random.Random(16)
    for trial in range(2):
        out = tmp_path / f'run{trial}.safetensors'
        ckpt = tmp_path / f'run{trial}.ckpt.safetensors'
        code = _kill_when(_popen('gap_optimize', *OPT, '--out', out, cwd=tmp_path), ckpt.exists, rng.uniform(0, 1.5))
        if code == -signal.SIGKILL:
            assert not out.exists() and ckpt.exists()
            again = run_command('gap_optimize', *OPT, '--out', out, cwd=tmp_path)  # without --resume: refused, the checkpoint is named
            assert again.returncode == 2 and 'pass --resume' in again.stderr, again.stderr
            r = run_command('gap_optimize', *OPT, '--out', out, '--resume', cwd=tmp_path)  # the resume in this process: the killed one was real
            assert r.returncode == 0, r.stderr[-3000:]
        got, want = load_file(out), load_file(ref)
        assert list(got) == list(want) and all(torch.equal(got[k], want[k]) for k in want), f'trial {trial} (exit {code})'
        assert not ckpt.exists() and not list(tmp_path.glob('*.partial')) and not list(tmp_path.glob('*.lock'))


def test_resume_with_other_settings_is_refused(tmp_path):
    out, ckpt = tmp_path / 'p.safetensors', tmp_path / 'p.ckpt.safetensors'
    assert _kill_when(_popen('gap_optimize', *OPT, '--out', out, cwd=tmp_path), ckpt.exists, 0) == -signal.SIGKILL
    for change, named in ((('--bs', '3'), "'bs': (2, 3)"), (('--cls', '1'), "'labels'"), (('--method', 'gap', '--target_text', 'a lake'), "'target_text': (None, "),
                          (('--task', 'rooms', '--cls', None), "'task': ('birds', 'rooms')"), (('--steps', '0'), '--steps 0')):
        args = list(OPT)
        for k, v in zip(change[::2], change[1::2]):
            i = args.index(k) if k in args else None
            if i is None: args += [k, v]
            elif v is None: del args[i:i + 2]
            else: args[i + 1] = v
        r = run_command('gap_optimize', *args, '--out', out, '--resume', cwd=tmp_path)
        assert r.returncode == 2 and named in r.stderr, (change, r.stderr[-2000:])
    r = run_command('gap_optimize', *OPT, '--out', out, '--resume', '--keep_ckpt', cwd=tmp_path)  # the same settings resume it
    assert r.returncode == 0 and ckpt.exists(), r.stderr[-2000:]


GEN = ('--task', 'birds', '--cls', '1', '--prompts', 'a photo of a bird on grass', '--n', '12', '--shard_size', '2', '--steps', '3', '--no_progress')


def _shards(folder) -> dict:
    return {p.name: load_file(p) for p in sorted(Path(folder).glob('shard-*.safetensors'))}


def test_generate_killed_then_resumed_equals_uninterrupted(tmp_path):
    r = run_command('gap_generate', *GEN, '--out', tmp_path / 'ref', cwd=tmp_path)
    assert r.returncode == 0, r.stderr[-3000:]
    ref = _shards(tmp_path / 'ref')
    assert len(ref) == 6
    rng = random.Random(18)
    for trial in range(2):
        out = tmp_path / f'run{trial}'
        code = _kill_when(_popen('gap_generate', *GEN, '--out', out, cwd=tmp_path), lambda: (out / 'manifest.json').exists(), rng.uniform(0, 1))
        r = run_command('gap_generate', *GEN, '--out', out, cwd=tmp_path)  # the same command resumes (here in this process)
        assert r.returncode == 0, (code, r.stderr[-3000:])
        got = _shards(out)
        assert list(got) == list(ref)
        for name in ref: assert all(torch.equal(got[name][k], ref[name][k]) for k in ref[name]), name
        assert not list(out.glob('*.partial')) and not (out / '.gap_nb.lock').exists()
    r = run_command('gap_generate', *[a if a != '3' else '4' for a in GEN], '--out', tmp_path / 'ref', cwd=tmp_path)
    assert r.returncode == 2 and "other settings {'steps': (3, 4)}" in r.stderr, r.stderr[-2000:]


def test_two_writers_of_one_folder(tmp_path):
    out = tmp_path / 'data'
    first = _popen('gap_generate', *GEN, '--out', out, cwd=tmp_path)
    t = time.time()
    while not (out / '.gap_nb.lock').exists() and first.poll() is None and time.time() - t < 300: time.sleep(0.05)
    first.send_signal(signal.SIGSTOP)  # paused, it still holds the lock: the second writer comes while it is writing
    try:
        second = run_command('gap_generate', *GEN, '--out', out, cwd=tmp_path)  # this process: another writer
        assert second.returncode == 2 and f'is being written by process {first.pid}' in second.stderr, second.stderr[-2000:]
    finally: first.send_signal(signal.SIGCONT)
    assert first.wait() == 0, first.stderr.read()[-2000:]
    assert len(_shards(out)) == 6
    third = run_command('gap_generate', *GEN, '--out', out, cwd=tmp_path)  # once the first is done the folder is free (and complete)
    assert third.returncode == 0, third.stderr[-2000:]


def test_benchmark_estimate(tmp_path):
    "`gap_benchmark --estimate` counts each row at full size without measuring; its record and table say so."
    import json
    out = tmp_path / 'est.json'
    r = run_command('gap_benchmark', '--estimate', '--arch', 'sd15-tiny', '--size', '128', '--bs', '2', '--steps', '2', '--dtypes', 'float32',
                    '--settings', 'whole,steps', '--no_progress', '--out', out, cwd=tmp_path)
    assert r.returncode == 0, r.stderr[-3000:]
    assert '| whole | float32 |' in r.stdout and 'fits 16 GiB' in r.stdout, r.stdout
    rec = json.loads(out.read_text())
    assert rec['size'] == [128, 128] and rec['probe'] == [64, 64] and rec['command'].startswith('gap_benchmark --estimate')
    whole, steps = (row['peak_above_bytes'] for row in rec['rows'])
    assert whole > steps > 0 and all(row['peak_incl_bytes'] == row['peak_above_bytes'] + rec['weights_bytes'] for row in rec['rows'])
    w, s = (row['flops'] for row in rec['rows'])
    assert s > w > 0, (w, s)  # rebuilding each DDIM step in the backward pass costs work: the memory's price
    assert 'TFLOP/step' in r.stdout, r.stdout


# The data report of gap_generate (issue 35): the birds study's GAP prompt for landbirds, judged by the toy CLIP on water
# backgrounds against land ones, with the shipped classifier.
GAP_PROMPT = Path(__file__).resolve().parents[1] / 'results' / 'birds' / 'prompts' / 'gap-c0-s0.safetensors'
WATER = ('a photo of a bird on a lake', 'a photo of a bird at sea', 'a photo of a bird on a river')
LAND = ('a photo of a bird on grass', 'a photo of a bird in a forest', 'a photo of a bird in the desert')
REPORT = ('--task', 'birds', '--cls', '0', '--prompts', str(GAP_PROMPT), '--n', '6', '--shard_size', '4', '--steps', '4', '--json',
          '--report_target', *WATER, '--report_other', *LAND)


def test_generate_reports_the_data(tmp_path):
    "--report_target/--report_other: the report is in manifest.json, the --json output holds it, a re-run keeps it current."
    import json
    from gap_nb.clip import ClipEncoder
    from gap_nb.experiments import load_model
    from gap_nb.guided import data_report
    from gap_nb.loop import load_dataset
    from gap_nb.tasks import BIRDS
    out = tmp_path / 'gap'
    r = run_command('gap_generate', *REPORT, '--out', out, cwd=tmp_path)
    assert r.returncode == 0, r.stderr[-3000:]
    printed = json.loads(r.stdout.strip().splitlines()[-1])
    rep = json.loads((out / 'manifest.json').read_text())['report']
    assert printed['report'] == rep and printed['out'] == str(out)
    assert rep['n'] == 6 and rep['targets'] == list(WATER) and list(rep['placed']) == [*WATER, *LAND] and 'fooled' in rep
    assert abs(sum(rep['placed'].values()) - 1) < 1e-6 and abs(rep['on_target'] - sum(rep['placed'][t] for t in WATER)) < 1e-6
    assert rep['on_target'] >= 0.5 and rep['fooled'] >= 0.5, rep  # the prompt was learnt to put landbirds on water (1.0 and 1.0 measured)
    # made a shard at a time (4 + 2 images): the same as the report of the whole folder at once
    whole = data_report(BIRDS, load_dataset(out), WATER, LAND, clip=ClipEncoder.from_pretrained(device='cpu'), model=load_model(None, BIRDS))
    assert all(abs(whole[k] - rep[k]) < 1e-6 for k in ('on_target', 'fooled')), (whole, rep)
    assert all(abs(whole['placed'][t] - rep['placed'][t]) < 1e-6 for t in whole['placed'])
    # the same command on the finished folder makes no image and reports again; without --report_target the report stays
    again = run_command('gap_generate', *REPORT, '--out', out, cwd=tmp_path)
    assert again.returncode == 0 and json.loads(again.stdout.strip().splitlines()[-1])['report'] == rep, again.stderr[-3000:]
    plain = run_command('gap_generate', *REPORT[:REPORT.index('--report_target')], '--out', out, cwd=tmp_path)
    assert plain.returncode == 0 and 'report' not in json.loads(plain.stdout.strip().splitlines()[-1]), plain.stderr[-3000:]
    assert json.loads((out / 'manifest.json').read_text())['report'] == rep
    words = run_command('gap_generate', *[a for a in REPORT if a != '--json'], '--out', out, cwd=tmp_path)
    assert words.returncode == 0 and f"on target {rep['on_target']:.0%} of 6 images" in words.stdout, words.stdout
    assert f"the model gets {rep['fooled']:.0%} of them wrong" in words.stdout, words.stdout


@pytest.mark.parametrize('args,msg', [
    (('--report_other', LAND[0]), '--report_other names what else the data could show: pass --report_target'),
    (('--report_target', WATER[0]), 'add what else the data could show'),
    (('--report_target', WATER[0], '--report_other', WATER[0]), f"{WATER[0]!r} is given twice"),
    (('--clip', 'ViT-B-32'), '--clip ViT-B-32: the CLIP judges the data report'),
    (('--report_target', WATER[0], '--report_other', LAND[0], '--clip', 'ViT-B-32'), '--clip ViT-B-32 without --clip_pretrained'),
])
def test_generate_report_refusals(args, msg, tmp_path):
    "Report options that mean nothing are refused before anything is loaded or written."
    r = run_command('gap_generate', '--prompts', 'a photo of a bird', '--out', tmp_path / 'g', '--n', '2', *args, cwd=tmp_path)
    refused('gap_generate', args, msg, {}, r)
    assert not list(tmp_path.iterdir()), "a refused command left files behind"
