"""The static site of the course (`gap_site`, nbs/91_site.ipynb), built from the real notebooks and read back.

Quick tier: one build of the whole course into a temporary folder (about 15 s on 2 CPU cores), then every page is
parsed on its own here (not with the module's `check_site`): every notebook has a page, every relative link, anchor
and image resolves inside the site, nothing loads from the internet, equations are MathML, and the sidebar follows the
front page's path table. A toy project shows that a dangling link stops the build and that the checker fails on a
broken site, and the console command runs as a user runs it.

Full tier (`pytest --full`, marked slow): the front page and 05_adversarial open in headless Chromium; every image
loads, the console has no error, and every equation is drawn with a size. Screenshots go to $GAP_NB_SCREENSHOTS
(default: the test's temporary folder). Chromium and its driver are Debian packages; without them the test fails and
says how to install them."""
import base64, json, os, re, shutil, subprocess, sys, time
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

from gap_nb.site import build_site, check_site, math_spans
from test_course import cells as notebook_cells, path_rows

ROOT = Path(__file__).resolve().parents[1]
NBS = ROOT / 'nbs'
APT = 'apt-get update && apt-get install -y chromium chromium-driver'


@pytest.fixture(scope='module')
def site(tmp_path_factory):
    "The whole course, built once: (the site folder, the pages in reading order, seconds taken)."
    out = tmp_path_factory.mktemp('site') / '_site'
    t = time.time()
    pages = build_site(NBS, out)
    took = time.time() - t
    print(f'\nbuild_site: {len(pages)} pages in {took:.1f} s')
    return out, pages, took


@pytest.fixture(scope='module')
def soups(site):
    return {p.name: BeautifulSoup(p.read_text(encoding='utf-8'), 'html.parser') for p in sorted(site[0].glob('*.html'))}


def path_table():
    "The learner's path as the front page's table lists it, read by the course's own test (not by the site's code)."
    return [r['name'] for r in path_rows()]


def test_build_is_quick_and_every_notebook_has_a_page(site):
    out, pages, took = site
    assert took < 60, f'building the site took {took:.0f} s; it should take well under a minute'
    want = {p.stem for p in NBS.glob('*.ipynb')}
    assert {p.stem for p in pages} == want
    assert all((out / f'{n}.html').stat().st_size > 1000 for n in want)


def test_links_and_anchors_resolve(site, soups):
    out = site[0]
    ids = {name: {t['id'] for t in s.find_all(id=True)} for name, s in soups.items()}
    bad, checked = [], 0
    for name, soup in soups.items():
        for a in soup.find_all('a', href=True):
            href = a['href']
            if re.match(r'^[a-z][a-z0-9+.-]*:', href, re.I): continue
            path, _, anchor = href.partition('#')
            target = (out / unquote(path)).resolve() if path else out / name
            checked += 1
            if not target.is_file() or not target.is_relative_to(out.resolve()): bad.append(f'{name}: {href} (no such file)'); continue
            if anchor and target.suffix == '.html' and not {anchor, unquote(anchor)} & ids[target.name]: bad.append(f'{name}: {href} (no such id)')
    assert checked > 500 and not bad, bad[:20]
    assert not [a['href'] for s in soups.values() for a in s.find_all('a', href=True) if re.search(r'\.ipynb(#|$)', a['href'])]


def test_images_resolve(site, soups):
    out = site[0]
    srcs = [(name, img['src']) for name, s in soups.items() for img in s.find_all('img', src=True)]
    assert len(srcs) > 50
    for name, src in srcs:
        if src.startswith('data:'):  # a markdown attachment: it must decode to something
            assert base64.b64decode(src.partition(',')[2], validate=True), (name, src[:80]); continue
        f = out / unquote(src)
        assert f.is_file() and f.stat().st_size > 0, (name, src)
        if f.suffix == '.png': assert f.read_bytes()[:8] == b'\x89PNG\r\n\x1a\n', (name, src)
    assert (out / 'index_files').is_dir() and any((out / '05_adversarial_files').glob('*.png'))


def test_nothing_loads_from_the_internet(soups):
    for name, soup in soups.items():
        loads = [t.get('src') or t.get('href') for t in soup.find_all(['script', 'link', 'img', 'iframe']) if t.get('src') or t.get('href')]
        assert not [u for u in loads if re.match(r'^(https?:)?//', u)], name
        assert not soup.find('script', src=True), f'{name} loads a script'


def test_equations_are_mathml(soups):
    with_math = {n for n in (p.stem for p in NBS.glob('*.ipynb'))
                 if any(c['cell_type'] == 'markdown' and math_spans(''.join(c['source'])) for c in notebook_cells(n))}
    assert {'05_adversarial', '03_conditioning', '03c_tasks', '04_clip'} <= with_math
    for name, soup in soups.items():
        if name[:-5] in with_math: assert soup.find('math'), f'{name}: its equations are not MathML'
        for md in soup.select('.jp-RenderedMarkdown'):
            text = ''.join(t for t in md.find_all(string=True) if not any(p.name in ('code', 'pre', 'math') for p in t.parents))
            assert '$$' not in text, f'{name}: raw LaTeX {text[:200]!r}'
    for name in ('05_adversarial', '03_conditioning'):
        spans = [s for c in notebook_cells(name) if c['cell_type'] == 'markdown' for s in math_spans(''.join(c['source']))]
        page = soups[f'{name}.html']
        assert len(page.find_all('math', display='block')) >= sum(s[3] for s in spans) > 0
        assert len(page.find_all('math')) >= len(spans) > 10
    assert '$(which gap_generate)' in soups['10_cli.html'].get_text()


def test_navigation_follows_the_path_table(soups):
    path = path_table()
    assert path[0] == '00a_the_idea' and len(path) >= 8, path  # the path starts with the idea
    order = ['index', *path, *sorted(n for n in (p.stem for p in NBS.glob('*.ipynb')) if n not in path and n != 'index')]
    for name, soup in soups.items():
        nav = soup.find('nav', class_='gap-nav')
        assert [a['href'] for a in nav.select('ol.gap-path a')] == [f'{n}.html' for n in path], name
        assert [a['href'] for a in nav.select('ul.gap-appendix a')] == [f'{n}.html' for n in order[len(path) + 1:]], name
        assert [a['href'] for a in nav.select('a[aria-current=page]')] == [name]
        i = order.index(name[:-5])
        pager = soup.find('nav', class_='gap-pager')
        assert [a['href'] for a in pager.select('a[rel=prev]')] == ([f'{order[i - 1]}.html'] if i else [])
        assert [a['href'] for a in pager.select('a[rel=next]')] == ([f'{order[i + 1]}.html'] if i + 1 < len(order) else [])


def toy_project(tmp_path, link):
    "A front page, a notebook `a` whose markdown holds `link`, and a notebook `b` with a heading."
    nbs = tmp_path / 'nbs'; nbs.mkdir()
    def nb(src): return json.dumps({'cells': [{'cell_type': 'markdown', 'id': 'c0', 'metadata': {}, 'source': src}], 'metadata': {}, 'nbformat': 4, 'nbformat_minor': 5})
    (nbs / 'index.ipynb').write_text(nb('# toy\n\n| step | notebook |\n|---|---|\n| 1 | [a](nbs/a.ipynb) |\n| 2 | [b](nbs/b.ipynb) |'))
    (nbs / 'a.ipynb').write_text(nb(f'# A\n\nSee [there]({link}).'))
    (nbs / 'b.ipynb').write_text(nb('# B\n\n## Part two\n\ntext'))
    return nbs


def test_a_notebook_link_keeps_its_anchor(tmp_path):
    nbs = toy_project(tmp_path, './b.ipynb#Part-two')
    build_site(nbs, tmp_path / 'site')
    assert '<a href="b.html#Part-two">there</a>' in (tmp_path / 'site' / 'a.html').read_text()


def test_a_dangling_link_stops_the_build_and_the_checker_fails(tmp_path):
    nbs = toy_project(tmp_path, '../tests/gone.py#L1')
    with pytest.raises(ValueError, match=r"nbs/a\.ipynb: the link '\.\./tests/gone\.py#L1' points to nothing"):
        build_site(nbs, tmp_path / 'site')
    (nbs / 'a.ipynb').write_text((nbs / 'a.ipynb').read_text().replace('../tests/gone.py#L1', 'b.ipynb#Part-two'))
    build_site(nbs, tmp_path / 'site')
    assert check_site(tmp_path / 'site') == []
    page = tmp_path / 'site' / 'a.html'
    page.write_text(page.read_text().replace('b.html#Part-two', 'b.html#Part-three').replace('</main>', '<a href="c.html">c</a></main>'))
    problems = check_site(tmp_path / 'site')
    assert len(problems) == 2, problems
    assert "a.html: <a href=\"b.html#Part-three\">: b.html has no id 'Part-three'" in problems
    assert 'a.html: <a href="c.html"> points to a missing file' in problems


def test_the_command(tmp_path):
    "gap_site as a user runs it: a site, then the same folder again (replaced), then a folder it must not empty."
    nbs = toy_project(tmp_path, 'b.ipynb')
    gap_site = shutil.which('gap_site', path=str(Path(sys.executable).parent))
    assert gap_site, 'gap_site is not installed: pip install -e ".[dev]"'
    for _ in range(2):
        r = subprocess.run([gap_site, '--out', 'site'], cwd=tmp_path, capture_output=True, text=True)
        assert r.returncode == 0 and 'Wrote 3 pages to site' in r.stdout, r.stderr
    r = subprocess.run([gap_site, '--out', 'nbs'], cwd=tmp_path, capture_output=True, text=True)
    assert r.returncode == 2 and r.stderr.startswith('gap_site: error: --out nbs holds files gap_nb did not write there'), r.stderr
    assert (nbs / 'a.ipynb').is_file()


def chromium():
    "Headless Chromium through the system's chromedriver (never selenium-manager, which would try to download one)."
    browser = shutil.which('chromium') or shutil.which('chromium-browser')
    driver = shutil.which('chromedriver') or ('/usr/bin/chromedriver' if Path('/usr/bin/chromedriver').is_file() else None)
    if not (browser and driver):
        pytest.fail(f'the full check opens the site in Chromium, which is not installed (chromium: {browser}, chromedriver: {driver}): '
                    f'install both with `{APT}`')
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    opts = webdriver.ChromeOptions()
    opts.binary_location = browser
    for arg in ('--headless=new', '--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--window-size=1400,1000', '--allow-file-access-from-files'):
        opts.add_argument(arg)
    opts.set_capability('goog:loggingPrefs', {'browser': 'ALL'})
    return webdriver.Chrome(service=Service(executable_path=driver), options=opts)


@pytest.mark.slow
def test_chromium_renders_pages(site, tmp_path):
    out = site[0]
    shots = Path(os.environ.get('GAP_NB_SCREENSHOTS') or tmp_path); shots.mkdir(parents=True, exist_ok=True)
    drv = chromium()
    try:
        for name in ('index', '05_adversarial'):
            drv.get((out / f'{name}.html').as_uri())
            drv.execute_async_script("const done = arguments[0]; if (document.readyState === 'complete') done(); else addEventListener('load', () => done());")
            images = drv.execute_script('return Array.from(document.images).map(i => [i.getAttribute("src"), i.complete, i.naturalWidth])')
            assert len(images) >= 3 and all(ok and w > 0 for _, ok, w in images), [i for i in images if not (i[1] and i[2] > 0)]
            maths = drv.execute_script('return Array.from(document.querySelectorAll("math")).map(m => '
                                       '{const r = m.getBoundingClientRect(); return [r.width, r.height, getComputedStyle(m).display]})')
            assert all(w > 0 and h > 0 for w, h, _ in maths), [m for m in maths if not (m[0] > 0 and m[1] > 0)][:5]
            assert all('math' in d for *_, d in maths)  # drawn as MathML (display: math / block math), not as unknown inline tags
            if name == '05_adversarial': assert len(maths) > 40
            nav = drv.execute_script('return Array.from(document.querySelectorAll(".gap-nav ol a")).map(a => a.getAttribute("href"))')
            assert nav == [f'{n}.html' for n in path_table()]
            severe = [e for e in drv.get_log('browser') if e['level'] == 'SEVERE']
            assert not severe, severe
            drv.save_screenshot(str(shots / f'{name}.png'))
            if maths:
                drv.execute_script('document.querySelector("math[display=block]").scrollIntoView({block: "center"})')
                drv.save_screenshot(str(shots / f'{name}-equation.png'))
            else:
                drv.execute_script('document.images[0].scrollIntoView({block: "start"})')
                drv.save_screenshot(str(shots / f'{name}-figure.png'))
    finally:
        drv.quit()
    print(f'\nscreenshots in {shots}')


def test_a_failed_build_leaves_the_previous_site(tmp_path):
    "The new site is built beside the old one and swapped in only when whole: a failed build changes nothing."
    nbs, site = toy_project(tmp_path, './b.ipynb#Part-two'), tmp_path / 'site'
    build_site(nbs, site)
    files = lambda: {p.relative_to(site): p.read_bytes() for p in site.rglob('*') if p.is_file()}
    before = files()
    (nbs / 'a.ipynb').write_text((nbs / 'a.ipynb').read_text().replace('./b.ipynb#Part-two', 'gone.ipynb'))
    with pytest.raises(ValueError, match="left as it was"): build_site(nbs, site)
    assert files() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith('.building')]
