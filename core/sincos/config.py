"""The training configuration: the tutorial's hyperparameters, validated in one place.

A bad value raises ``ConfigError``, which names the config ``field`` it is about
and the ``rule`` it broke (with the rule's ``values``), so each front end can say
it in its own words: the command line prefixes the flag, the Train tab marks the
field and words the message in the form's language (tui/i18n/train.py has a
template per rule, with the same placeholders as ``RULES`` below).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace

from core.checks import MAX_SEED, SettingError, check, known_keys, setting
from core.checks import RULES as SHARED_RULES

CELLS = ("rnn", "lstm", "gru")
ENGINES = ("torch", "numpy")
DTYPES = ("float32", "float64")
OPTIMIZERS = ("adam", "sgd")
LOSSES = ("mse",)

MAX_SIZE = 4096  # largest time_step / hidden_size accepted
GATES = {"rnn": 1, "lstm": 4, "gru": 3}  # stacked gate blocks per cell
# A step cannot be interrupted, so it must be short for Ctrl+C and q to act at once: its cost is about
# (time_step + STEP_OVERHEAD) x hidden_size² x gates units (the overhead: Adam's update of every weight),
# 1-3 ns each here, so at most ~0.4 s at MAX_STEP_WORK (bench/bench_step_limit.py prints it)
STEP_OVERHEAD = 16
MAX_STEP_WORK = 2**27
MAX_EPOCHS = 10_000_000
MAX_LR = 1e6
DEFAULT_SEED = 1  # the tutorial's torch.manual_seed(1) (its commented-out line)

# The message of each rule, in core's words (the command line shows these): the shared ones and config's own.
RULES = {
    **SHARED_RULES,
    "both_clips": "choose one of clip value and clip norm, not both",
    "numpy_cell": "the numpy engine trains the rnn cell only, not {value}: use --engine torch",
    "step_work": "time_step and hidden_size too large together: (time_step + {overhead}) x hidden_size² x gates "
                 "must be at most {high} so one step stays under a second (Ctrl+C and q act at once); got {value}",
}
NAMES = {"clip_value": "clip value", "clip_norm": "clip norm"}  # a field's name in messages, where not its own


class ConfigError(SettingError):
    """A configuration value is out of range (``field``: the TrainConfig field at fault, or None)."""

    rules = RULES
    names = NAMES


@dataclass(frozen=True)
class TrainConfig:
    """Hyperparameters of the sin -> cos training (defaults: the tutorial's), each declared once."""

    time_step: int = setting(10, high=MAX_SIZE, low=1, flag="--time-step", label="train.f.time_step",
                             help="points per window (TIME_STEP)")
    input_size: int = setting(1, low=1, high=1, help="features per point: the sin value (INPUT_SIZE)")
    hidden_size: int = setting(32, low=1, high=MAX_SIZE, flag="--hidden", label="train.f.hidden", widget="hidden",
                               help="hidden units (HIDDEN_SIZE)")
    lr: float = setting(0.02, kind="positive", high=MAX_LR, flag="--lr", label="train.f.lr", help="the learning rate (LR)")
    epochs: int = setting(100, low=1, high=MAX_EPOCHS, flag="--epochs", label="train.f.epochs",
                          help="training steps, one window each (EPOCH)")
    cell: str = setting("rnn", kind="choice", choices=CELLS, flag="--cell", label="train.f.cell",
                        help="recurrent cell: rnn (tanh), lstm or gru")
    engine: str = setting("torch", kind="choice", choices=ENGINES, flag="--engine", label="train.f.engine",
                          help="torch (the tutorial's) or numpy (fast, rnn only)")
    optimizer: str = setting("adam", kind="choice", choices=OPTIMIZERS, flag="--optimizer", label="train.f.optimizer",
                             options="train.opt",
                             help="adam (the tutorial's) or sgd (plain steps: explodes without clipping at --lr 0.2)")
    loss: str = setting("mse", kind="choice", choices=LOSSES, help="nn.MSELoss, mean over the window")
    dtype: str = setting("float32", kind="choice", choices=DTYPES, flag="--dtype",
                         help="float type: float32 (the tutorial's) or float64")
    seed: int | None = setting(DEFAULT_SEED, high=MAX_SEED, optional=True, none_word="random", flag="--seed",
                               label="train.f.seed", help="the tutorial's torch.manual_seed(N) weights; random: a fresh "
                                                          "seed, shown in the summary")
    clip_value: float | None = setting(None, kind="positive", optional=True, flag="--clip-value", group="clip",
                                       label="train.name.clip_value", widget="clip-c",
                                       help="clip each gradient element to [-C, C] (not with --clip-norm)")
    clip_norm: float | None = setting(None, kind="positive", optional=True, flag="--clip-norm", group="clip",
                                      label="train.name.clip_norm", widget="clip-c",
                                      help="rescale the whole gradient to norm <= C (not with --clip-value)")
    carry_hidden: bool = setting(True, kind="bool", flag="--no-carry", negated=True, label="train.f.carry", widget="carry",
                                 help="carry h over windows, detached (h_state.data); --no-carry starts every window "
                                      "from zero")

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "TrainConfig":
        """Build and validate a config from a dict (unknown keys are an error)."""
        known_keys(ConfigError, data, (f.name for f in fields(cls)))
        return validate(cls(**data))

    def with_(self, **changes) -> "TrainConfig":
        return replace(self, **changes)


def step_work(c: TrainConfig) -> int:
    """The cost of one training step, in the units of MAX_STEP_WORK."""
    return (c.time_step + STEP_OVERHEAD) * c.hidden_size**2 * GATES[c.cell]


def validate(c: TrainConfig) -> TrainConfig:
    """Return ``c`` if every value is usable, else raise ConfigError naming the first bad one."""
    check(ConfigError, c)
    if c.clip_value is not None and c.clip_norm is not None:
        raise ConfigError("clip_value", "both_clips")
    if step_work(c) > MAX_STEP_WORK:
        raise ConfigError("time_step", "step_work", overhead=str(STEP_OVERHEAD), high=f"{MAX_STEP_WORK:,}",
                          value=f"{step_work(c):,}")
    if c.engine == "numpy" and c.cell != "rnn":
        raise ConfigError("cell", "numpy_cell", value=c.cell)
    return c


# The clipping lesson (the tutorial's section 5), one seed for both runs. Plain SGD at lr 0.2
# explodes: the gradient norm grows from 0.5 to ~6e4 and the loss passes 1e6 at step 28-31.
# Clipping each gradient element to [-0.005, 0.005] (every step is clipped: each weight then moves
# at most lr x c = 0.001 a step) trains to a final loss of 0.0071 and unseen MSE 0.013.
# Chosen for its margin, not its luck: across 20 starts nudged by 1e-6 (relative), float32 and
# float64, numpy and torch, these figures agree to 3 digits and every unclipped run diverges
# (tests/test_train.py checks it). lr 0.5 with c 0.1, the first choice, is chaotic: its clipped run
# ended anywhere from 0.06 to 0.26. Adam would not show it: it divides each step by the gradient's own size.
CLIP_PRESET = TrainConfig(optimizer="sgd", lr=0.2, clip_value=0.005)
