"""A pytest plugin that counts the assertions the tests execute (each `assert` statement that passes, each time it
runs), for comparing what two tiers or two versions of the suite check:

    PYTHONPATH=.ci .venv/bin/pytest -p count_asserts -o enable_assertion_pass_hook=true -n 2 tests

Each process (xdist worker) adds its count to `.ci/out/asserts-pytest.txt`; the sum is printed at the end."""
import os
from pathlib import Path

OUT = Path(__file__).parent / 'out' / 'asserts-pytest.txt'
count = 0


def pytest_assertion_pass(item, lineno, orig, expl):
    global count
    count += 1


def pytest_configure(config):
    # pytest caches rewritten test modules (__pycache__/*-pytest-*.pyc) without recording whether the pass hook was on:
    # a module rewritten by a run without this plugin would count nothing. Drop them once, before any worker collects.
    if not os.environ.get('PYTEST_XDIST_WORKER'):
        for arg in config.args or ['.']:
            root = Path(arg.split('::')[0])
            for pyc in (root.rglob('*-pytest-*.pyc') if root.is_dir() else root.parent.glob('__pycache__/*-pytest-*.pyc')): pyc.unlink()


def pytest_sessionstart(session):
    if not os.environ.get('PYTEST_XDIST_WORKER'):
        OUT.parent.mkdir(exist_ok=True); OUT.write_text('')


def pytest_sessionfinish(session):
    if os.environ.get('PYTEST_XDIST_WORKER') or not getattr(session.config, 'workerinput', None):
        with OUT.open('a') as f: f.write(f'{os.environ.get("PYTEST_XDIST_WORKER", "main")} {count}\n')


def pytest_terminal_summary(terminalreporter):
    rows = [l.split() for l in OUT.read_text().splitlines() if l.strip()]
    terminalreporter.write_line(f'assertions executed: {sum(int(n) for _, n in rows)} ({len(rows)} processes)')
