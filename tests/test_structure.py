"""The library's shape, read from its source: what a task or a way of making data *is* lives in `tasks.py`, so no
other module compares a task's, a method's or a conditioning's name; `benchmark` is a leaf; no function takes more than
15 parameters. Each check names the offending line, so a regression says where it is."""
import ast
from pathlib import Path

from gap_nb.tasks import TASKS, CONDITIONINGS, METHODS
from gap_nb.loop import AUGMENTS

LIB = Path(__file__).resolve().parents[1] / 'gap_nb'
MODULES = {p.stem: ast.parse(p.read_text(), filename=str(p)) for p in sorted(LIB.glob('*.py')) if not p.stem.startswith('_')}
# the names a module would branch on: tasks, conditionings, learnt objectives and every data method of the shipped tasks
# ('none' is also a memory plan's name, 'depth' a label key, and the augmentations are fine-tuning's options, listed once in
# loop.AUGMENTS: those are compared as such, not as a method or a task)
NAMES = (set(TASKS) | set(CONDITIONINGS) | set(METHODS) | {m.name for t in TASKS.values() for m in t.methods}) - {'none', 'depth', *AUGMENTS}


def _strings(node) -> set[str]:
    "The string constants a comparison operand is made of (a literal, or a tuple/list/set of literals)."
    if isinstance(node, ast.Constant) and isinstance(node.value, str): return {node.value}
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)): return set().union(*(_strings(e) for e in node.elts)) if node.elts else set()
    return set()


def _name_comparisons(tree) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            hits = set().union(*(_strings(x) for x in [node.left, *node.comparators])) & NAMES
            if hits: found.append((node.lineno, ', '.join(sorted(hits))))
            # a conditioning compared as a string, whatever its value
            if any(isinstance(x, ast.Attribute) and x.attr == 'conditioning' for x in [node.left, *node.comparators]):
                found.append((node.lineno, '.conditioning'))
    return found


def test_no_task_method_or_conditioning_name_compared_outside_tasks():
    bad = {m: _name_comparisons(t) for m, t in MODULES.items() if m != 'tasks'}
    bad = {m: v for m, v in bad.items() if v}
    assert not bad, f"name comparisons outside tasks.py (ask the Task or DataMethod instead): {bad}"


def test_the_checker_finds_a_comparison():
    "The check above can fail: it finds the comparisons it looks for."
    tree = ast.parse("if task.name == 'birds': pass\nif m in ('ap', 'gap'): pass\nif t.conditioning != x: pass\nif plan == 'none': pass\n")
    assert [l for l, _ in _name_comparisons(tree)] == [1, 2, 3]


def test_benchmark_is_a_leaf():
    importers = [m for m, t in MODULES.items() for n in ast.walk(t)
                 if isinstance(n, ast.ImportFrom) and (n.module or '').split('.')[-1] == 'benchmark' and m != 'benchmark']
    assert not importers, f"modules importing benchmark: {importers}"


def _n_params(f) -> int:
    a = f.args
    return len(a.posonlyargs) + len(a.args) + len(a.kwonlyargs) + (a.vararg is not None) + (a.kwarg is not None)


def test_no_function_over_15_parameters():
    big = [(m, f.name, _n_params(f)) for m, t in MODULES.items() for f in ast.walk(t)
           if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef)) and _n_params(f) > 15]
    assert not big, f"functions over 15 parameters (group them in a config dataclass or a shared option set): {big}"


def test_one_method_registry():
    "The ways of making data are DataMethod objects of each task, not name tables in the modules that run them."
    tables = [(m, n.targets[0].id) for m, t in MODULES.items() if m != 'tasks' for n in t.body
              if isinstance(n, ast.Assign) and len(n.targets) == 1 and isinstance(n.targets[0], ast.Name)
              and isinstance(n.value, (ast.Tuple, ast.List)) and n.value.elts and _strings(n.value) and _strings(n.value) <= NAMES | {'none'}]
    assert not tables, f"tables of method names outside tasks.py: {tables}"
