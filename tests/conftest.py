"""Settings every test shares: no hub access (a stray download fails at once instead of hanging), no display, and the
two tiers. `pytest tests` runs the quick tier; `pytest --full tests` adds the tests marked `slow` (real processes at
sizes that take minutes). An explicit `-m` expression is used as given."""
import os

os.environ.setdefault('HF_HUB_OFFLINE', '1')
os.environ.setdefault('TRANSFORMERS_OFFLINE', '1')
os.environ.setdefault('MPLBACKEND', 'Agg')


def pytest_addoption(parser):
    parser.addoption('--full', action='store_true', help='the full check: run the tests marked slow too')


def pytest_configure(config):
    config.addinivalue_line('markers', 'slow: part of the full check (`pytest --full`), not of the quick tier')
    if not config.getoption('--full') and not config.option.markexpr: config.option.markexpr = 'not slow'
