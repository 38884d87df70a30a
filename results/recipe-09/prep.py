"""Write the train folder (as 09's export_dataset) and the base model folder (save_model) for the gap_* commands."""
from common import *
from gap_nb.loop import export_dataset
from gap_nb.experiments import save_model, load_model
d = data()
train = shapes(900, 0, spurious=0.95)  # raw floats, exported exactly as 09 does
export_dataset(train, HERE / 'work' / 'train', classes=list(SHAPES), group_names=GROUPS)
m = base_model()
save_model(m.cpu(), HERE / 'work' / 'model', factory='/tmp/recipe/shapes_net.py:build')
from gap_nb.tasks import get_task
print('saved model re-evaluated:', fmt(evaluate(load_model(HERE / 'work' / 'model', get_task('classification')), d['test'])))
