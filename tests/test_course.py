"""The course's promises, read from the notebooks themselves: the front page's path table and its totals agree with the
notebooks' headers; every path notebook has its header, takeaways and exercises with folded, tested solutions whose
answers are stored; at least four exercises have the learner write a piece of the method; the first notebook reaches a
GAP prompt that fools the shipped model within the promised code and time."""
import json, math, re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NBS = ROOT / 'nbs'


def cells(name): return json.loads((NBS / f'{name}.ipynb').read_text(encoding='utf-8'))['cells']
def src(c): return ''.join(c['source'])
def hidden(c): return bool(c.get('metadata', {}).get('jupyter', {}).get('source_hidden'))
def shown_code(c): return c['cell_type'] == 'code' and not hidden(c) and not src(c).startswith(('#| hide', '#| echo: false'))


def path_section() -> str:
    return src(next(c for c in cells('index') if src(c).startswith("## A learner's path")))


def path_rows() -> list[dict]:
    "The rows of the front page's path table: step, notebook, quick seconds, reading minutes."
    rows = []
    for line in path_section().splitlines():
        m = re.match(r'\| (\d+) \| \[`(\w+)`\]\(nbs/\2\.ipynb\) \|.*\| (\d+) s \|.*\| (\d+) min \|$', line)
        if m: rows.append(dict(step=int(m[1]), name=m[2], quick=int(m[3]), reading=int(m[4])))
    return rows


def header(name) -> str:
    "The notebook's header cell: the one with **What you will learn** and **Runtime**."
    return next(src(c) for c in cells(name) if c['cell_type'] == 'markdown' and '**Runtime**' in src(c))


def reading_estimate(name) -> float:
    "Minutes to read a notebook: prose at 180 words a minute, shown code at 12 lines a minute, half a minute a figure."
    words = code = figures = 0
    for c in cells(name):
        if c['cell_type'] == 'markdown': words += len(src(c).split())
        elif shown_code(c): code += sum(1 for l in src(c).splitlines() if l.strip())
        figures += sum('image/png' in o.get('data', {}) for o in c.get('outputs', []))
    return words / 180 + code / 12 + figures / 2


def test_path_table_lists_the_path_in_order():
    rows = path_rows()
    assert len(rows) >= 8, rows
    assert [r['step'] for r in rows] == list(range(1, len(rows) + 1))
    assert rows[0]['name'] == '00a_the_idea', 'the path starts with the idea'
    for r in rows: assert (NBS / f"{r['name']}.ipynb").is_file(), r


def test_headers_match_the_table():
    for r in path_rows():
        h = header(r['name'])
        assert '**What you will learn**' in h and '**What it assumes**' in h, r['name']
        q = re.search(r'\*\*Runtime\*\* \(2 CPU cores\): quick (\d+) s', h)
        m = re.search(r'\*\*Reading\*\*: about (\d+) min', h)
        assert q and m, f"{r['name']}: the header needs '**Runtime** (2 CPU cores): quick N s' and '**Reading**: about M min'"
        assert (int(q[1]), int(m[1])) == (r['quick'], r['reading']), (r['name'], q[0], m[0], r)


def test_reading_times_follow_the_rule():
    "A header's reading time is the rule's estimate rounded to 5 minutes, so a notebook that grows must say so."
    for name in [r['name'] for r in path_rows()] + ['95_the_study']:
        m = re.search(r'\*\*Reading\*\*: about (\d+) min', header(name))
        assert m, name
        assert int(m[1]) == max(5, 5 * round(reading_estimate(name) / 5)), (name, m[0], reading_estimate(name))


def test_front_page_totals_are_the_sums():
    rows, text = path_rows(), path_section()
    quick = sum(r['quick'] for r in rows)
    assert f"take {quick // 60} min {quick % 60} s of quick-mode compute" in text, (quick, text[-800:])
    reading = sum(r['reading'] for r in rows)
    assert f"about {reading // 60} h {reading % 60:02d} min to read" in text, (reading, text[-800:])


def exercises(name) -> list[tuple[str, dict]]:
    "Each exercise of a notebook (from its '**Exercise N' on) with the cell after the markdown cell it ends (its solution)."
    cs, out = cells(name), []
    for i, c in enumerate(cs):
        if c['cell_type'] != 'markdown': continue
        starts = [m.start() for m in re.finditer(r'\*\*Exercise \d+', src(c))]
        for k, at in enumerate(starts):
            last = k == len(starts) - 1
            out.append((src(c)[at:], cs[i + 1] if last and i + 1 < len(cs) else None))
    return out


def test_every_path_notebook_closes_with_takeaways_and_exercises():
    for r in path_rows():
        titles = [src(c).splitlines()[0] for c in cells(r['name']) if c['cell_type'] == 'markdown' and src(c)]
        assert '## Key takeaways' in titles and '## Exercises' in titles, r['name']
        ex = exercises(r['name'])
        assert len(ex) >= 2, (r['name'], len(ex))
        for text, sol in ex:
            n = re.match(r'\*\*Exercise (\d+)', text)[1]
            assert sol is not None and sol['cell_type'] == 'code' and src(sol).startswith(f'# Solution to exercise {n}'), (r['name'], n)
            assert hidden(sol), f"{r['name']}: the solution to exercise {n} must be folded"
            shown = [o for o in sol.get('outputs', []) if ''.join(o.get('text', '')).strip() or 'image/png' in o.get('data', {})]
            assert shown, f"{r['name']}: the solution to exercise {n} has no stored answer (printed or drawn) for a reader to check against"


def test_at_least_four_exercises_build_a_piece_of_the_method():
    "A build-it solution defines the learner's own function (my_...) and checks it against the library's or the scheduler's."
    built = []
    for r in path_rows():
        for text, sol in exercises(r['name']):
            s = src(sol)
            if re.search(r'^def my_\w+', s, re.M) and re.search(r'assert_close|test_close|test_eq', s): built.append((r['name'], text[:60]))
    assert len(built) >= 4, built


def test_the_first_notebook_reaches_gap_within_the_promise():
    "00a's shown code up to the cell that checks the GAP prompt fools the shipped classifier: at most 600 lines, in 30 min."
    lines = 0
    for c in cells('00a_the_idea'):
        if shown_code(c): lines += sum(1 for l in src(c).splitlines() if l.strip())
        if "results['GAP']['f accuracy'] <= results['start']['f accuracy'] - 0.5" in src(c): break
    else: raise AssertionError('00a no longer checks that its GAP prompt fools the classifier')
    assert lines <= 600, lines
    first = path_rows()[0]
    assert first['quick'] <= 30 * 60
    assert f'{lines} lines of code' in path_section(), f'the front page should state the count: {lines} lines of code'
