"The notebooks' stored outputs are what a reader should see: no progress bars, warnings, ANSI codes, local paths, dead widgets, oversized images; under 8 MB together."
import subprocess
from pathlib import Path

from gap_nb.core import command

ROOT = Path(__file__).resolve().parents[1]


def test_stored_outputs_are_clean():
    out = subprocess.run(command('gap_check_outputs'), cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == 'The stored outputs of every notebook are clean.'


def test_check_fails_on_a_dirty_notebook(tmp_path):
    (tmp_path / 'settings.ini').write_text('[DEFAULT]\nnbs_path = nbs\nreadme_nb = index.ipynb\n')
    (tmp_path / 'nbs').mkdir()
    bar = 'Loading weights: 100%|##########| 36/36 [00:00<00:00, 9.1it/s]\n'
    cell = {'cell_type': 'code', 'source': 'x', 'metadata': {}, 'outputs': [{'output_type': 'stream', 'name': 'stderr', 'text': bar}]}
    (tmp_path / 'nbs' / 'a.ipynb').write_text(__import__('json').dumps({'cells': [cell]}))
    out = subprocess.run(command('gap_check_outputs') + ['--path', str(tmp_path)], capture_output=True, text=True)
    assert out.returncode == 1 and "nbs/a.ipynb cell 0: a progress bar or warning: 'Loading weights" in out.stderr, out.stderr
    fixed = subprocess.run(command('gap_check_outputs') + ['--path', str(tmp_path), '--fix'], capture_output=True, text=True)
    assert fixed.returncode == 0, fixed.stderr
