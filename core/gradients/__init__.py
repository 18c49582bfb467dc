"""How strongly the last output reacts to each earlier input (the tutorial's section 5).

For a sequence x_1..x_T, ``norms[t-1] = ‖∂o_T/∂x_t‖`` for t = 1..T, computed by
backpropagation through time (real derivatives, never a closed formula):

    scalar  s_t = x_t·u + s_{t-1}·w,  o_t = s_t·v                (scalar.py, the walk-through)
    rnn     s_t = tanh(U·x_t + W·s_{t-1} + b),  o_T = V·s_T + c  (tanh.py)
    lstm    torch's LSTMCell equations + read-out V, c            (gated.py)
    gru     torch's GRUCell equations + read-out V, c             (gated.py)

One job per module, imported in this order (no cycle): spec (settings and their
check), result (Gradients, verdict, the float64-proof accumulator), init (every
random draw: inputs and starting weights), scalar / tanh / gated (the cells),
compute (the dispatcher), clipping (the clipping view). torch_ref (torch's own
cells and autograd) is only for the tests and is never imported here: this
package loads NumPy, not torch.
"""

from core.gradients.clipping import CLIP_DEFAULT, CLIP_PRESET, ClipView, clip_preset, clip_view, validate_clip
from core.gradients.compute import compute
from core.gradients.init import GatedWeights, gated_weights, inputs, rnn_weights
from core.gradients.result import Gradients, verdict_of
from core.gradients.spec import (
    CELLS,
    MAX_CLIP,
    MAX_GATE_BIAS,
    MAX_HIDDEN,
    MAX_LENGTH,
    MAX_SCALE,
    MAX_SEED,
    MAX_WEIGHT,
    GradientError,
    GradientSpec,
    validate,
)

__all__ = [
    "CELLS", "CLIP_DEFAULT", "CLIP_PRESET", "MAX_CLIP", "MAX_GATE_BIAS", "MAX_HIDDEN", "MAX_LENGTH", "MAX_SCALE",
    "MAX_SEED", "MAX_WEIGHT",
    "ClipView", "GatedWeights", "GradientError", "GradientSpec", "Gradients",
    "clip_preset", "clip_view", "compute", "gated_weights", "inputs", "rnn_weights", "validate", "validate_clip",
    "verdict_of",
]
