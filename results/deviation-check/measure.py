"""Two differences from the study, measured on the shipped toy models (README, "The study side by side").
1. ControlNet conditioning scale: the study uses 1.0, gap_nb's toy ControlNet defaults to 1.5. For scales 1.0, 1.5 and
   2.0, on the same test depth maps and seeds: the shipped depth model's l1 on rooms generated from the maps over its l1 on
   the real renders (how well the generations follow the depth; 04b_probes' check), and the style probe's accuracy on
   rooms generated with 'in fog' / 'in the dark' / 'blurry' in the prompt under the same depth control (whether a stronger
   control drowns the prompt, which the guided rooms rely on).
2. Image guidance space: the study compares CLIP ViT-L/14 pooled features (before the projection); gap_nb compares the
   features encode_image returns (after it). The toy CLIP is a ModifiedResNet, whose last step (attention pooling) is
   its projection; its pooled features before it are the mean of the last stage's feature map. For each corruption as the
   target (8 unlabelled corrupted rooms at severity 3, the target is their mean feature, as `image_target`), the AUROC
   with which 1 - cos to the target separates 300 held-out rooms with that corruption from 300 clean or otherwise
   corrupted ones, in each space (1.0: the guidance loss ranks every target image above every other).
Run from the repository root:  .venv/bin/python results/deviation-check/measure.py  (about 6 min on 2 CPU cores)"""
import json, sys, time, torch, torch.nn.functional as F
from pathlib import Path
from gap_nb.core import environment_info
from gap_nb.generator import load_generator, depth_control_image
from gap_nb.worlds import rooms_split, render_rooms, corrupt, CORRUPTIONS
from gap_nb.probes import train_probe, probe_accuracy, check_controlnet, _generate, PROBE_SEED, PROBE_STYLES
from gap_nb.clip import ClipEncoder

out = {'command': ' '.join(['python'] + sys.argv)}
gen = load_generator(device='cpu')
style_probe, out['style_probe_real_acc'] = train_probe('style')
rooms = rooms_split('test', n=120, seed=PROBE_SEED + 2)
style = torch.arange(120) % 3 + 1
prompts = [f'{c}, {PROBE_STYLES[s]}' for c, s in zip(rooms['caption'], style.tolist())]
control = depth_control_image(rooms['depth'], rooms['valid'])
rows, own = [], gen.control_scale
for scale in (1.0, 1.5, 2.0):
    t = time.time(); gen.control_scale = scale
    r = {k: v for k, v in check_controlnet(gen, n=128).items() if not k.startswith('_')}
    x = _generate(gen, prompts, control_image=control)
    rows.append({'control_scale': scale} | r | {'styles_with_control/acc': probe_accuracy(style_probe, x, style), 'seconds': time.time() - t})
    print(rows[-1], flush=True)
gen.control_scale = own
out['controlnet_scale'] = rows

clip = ClipEncoder.from_pretrained('toy', device='cpu')
trunk = {}
hook = clip.model.visual.attnpool.register_forward_hook(lambda m, args, res: trunk.__setitem__('x', args[0].mean((2, 3))))
@torch.no_grad()
def features(x):
    proj, pooled = [], []
    for b in x.split(100):
        proj.append(clip.encode_images(b)); pooled.append(trunk['x'])  # the hook saw this batch's last-stage map
    return {'projected': torch.cat(proj), 'pooled': torch.cat(pooled)}
def auroc(pos, neg): return ((pos[:, None] < neg[None]).float().mean() + 0.5 * (pos[:, None] == neg[None]).float().mean()).item()
n = 300
base = render_rooms(8 + 2 * n, PROBE_SEED + 11, 'rooms')
img, depth = base['image'], base['depth']
other_kind = torch.arange(n) % (len(CORRUPTIONS) + 1) - 1  # -1 clean, else a corruption index
space_rows = []
for c, name in enumerate(CORRUPTIONS):
    tgt = corrupt(img[:8 + n], name, 3, depth=depth[:8 + n], seed=1)
    neg = img[8 + n:].clone()
    for k in range(len(CORRUPTIONS)):
        idx = (other_kind == k).nonzero().flatten()
        if k != c and len(idx): neg[idx] = corrupt(neg[idx], CORRUPTIONS[k], 3, depth=depth[8 + n:][idx], seed=2)
    keep = other_kind != c
    ft, fn = features(tgt), features(neg[keep])
    row = {'target': name}
    for space in ('projected', 'pooled'):
        target = ft[space][:8].mean(0)
        loss = lambda f: 1 - F.cosine_similarity(f, target[None].expand_as(f), dim=-1)
        row[space] = auroc(loss(ft[space][8:]), loss(fn[space]))
    space_rows.append(row); print(row, flush=True)
hook.remove()
out['image_guidance_space'] = space_rows
out['image_guidance_space_mean'] = {s: sum(r[s] for r in space_rows) / len(space_rows) for s in ('projected', 'pooled')}
out['environment'] = environment_info()
print(out['image_guidance_space_mean'])
(Path(__file__).parent / 'results.json').write_text(json.dumps(out, indent=1))
