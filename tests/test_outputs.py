"The notebooks' stored outputs are what a reader should see: no progress bars, warnings, ANSI codes, local paths, dead widgets, oversized images; under 8 MB together."
from pathlib import Path

from gap_nb.core import run_command

ROOT = Path(__file__).resolve().parents[1]


def test_stored_outputs_are_clean():
    out = run_command('gap_check_outputs', cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == 'The stored outputs of every notebook are clean.'


def test_check_fails_on_a_dirty_notebook(tmp_path):
    (tmp_path / 'settings.ini').write_text('[DEFAULT]\nnbs_path = nbs\nreadme_nb = index.ipynb\n')
    (tmp_path / 'nbs').mkdir()
    bar = 'Loading weights: 100%|##########| 36/36 [00:00<00:00, 9.1it/s]\n'
    cell = {'cell_type': 'code', 'source': 'x', 'metadata': {}, 'outputs': [{'output_type': 'stream', 'name': 'stderr', 'text': bar}]}
    (tmp_path / 'nbs' / 'a.ipynb').write_text(__import__('json').dumps({'cells': [cell]}))
    out = run_command('gap_check_outputs', '--path', tmp_path)
    assert out.returncode == 1 and "nbs/a.ipynb cell 0: a progress bar or warning: 'Loading weights" in out.stderr, out.stderr
    fixed = run_command('gap_check_outputs', '--path', tmp_path, '--fix')
    assert fixed.returncode == 0, fixed.stderr
