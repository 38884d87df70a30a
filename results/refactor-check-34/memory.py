"Reference outputs for issue 34: run before and after the memory-module change; `python ref.py save|check`."
import os, sys, json, tempfile
from pathlib import Path
from dataclasses import replace
import torch
torch.set_num_threads(1)
from gap_nb import generator as G
from gap_nb.generator import load_generator, encode_prompts, sample, NEGATIVE
from gap_nb.tasks import BIRDS, ROOMS
from gap_nb.models import load_task_model
from gap_nb.adversarial import PlaceholderPrompt, PromptSettings, gap_backward, optimize_prompt, task_labels
NEW = hasattr(G, 'MemoryPlan')
if NEW:
    from gap_nb.memory import memory_plans, MEMORY_PLANS, choose_memory, choose_batch, plan_cost, dominated, kept_counts
    from gap_nb.generator import MemoryPlan
else:
    from gap_nb.benchmark import memory_plans, MEMORY_PLANS, choose_memory, choose_batch, plan_cost, dominated, kept_counts
LEVERS = ('checkpoint_steps', 'keep_steps', 'checkpoint_nets', 'decode_bs', 'micro_bs')

def levers(s):
    "PromptSettings' levers as a plain dict, either API."
    m = s.memory if NEW else s
    return {k: getattr(m, k) for k in LEVERS}

def settings(**kw):
    lv = {k: kw.pop(k) for k in LEVERS if k in kw}
    if NEW: return PromptSettings(**kw, memory=MemoryPlan(**lv))
    return PromptSettings(**kw, **lv)

def sample_kw(**lv):
    "sample's memory arguments, either API."
    if NEW: return dict(memory=MemoryPlan(**lv)) if lv else {}
    return lv

def plan_dict(p):
    if NEW: return {k: getattr(p, k) for k in LEVERS}
    return {k: p.get(k, d) for k, d in zip(LEVERS, (False, 0, False, None, None))}

out = {}
gen = load_generator(device='cpu')
neg = encode_prompts(gen, [NEGATIVE])
# 1. sample, inpaint and depth, with and without gradients, each lever
for task in (BIRDS, ROOMS):
    lab = {k: v for k, v in task_labels(task.name, n=4).items() if torch.is_tensor(v)}
    emb = encode_prompts(gen, [task.agnostic] * 4)
    cond = task.condition(lab)
    out[f'{task.name}/nograd'] = sample(gen, emb, neg, steps=3, seed=1, **cond)
    out[f'{task.name}/eta'] = sample(gen, emb, neg, steps=3, seed=1, eta=1., **cond)
    out[f'{task.name}/sdedit'] = sample(gen, emb, neg, steps=4, seed=2, **task.condition(lab, 0.6))
    out[f'{task.name}/decode'] = sample(gen, emb, neg, steps=3, seed=1, **cond, **sample_kw(decode_bs=1))
    out[f'{task.name}/rows'] = sample(gen, emb[2:], neg, steps=3, seed=1, noise_rows=(2, 4), **{k: v[2:] if torch.is_tensor(v) else v for k, v in cond.items()})
    for name, lv in (('whole', {}), ('steps', dict(checkpoint_steps=True)), ('keep', dict(checkpoint_steps=True, keep_steps=1)),
                     ('decode', dict(checkpoint_steps=True, decode_bs=1))):
        e = emb[:2].clone().requires_grad_(True)
        c2 = {k: v[:2] if torch.is_tensor(v) else v for k, v in cond.items()}
        x = sample(gen, e, neg, steps=3, seed=3, eta=1., grad=True, **c2, **sample_kw(**lv))
        (x * torch.linspace(0, 1, x.numel()).view_as(x)).sum().backward()
        out[f'{task.name}/grad/{name}/x'], out[f'{task.name}/grad/{name}/g'] = x.detach(), e.grad
    out[f'{task.name}/wide'] = sample(gen, emb[:2], neg, steps=2, **({'size': (48, 80)} if NEW else dict(height=48, width=80)))
print('sample done', flush=True)
# 2. optimize_prompt with each plan of memory_plans(2, 2), birds and rooms
models = {t.name: load_task_model(t.name) for t in (BIRDS, ROOMS)}
for task in (BIRDS, ROOMS):
    labels = task_labels(task.name, n=8)
    plans = memory_plans(2, 2) if task is BIRDS else [p for p in memory_plans(2, 2) if p[0] in ('none', 'lean, keep 1', 'steps+decode, micro_bs=1')]
    for name, plan in plans:
        p = PlaceholderPrompt(gen, 2, f'<ref-{task.name}-{len(out)}>', seed=4)
        s = settings(adv_weight=1., steps=2, bs=2, sample_steps=2, lr=1e-2, eta=1., **plan_dict(plan))
        h = optimize_prompt(gen, p, task, labels, s, models[task.name], progress=False)
        out[f'opt/{task.name}/{name}/v'] = p.vectors.detach().clone()
        out[f'opt/{task.name}/{name}/h'] = torch.tensor([[r[k] for k in sorted(r) if k != 'seconds'] for r in h], dtype=torch.float64)
        p.remove()
print('optimize done', flush=True)
# 3. a checkpoint written by the old code resumes (the new code resumes /tmp/mem/old.ckpt.safetensors)
labels = task_labels('birds', n=8)
ck = Path('/tmp/mem/old.ckpt.safetensors')
s4 = settings(adv_weight=1., steps=4, bs=2, sample_steps=2, lr=1e-2, checkpoint_steps=True)
p = PlaceholderPrompt(gen, 2, '<ref-ckpt>', seed=5)
if not NEW:
    ck.unlink(missing_ok=True)
    optimize_prompt(gen, p, 'birds', labels, replace(s4, steps=2), models['birds'], ckpt=ck, every=1, progress=False)
    import shutil; shutil.copy(ck, '/tmp/mem/old.ckpt.keep.safetensors')
else:
    import shutil; shutil.copy('/tmp/mem/old.ckpt.keep.safetensors', ck)
h = optimize_prompt(gen, p, 'birds', labels, s4, models['birds'], ckpt=ck, every=1, progress=False)
out['resume/v'] = p.vectors.detach().clone()
out['resume/h'] = torch.tensor([[r[k] for k in sorted(r) if k != 'seconds'] for r in h], dtype=torch.float64)
p.remove()
# 4. the plans and the choices
meta = {'plans': [(n, plan_dict(p)) for n, p in memory_plans(8, 5)], 'plans11': [(n, plan_dict(p)) for n, p in memory_plans(1, 1)],
        'named': {k: plan_dict(v) for k, v in MEMORY_PLANS.items()},
        'costs': {n: plan_cost(p, 2, 2) for n, p in memory_plans(2, 2)}, 'kept': [kept_counts(T) for T in (1, 2, 3, 4, 50)]}
p = PlaceholderPrompt(gen, 2, '<ref-choose>', seed=6)
s = settings(adv_weight=1., bs=2, sample_steps=2, micro_bs=2)
chosen, tried = choose_memory(gen, p, 'birds', labels, s, models['birds'], budget=2**40)
meta['choose_roomy'] = (levers(chosen), [t['plan'] for t in tried])
out['choose/v'] = p.vectors.detach().clone()
def capped(b):
    if b > 3: raise torch.OutOfMemoryError('out of memory')
    with torch.no_grad(): sample(gen, encode_prompts(gen, ['a photo'] * b), neg, steps=1)
got, tried = choose_batch(capped, 8, 'cpu', budget=2**40)
meta['batch'] = (got, [t['images'] for t in tried])
out['meta'] = meta
# 5. the benchmark's rows (NO_BENCH=1 skips them) and its generation pair
if not os.environ.get('NO_BENCH'): from gap_nb.benchmark import StepBench, BenchSpec, BENCH_SETTINGS, generation_pair
for task in () if os.environ.get('NO_BENCH') else ('birds', 'rooms'):
    tb = StepBench(BenchSpec(task=task, bs=2, sample_steps=2, device='cpu'), control=True, clip=True)
    if NEW:  # the new bench guides toward the task's agnostic prompt (issue 34); the old phrase again, to compare every number
        from gap_nb.adversarial import Target; from gap_nb.clip import text_target
        tb.target = Target(image=text_target(tb.clip, ['a photo of a bird on a lake' if task == 'birds' else 'a room in fog']), clip=tb.clip)
    for n in BENCH_SETTINGS:
        terms = tb.run(n)
        out[f'bench/{task}/{n}/g'] = torch.zeros(1) if tb.prompt.vectors.grad is None else tb.prompt.vectors.grad.clone()
        out[f'bench/{task}/{n}/t'] = torch.tensor(sorted((terms or {}).items()) and [v for _, v in sorted(terms.items())], dtype=torch.float64)
    ours, theirs = generation_pair(tb.gen, BIRDS if NEW else 'inpaint', 2, (64, 64), steps=2) if task == 'birds' else \
                   generation_pair(tb.gen, ROOMS if NEW else 'depth', 2, (64, 64), steps=2)
    out[f'bench/{task}/ours'], out[f'bench/{task}/theirs'] = ours(), theirs()
path = Path('/tmp/mem/ref.pt')
if sys.argv[1] == 'save':
    torch.save(out, path); print('saved', len(out))
else:
    ref = torch.load(path, weights_only=False)
    if os.environ.get('NO_BENCH'): ref = {k: v for k, v in ref.items() if not k.startswith('bench/')}
    assert sorted(ref) == sorted(out), set(ref) ^ set(out)
    bad = [k for k in ref if k != 'meta' and not torch.equal(ref[k], out[k])]
    print('differ:', bad)
    assert ref['meta'] == out['meta'], (ref['meta'], out['meta'])
    assert not bad, bad
    print('bit for bit:', len(ref) - 1, 'tensors equal, and the plans, costs and choices')
