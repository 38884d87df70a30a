"""Every notebook is a test: run each one as `nbdev_test` does, one pytest test per notebook.

Cells flagged with settings.ini's `tst_flags` (slow, gpu) are skipped unless named in GAP_TEST_FLAGS, e.g.
`GAP_TEST_FLAGS=slow pytest tests`, the equivalent of `nbdev_test --flags slow`."""
import os
from pathlib import Path

import pytest
from nbdev.config import get_config
from nbdev.doclinks import nbglob
from nbdev.test import test_nb as run_notebook  # renamed so pytest does not collect it

ROOT = Path(__file__).resolve().parents[1]
CFG = get_config(path=ROOT)
NOTEBOOKS = sorted(nbglob(CFG.nbs_path, as_path=True))  # nbdev's own selection: skips _-prefixed files and folders


def test_notebooks_found():
    assert any(nb.name == 'index.ipynb' for nb in NOTEBOOKS), f"no index.ipynb among {NOTEBOOKS} in {CFG.nbs_path}"


@pytest.mark.parametrize('nb', NOTEBOOKS, ids=lambda p: p.relative_to(CFG.nbs_path).as_posix())
def test_notebook(nb):
    ok, _ = run_notebook(nb, skip_flags=CFG.tst_flags.split(), force_flags=os.environ.get('GAP_TEST_FLAGS', '').split(),
                    basepath=CFG.config_path)
    assert ok, f"{nb.name} failed: the failing cell and its traceback are in the captured stderr above"
