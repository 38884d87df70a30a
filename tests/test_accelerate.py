"""`gap_generate` and `gap_experiment` on two processes, as a user launches them: `accelerate launch` starting two
ranks that share one dataset folder, or one experiment. The merged folder must be the one a single process writes:
for a dataset file for file and byte for byte (`manifest.json` included), for an experiment the same table row for
row. A launch whose rank is killed midway must finish when launched again; while a launch writes a folder, a single
process and a second launch into it must be refused at once (the other way round, and the same rules with shares given
by hand, are tested in 07_closed_loop and 07a_experiments).

`accelerate launch --cpu` starts a single process (its CPU ranks need MPI), so the launches here use its torchrun
launcher (`--multi_gpu`) with no GPU visible: gap_nb then runs the ranks on the CPU. Every option is on the command
line, so accelerate reads no configuration file and asks nothing."""
import json, os, signal, subprocess, sys, time
from pathlib import Path

import pytest

from gap_nb.core import command, run_command

pytestmark = pytest.mark.skipif(not hasattr(os, 'fork'), reason='torchrun and the folder locks need a POSIX system')

ENV = os.environ | {'HF_HUB_OFFLINE': '1', 'TRANSFORMERS_OFFLINE': '1', 'CUDA_VISIBLE_DEVICES': '', 'OMP_NUM_THREADS': '1'}
GEN = ('--task', 'birds', '--cls', '1', '--prompts', 'a photo of a bird on grass', '--shard_size', '1', '--steps', '3', '--no_progress')
N = ('--n', '8')  # four shards per rank: a rank seen to finish its first is caught midway
ENDLESS = ('--n', '2000')  # still running when the second writer comes


def launch(*args, name='gap_generate', options=GEN) -> list[str]:
    "`accelerate launch` of an installed gap_nb script (a script path, as accelerate takes it) on two ranks."
    script = Path(sys.executable).parent / name
    assert script.is_file(), f'no {script}: run `pip install -e .` in the project'
    return [sys.executable, '-m', 'accelerate.commands.launch', '--multi_gpu', '--num_processes', '2', '--num_machines', '1',
            '--mixed_precision', 'no', '--dynamo_backend', 'no', '--main_process_port', '0', '--num_cpu_threads_per_process', '1',
            str(script), *options, *map(str, args)]


def single(*args) -> list[str]: return command('gap_generate') + list(GEN) + [str(a) for a in args]
def run(cmd, cwd) -> subprocess.CompletedProcess: return subprocess.run(cmd, capture_output=True, text=True, timeout=600, env=ENV, cwd=cwd)
def start(cmd, cwd) -> subprocess.Popen:
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV, cwd=cwd)
def files(folder) -> dict: return {p.name: p.read_bytes() for p in sorted(Path(folder).iterdir())}


def listed(part:Path) -> int:
    "How many shards a rank's part of the manifest lists now (0 while it is not there)."
    try: return len(json.loads(part.read_text())['shards'])
    except (FileNotFoundError, ValueError): return 0


def wait_for(ready, p:subprocess.Popen, limit:float=300):
    t = time.time()
    while not ready() and p.poll() is None and time.time() - t < limit: time.sleep(0.05)
    assert ready(), f'gave up waiting (exit {p.poll()}): {p.stderr.read()[-3000:] if p.poll() is not None else ""}'


def stop(p:subprocess.Popen):
    "Stop a launch: on SIGTERM the launcher (torchrun's agent) stops its ranks, then itself."
    p.terminate()
    p.communicate(timeout=120)


@pytest.fixture(scope='module')
def one_process(tmp_path_factory) -> dict:
    "The files of the folder a single gap_generate writes."
    d = tmp_path_factory.mktemp('one-process')
    r = run(single(*N, '--out', d / 'data'), d)
    assert r.returncode == 0, r.stderr[-3000:]
    return files(d / 'data')


def test_two_processes_write_the_one_process_folder(one_process, tmp_path):
    r = run(launch(*N, '--out', tmp_path / 'two'), tmp_path)
    assert r.returncode == 0, r.stderr[-3000:]
    assert files(tmp_path / 'two') == one_process  # the shards and manifest.json, byte for byte, and nothing else (no part, no lock)
    assert r.stdout.count('wrote 8 images') == 1, r.stdout  # the main process reports, once


def test_a_killed_rank_resumes(one_process, tmp_path):
    out = tmp_path / 'two'
    p = start(launch(*N, '--out', out), tmp_path)
    part = out / 'manifest.rank1-of-2.json'
    wait_for(lambda: listed(part) >= 1, p)
    os.kill(json.loads((out / '.gap_nb.rank1.lock').read_text())['pid'], signal.SIGKILL)  # rank 1, and only it
    p.communicate(timeout=120)
    assert p.returncode != 0  # the launcher stops the other rank and fails
    assert 1 <= listed(part) < 4 and not (out / 'manifest.json').exists()
    r = run_command('gap_generate', *GEN, *N, '--out', out, cwd=tmp_path)  # one process may not mix in (this one: a refusal needs no interpreter of its own)
    assert r.returncode == 2 and 're-run the same `accelerate launch` to finish it' in r.stderr, r.stderr[-2000:]
    r = run(launch(*N, '--out', out), tmp_path)  # the same launch finishes it
    assert r.returncode == 0, r.stderr[-3000:]
    assert files(out) == one_process


def test_a_second_writer_is_refused(tmp_path):
    out = tmp_path / 'two'
    p, ranks = start(launch(*ENDLESS, '--out', out), tmp_path), []
    try:
        wait_for(lambda: listed(out / 'manifest.rank0-of-2.json') and listed(out / 'manifest.rank1-of-2.json'), p)
        ranks = [json.loads((out / f'.gap_nb.rank{r}.lock').read_text())['pid'] for r in (0, 1)]
        for pid in ranks: os.kill(pid, signal.SIGSTOP)  # paused, the ranks still hold their locks, and leave the CPU to the others
        r = run_command('gap_generate', *GEN, *ENDLESS, '--out', out, cwd=tmp_path)  # a single process (this one)
        assert r.returncode == 2 and 'is being written by a multi-process run' in r.stderr, r.stderr[-2000:]
        r = run(launch(*ENDLESS, '--out', out), tmp_path)
        assert r.returncode != 0 and 'of the dataset folder' in r.stderr and 'is being written by process' in r.stderr, r.stderr[-2000:]
    finally:
        for pid in ranks: os.kill(pid, signal.SIGCONT)
        stop(p)


# A tiny birds experiment: six runs (three seeds × no extra data / written-prompt data), so each rank makes three.
EXP = ('--task', 'birds', '--methods', 'none,agnostic', '--sizes', '2', '--seeds', '0,1,2', '--real_n', '32', '--eval_n', '16', '--epochs', '1')
def launch_experiment(*args) -> list[str]: return launch(*args, name='gap_experiment', options=EXP)
def single_experiment(*args) -> list[str]: return command('gap_experiment') + list(EXP) + [str(a) for a in args]
def table(folder) -> tuple: return json.loads((folder / 'results.json').read_text()), (folder / 'results.csv').read_bytes()


@pytest.fixture(scope='module')
def one_process_experiment(tmp_path_factory) -> tuple:
    "The table a single gap_experiment writes, and the datasets it leaves."
    d = tmp_path_factory.mktemp('one-process-experiment')
    r = run(single_experiment('--out', d / 'exp'), d)
    assert r.returncode == 0, r.stderr[-3000:]
    return table(d / 'exp'), sorted(p.name for p in (d / 'exp' / 'data').iterdir())


def test_two_processes_make_the_one_process_table(one_process_experiment, tmp_path):
    out = tmp_path / 'exp'
    r = run(launch_experiment('--out', out), tmp_path)
    assert r.returncode == 0, r.stderr[-3000:]
    rows, data = one_process_experiment
    assert table(out) == rows  # every row, in one process's order, to the last digit; results.csv byte for byte
    assert sorted(p.name for p in (out / 'data').iterdir()) == data and not (out / 'parts').exists()
    assert r.stdout.count(f'{out}: 6 rows') == 1, r.stdout  # the main process reports, once


def test_a_killed_experiment_rank_resumes(one_process_experiment, tmp_path):
    out = tmp_path / 'exp'
    p = start(launch_experiment('--out', out), tmp_path)
    share = out / 'parts' / 'rank1-of-2' / 'results.json'
    wait_for(lambda: share.is_file() and len(json.loads(share.read_text())) >= 1, p)
    os.kill(json.loads((out / '.gap_nb.rank1.lock').read_text())['pid'], signal.SIGKILL)  # rank 1, and only it
    p.communicate(timeout=120)
    assert p.returncode != 0 and not (out / 'results.json').exists()
    assert 1 <= len(json.loads(share.read_text())) < 3
    r = run_command('gap_experiment', *EXP, '--out', out, cwd=tmp_path)  # one process may not mix in (this one)
    assert r.returncode == 2 and 'holds the shares of an unfinished shared run' in r.stderr, r.stderr[-2000:]
    r = run(launch_experiment('--out', out), tmp_path)  # the same launch finishes it
    assert r.returncode == 0, r.stderr[-3000:]
    assert table(out) == one_process_experiment[0]
