"""Run notebooks as `nbdev_test` does (IN_TEST=1, flagged cells skipped) and record, per notebook, its wall time, the time
of each cell and the number of assertions it executed.

    .venv/bin/python .ci/profile_notebooks.py OUT.json [--flags "slow"] [--jobs 2] [NOTEBOOK ...]

An assertion is a bare `assert` statement run in a notebook cell (counted through an IPython AST transformer), or a
call of fastcore.test's checks (`test_eq`, `test_close`, `test_ne`, `test_is`, `test_fail`, `expect_fail`, ...), each
counted once per execution. Notebooks run one per process, `--jobs` at a time; the table prints the slowest cells."""
import argparse, ast, json, os, subprocess, sys, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault('HF_HUB_OFFLINE', '1')  # as the README's test command: a hub id fails at once instead of retrying for 20 s


def profile_one(fn, flags):
    "Run notebook `fn` in this process; return its record."
    import fastcore.test as ft
    from execnb.shell import CaptureShell
    from nbdev import test as nt
    count = [0]
    def counted(f):
        def g(*a, **k): count[0] += 1; return f(*a, **k)
        return g
    # test_eq, test_ne, test_close, test_is, ... call `test`; test_fail and expect_fail stand alone
    for name in ('test', 'test_fail', 'expect_fail'): setattr(ft, name, counted(getattr(ft, name)))

    class CountAsserts(ast.NodeTransformer):
        def visit_Assert(self, node):
            call = ast.Expr(ast.Call(ast.Name('__gap_count_assert__', ast.Load()), [], []))
            return [ast.copy_location(call, node), node]

    cells = []
    orig_cell, orig_init = CaptureShell.cell, CaptureShell.__init__
    def init(self, *a, **k):
        orig_init(self, *a, **k)
        self.ast_transformers.append(CountAsserts())
        self.user_ns['__gap_count_assert__'] = lambda: count.__setitem__(0, count[0] + 1)
    def cell(self, c, *a, **k):
        t = time.time(); orig_cell(self, c, *a, **k)
        first = next((l for l in c.source.splitlines() if l.strip() and not l.startswith('#|')), '')
        cells.append(dict(idx=c.idx_, secs=round(time.time() - t, 2), first=first[:80]))
    CaptureShell.cell, CaptureShell.__init__ = cell, init
    flags = flags.split() if flags else []
    skip = [f for f in ('slow', 'gpu', 'retrain') if f not in flags]
    t = time.time()
    ok, _ = nt.test_nb(Path(fn).resolve(), skip_flags=skip, force_flags=flags, basepath=ROOT)
    return dict(notebook=Path(fn).name, ok=ok, secs=round(time.time() - t, 1), asserts=count[0], cells=cells)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('out'); p.add_argument('notebooks', nargs='*')
    p.add_argument('--flags', default=''); p.add_argument('--jobs', type=int, default=1)
    p.add_argument('--one', action='store_true', help=argparse.SUPPRESS)
    a = p.parse_intermixed_args()
    if a.one:
        Path(a.out).write_text(json.dumps(profile_one(a.notebooks[0], a.flags)))
        return
    nbs = [Path(n) for n in a.notebooks] or sorted(p for p in (ROOT / 'nbs').glob('*.ipynb') if not p.name.startswith('_'))
    tmp = Path(a.out).with_suffix('.parts'); tmp.mkdir(parents=True, exist_ok=True)
    running, records = [], []
    def reap(block):
        for pr, nb, part in list(running):
            if block or pr.poll() is not None:
                pr.wait(); running.remove((pr, nb, part))
                rec = json.loads(part.read_text()) if part.is_file() else dict(notebook=nb.name, ok=False, secs=None, asserts=0, cells=[])
                records.append(rec)
                print(f"{rec['notebook']}: {rec['secs']} s, {rec['asserts']} assertions, {'ok' if rec['ok'] else 'FAILED'}", flush=True)
    for nb in nbs:
        while len(running) >= a.jobs: reap(False); time.sleep(0.5)
        part = tmp / (nb.stem + '.json'); part.unlink(missing_ok=True)
        running.append((subprocess.Popen([sys.executable, __file__, str(part), str(nb), '--one', '--flags', a.flags]), nb, part))
    while running: reap(True)
    records.sort(key=lambda r: r['notebook'])
    Path(a.out).write_text(json.dumps(records, indent=1))
    print(f"\n{len(records)} notebooks, {sum(r['asserts'] for r in records)} assertions, "
          f"{sum(r['secs'] or 0 for r in records):.0f} s of notebook time, {sum(not r['ok'] for r in records)} failed")
    print('slowest cells:')
    cells = sorted(((c['secs'], r['notebook'], c['idx'], c['first']) for r in records for c in r['cells']), reverse=True)
    for s, n, i, f in cells[:25]: print(f'  {s:7.1f} s  {n} cell {i}: {f}')


if __name__ == '__main__': main()
