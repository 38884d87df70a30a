"""One count line for the README's test command: notebooks (from nbdev_test's output) and tests (pytest's junit report).

nbdev_test --timing prints 'NAME.ipynb: N secs' for every notebook once all pass, and the failed notebooks' names after
'nbdev Tests Failed On The Following Notebooks:' otherwise; it exits non-zero when one fails."""
import re, sys, xml.etree.ElementTree as ET
from pathlib import Path

log, junit, rc = Path(sys.argv[1]).read_text(errors='replace'), Path(sys.argv[2]), int(sys.argv[3])
nb = [0, 0]  # passed, failed
if 'nbdev Tests Failed On The Following Notebooks' in log:
    tail = log.split('nbdev Tests Failed On The Following Notebooks:', 1)[1]
    nb[1] = len(set(re.findall(r'^\s+(\S+\.ipynb)\s*$', tail, re.M)))
elif 'Success.' in log:
    nb[0] = len(set(re.findall(r'^(\S+\.ipynb): \d+ secs$', log, re.M)))
tests = [0, 0, 0]  # passed, failed, skipped
if junit.is_file():
    for c in ET.parse(junit).getroot().iter('testcase'):
        i = 1 if (c.find('failure') is not None or c.find('error') is not None) else 2 if c.find('skipped') is not None else 0
        tests[i] += 1
print(f'notebooks: {nb[0]} passed, {nb[1]} failed')
print(f'tests: {tests[0]} passed, {tests[1]} failed, {tests[2]} skipped')
p, f, s = nb[0] + tests[0], nb[1] + tests[1], tests[2]
if p + f == 0: print('no test ran'); rc = rc or 1
print(f'{p} passed, {f} failed' + (f', {s} skipped' if s else ''))
sys.exit(rc or (1 if f else 0))
