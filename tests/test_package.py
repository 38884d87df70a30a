"""What notebooks cannot show: the package as a user installs it.

The wheel is built from the files git would put in a fresh clone, must contain every file the package needs at run
time, and must import from an installed copy (not from this checkout); every console script must answer --help."""
import configparser, json, os, shutil, subprocess, sys, zipfile
from importlib.metadata import entry_points
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CFG = configparser.ConfigParser(delimiters=['='])
CFG.read(ROOT / 'settings.ini', encoding='utf-8')
LIB = CFG['DEFAULT']['lib_path']
SCRIPTS = dict(o.split('=', 1) for o in CFG['DEFAULT']['console_scripts'].split())


def _clone_files() -> list[str]:
    "Files a fresh clone would have: tracked ones, plus new ones git does not ignore."
    out = subprocess.run(['git', 'ls-files', '--cached', '--others', '--exclude-standard'], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    return [f for f in out.splitlines() if (ROOT / f).is_file()]


@pytest.fixture(scope='module')
def wheel(tmp_path_factory) -> Path:
    src, dist = tmp_path_factory.mktemp('src'), tmp_path_factory.mktemp('dist')
    for f in _clone_files():
        (src / f).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / f, src / f)
    subprocess.run([sys.executable, '-m', 'pip', 'wheel', '--no-deps', '--no-build-isolation', '-q', '-w', dist, src],
                   check=True, capture_output=True, text=True)
    wheels = list(dist.glob('*.whl'))
    assert len(wheels) == 1, wheels
    return wheels[0]


def test_wheel_has_every_runtime_file(wheel):
    runtime = {f for f in _clone_files() if f.startswith(LIB + '/')}
    assert f'{LIB}/__init__.py' in runtime and f'{LIB}/core.py' in runtime
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = sorted(runtime - names)
    assert not missing, f"the wheel lacks {missing}: add their extensions to MANIFEST.in"


def test_wheel_declares_the_console_scripts(wheel):
    z = zipfile.ZipFile(wheel)
    ep = next(n for n in z.namelist() if n.endswith('.dist-info/entry_points.txt'))
    cp = configparser.ConfigParser()
    cp.read_string(z.read(ep).decode())
    assert dict(cp['console_scripts']) == SCRIPTS


@pytest.fixture(scope='module')
def site(wheel, tmp_path_factory) -> Path:
    "The wheel installed, without dependencies, into a folder of its own."
    site = tmp_path_factory.mktemp('site')
    subprocess.run([sys.executable, '-m', 'pip', 'install', '--no-deps', '-q', '--target', site, wheel], check=True)
    return site


def _run_installed(site: Path, code: str, cwd: Path) -> dict:
    "Run `code` with the installed copy first on the path, away from this checkout; it prints one JSON object."
    out = subprocess.run([sys.executable, '-c', code], cwd=cwd, env={**os.environ, 'PYTHONPATH': str(site)},
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_installed_wheel_imports(site, tmp_path):
    modules = sorted(p.stem for p in (site / LIB).glob('*.py') if p.stem != '__init__')
    info = _run_installed(site, 'import importlib, json, ' + LIB + ' as m\n'
                          f'mods = [importlib.import_module("{LIB}." + n) for n in {modules!r}]\n'
                          'print(json.dumps({"file": m.__file__, "version": m.__version__, "modules": [o.__file__ for o in mods]}))', tmp_path)
    assert Path(info['file']).is_relative_to(site), f"imported {info['file']}, not the installed copy in {site}"
    assert all(Path(f).is_relative_to(site) for f in info['modules'])
    assert info['version'] == CFG['DEFAULT']['version']
    assert {'core', 'readme', 'worlds', 'models'} <= set(modules)


def test_installed_wheel_loads_shipped_models(site, tmp_path):
    info = _run_installed(site, 'import json, torch\n'
                          'from gap_nb.models import load_task_model, shipped_model_path\n'
                          'out = {}\n'
                          'for task in ("birds", "rooms"):\n'
                          '    m = load_task_model(task)\n'
                          '    out[task] = [str(shipped_model_path(task)), list(m(torch.rand(2, 3, 64, 64)).shape)]\n'
                          'print(json.dumps(out))', tmp_path)
    assert Path(info['birds'][0]).is_relative_to(site) and Path(info['rooms'][0]).is_relative_to(site)
    assert info['birds'][1] == [2, 2] and info['rooms'][1] == [2, 1, 64, 64]


def test_console_scripts_are_installed():
    installed = {e.name: e.value for e in entry_points(group='console_scripts') if e.name in SCRIPTS}
    assert installed == SCRIPTS, "installed entry points differ from settings.ini: re-run `pip install -e .`"


@pytest.mark.parametrize('script', sorted(SCRIPTS))
def test_console_script_help(script):
    exe = shutil.which(script, path=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get('PATH', '')]))
    assert exe, f"{script} is not on PATH: install the package with `pip install -e .`"
    out = subprocess.run([exe, '--help'], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith(f'usage: {script}'), out.stdout


def test_shipped_weights_stay_small():
    files = [ROOT / f for f in _clone_files() if f.startswith(f'{LIB}/weights/')]
    assert any(f.suffix == '.safetensors' for f in files), "no shipped weights found"
    assert not [f for f in files if f.suffix in ('.pt', '.pth', '.bin', '.pkl', '.ckpt')], "weights must be safetensors, never pickles"
    total = sum(f.stat().st_size for f in files)
    assert total < 30 * 2**20, f"shipped weights take {total / 2**20:.1f} MB; the budget is 30 MB"
