"The README is the front page notebook rendered, and its two commands are the ones CI and newcomers run."
import re, subprocess, sys
from pathlib import Path

from gap_nb.readme import sync_readme

ROOT = Path(__file__).resolve().parents[1]


def readme_command(title: str) -> str:
    "The one-line bash block that follows the bold `title` in README.md."
    m = re.search(r'\*\*' + re.escape(title) + r'\*\*.*?```bash\n(.+?)\n```', (ROOT / 'README.md').read_text(), re.S)
    assert m, f"README.md has no ```bash block after **{title}**"
    return m[1].strip()


def test_readme_in_step():
    assert sync_readme(ROOT, check=True) == []


def test_readme_commands_set_up_and_run():
    setup = 'python3 -m venv .venv && .venv/bin/pip install -e ".[dev]" && '
    assert readme_command('Run the main job').startswith(setup)
    assert readme_command('Run the tests').startswith(setup)


def test_ci_runs_the_readme_test_command():
    out = subprocess.run(['bash', '.ci/readme-command', 'Run the tests'], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == readme_command('Run the tests')


OUTSIDE = re.compile(r'\.\./shared|(?<![\w/.-])shared/[\w.-]+\.md|\]\((?:\.\./){2,}')  # our working notes, or a link that climbs out

def test_no_document_points_outside_the_repository():
    "A user has the repository, not our working notes: no README, notebook or module refers to a file outside it."
    import json
    texts = {'README.md': (ROOT / 'README.md').read_text()}
    texts |= {f'nbs/{p.name}': '\n'.join(''.join(c['source']) for c in json.loads(p.read_text())['cells']) for p in sorted((ROOT / 'nbs').glob('*.ipynb'))}
    texts |= {f'gap_nb/{p.name}': p.read_text() for p in sorted((ROOT / 'gap_nb').glob('*.py'))}
    found = {name: OUTSIDE.findall(t) for name, t in texts.items() if OUTSIDE.search(t)}
    assert not found, found
    assert OUTSIDE.search('see `shared/method.md`') and OUTSIDE.search('[x](../../notes.md)') and not OUTSIDE.search('[x](nbs/95_the_study.ipynb)')
