"""The transparent engine: the tutorial's tanh RNN + Linear, trained in plain NumPy.

The same model as ``core.sincos.train_torch`` (``nn.RNN(1, H, batch_first=True)`` +
``nn.Linear(H, 1)``, MSE, torch's Adam or plain SGD), with every step written out:

    a_t = U·x_t + b_ih + W·s_{t-1} + b_hh    (pre-activation, (H,))
    s_t = tanh(a_t)                          (hidden state, (H,))
    o_t = V·s_t + c                          (prediction, scalar)
    L   = mean_t (o_t - y_t)^2               (MSE over the window)

Backpropagation through the window runs the forward loop backwards
(Karpathy's min-char-rnn style). Started from the same weights, it gives
torch's losses to ~1e-15 in float64.

Speed: all parameters live in one flat buffer (U, W, b_ih, b_hh, V, c are
views into it), and so do their gradients, so clipping and Adam are a few
whole-vector operations; the per-window work arrays are allocated once.
"""

from __future__ import annotations

import numpy as np

from core.clip import clip_by_norm, clip_by_value, total_norm
from core.forward.vector import recur
from core.sincos.config import TrainConfig
from core.sincos.engine import EngineStep
from core.sincos.init import shapes
from core.sincos.resume import AdamState

BETA1, BETA2, EPS = 0.9, 0.999, 1e-8  # torch.optim.Adam's defaults


class _Work:
    """Arrays one window of T steps needs, allocated once (rows cached as views)."""

    def __init__(self, T: int, H: int, dtype: np.dtype):
        self.inp = np.zeros((T, H), dtype)  # U·x_t + b_ih + b_hh, row t-1 for step t
        self.s = np.zeros((T + 1, H), dtype)  # s[0] = s_0, s[t] = s_t
        self.da = np.zeros((T, H), dtype)  # dL/da_t, row t-1 for step t
        self.ds_out = np.zeros((T, H), dtype)  # dL/ds_t through o_t
        self.zeros = np.zeros(H, dtype)  # dL/ds_T from after the window: none
        self.inp_rows, self.da_rows = list(self.inp), list(self.da)
        self.s_rows = list(self.s)  # s_rows[0] = s_0, s_rows[1:]: where the recurrence writes s_1..s_T
        self.s_out_rows = self.s_rows[1:]


class NumpyEngine:
    """One optimisation step at a time, the interface of ``TorchEngine``.

    Args:
        config: a validated config with ``cell == "rnn"``.
        weights: initial weights named like torch's state_dict (see core.sincos.init).
    """

    def __init__(self, config: TrainConfig, weights: dict[str, np.ndarray]):
        if config.cell != "rnn":
            raise ValueError(f"the numpy engine trains the rnn cell only, not {config.cell}")
        self.config = config
        self.dtype = np.dtype(config.dtype)
        self._shapes = shapes(config)  # name -> shape, in torch's parameter order
        n = sum(int(np.prod(s)) for s in self._shapes.values())
        self.theta = np.zeros(n, self.dtype)  # every parameter, one flat vector
        self.grad = np.zeros(n, self.dtype)  # dL/dtheta, same layout
        self.m = np.zeros(n, self.dtype)  # Adam's first moment (exp_avg)
        self.v = np.zeros(n, self.dtype)  # Adam's second moment (exp_avg_sq)
        self._tmp = np.zeros(n, self.dtype)  # Adam scratch
        self._denom = np.zeros(n, self.dtype)  # Adam scratch
        self.n_steps = 0  # Adam's step counter
        p, g = self._views(self.theta), self._views(self.grad)
        self.U, self.W, self.b_ih, self.b_hh, self.V, self.c = p  # (H,1) (H,H) (H,) (H,) (1,H) (1,)
        self.dU, self.dW, self.db_ih, self.db_hh, self.dV, self.dc = g
        self._buffers: dict[int, _Work] = {}  # window length -> work arrays
        self.set_weights(weights)

    # -- weights -----------------------------------------------------------------

    def _views(self, flat: np.ndarray) -> list[np.ndarray]:
        """``flat`` cut into arrays shaped like the state_dict entries (views, no copies)."""
        out, i = [], 0
        for shape in self._shapes.values():
            size = int(np.prod(shape))
            out.append(flat[i : i + size].reshape(shape))
            i += size
        return out

    def set_weights(self, weights: dict[str, np.ndarray]) -> None:
        """Copy ``weights`` in (names and shapes as in ``core.sincos.init.shapes``)."""
        missing = sorted(set(self._shapes) - set(weights))
        if missing:
            raise ValueError(f"missing weights: {', '.join(missing)}")
        for view, (name, shape) in zip(self._views(self.theta), self._shapes.items()):
            value = np.asarray(weights[name])
            if value.shape != shape:
                raise ValueError(f"{name} has shape {value.shape}, expected {shape}")
            view[...] = value

    def weights(self) -> dict[str, np.ndarray]:
        """The current weights (copies), named like torch's state_dict."""
        return {name: v.copy() for name, v in zip(self._shapes, self._views(self.theta))}

    def adam_state(self) -> AdamState | None:
        """Adam's step count and moments (copies, per weight); None before the first Adam step."""
        if self.n_steps == 0:
            return None
        names = list(self._shapes)
        return AdamState(self.n_steps, *({n: a.copy() for n, a in zip(names, self._views(flat))} for flat in (self.m, self.v)))

    def set_adam_state(self, state: AdamState) -> None:
        """Continue Adam from ``state`` (e.g. a model file's, or torch's)."""
        for flat, moment in ((self.m, state.exp_avg), (self.v, state.exp_avg_sq)):
            for view, name in zip(self._views(flat), self._shapes):
                view[...] = moment[name]
        self.n_steps = state.step

    # -- forward and backward ------------------------------------------------------

    def _work(self, T: int) -> "_Work":
        """Work arrays for a window of T steps, allocated once per length."""
        if T not in self._buffers:
            self._buffers[T] = _Work(T, self.config.hidden_size, self.dtype)
        return self._buffers[T]

    def _forward(self, x: np.ndarray, h0) -> tuple[np.ndarray, np.ndarray]:
        """Run the window. x (T,) -> (s (T+1, H) with s[0] = h0, o (T,))."""
        w = self._work(len(x))
        s = w.s
        s[0] = 0 if h0 is None else np.asarray(h0, self.dtype).reshape(-1)
        np.dot(x[:, None], self.U.T, out=w.inp)  # U·x_t for every t at once: the input is not recurrent
        w.inp += self.b_ih + self.b_hh
        # s_t = tanh(U·x_t + b + W·s_{t-1}), written into the window's rows (core.forward.vector's recurrence)
        recur(w.inp_rows, self.W, np.tanh, s[0], out_s=w.s_out_rows, keep_a=False)
        o = np.dot(s[1:], self.V[0]) + self.c[0]  # o_t = V·s_t + c, (T,)
        return s, o

    def _backward(self, x: np.ndarray, s: np.ndarray, do: np.ndarray) -> None:
        """Fill ``self.grad`` from dL/do (T,), mirroring ``_forward`` step by step backwards."""
        w = self._work(len(x))
        da, da_rows = w.da, w.da_rows
        np.dot(do, s[1:], out=self.dV[0])  # dL/dV = Σ_t do_t·s_t
        self.dc[0] = do.sum()  # dL/dc = Σ_t do_t
        np.dot(do[:, None], self.V, out=w.ds_out)  # dL/ds_t through o_t, (T, H)
        dtanh = 1 - s[1:] * s[1:]  # tanh'(a_t) = 1 - s_t², (T, H)
        W, dot, multiply, ds_out = self.W, np.dot, np.multiply, w.ds_out
        ds_next = w.zeros  # dL/ds_t through s_{t+1} (none after the last step)
        for t in reversed(range(len(x))):  # step t+1 of the window, last first
            multiply(ds_out[t] + ds_next, dtanh[t], out=da_rows[t])  # dL/da_t
            ds_next = dot(da_rows[t], W)  # dL/ds_{t-1} = Wᵀ·dL/da_t
        # Shared weights: the gradient is the sum over every step.
        dot(da.T, s[:-1], out=self.dW)  # dL/dW = Σ_t da_t·s_{t-1}ᵀ
        dot(da.T, x[:, None], out=self.dU)  # dL/dU = Σ_t da_t·x_t
        np.sum(da, axis=0, out=self.db_ih)  # dL/db_ih = Σ_t da_t
        self.db_hh[...] = self.db_ih  # b_hh enters a_t exactly like b_ih

    # -- the optimiser -------------------------------------------------------------

    def _clip(self) -> np.ndarray:
        """The gradient after the config's clipping (core.clip), as one flat vector."""
        c = self.config
        if c.clip_value is not None:
            return clip_by_value([self.grad], c.clip_value)[0]
        if c.clip_norm is not None:
            return clip_by_norm([self.grad], c.clip_norm)[0]
        return self.grad

    def _update(self, g: np.ndarray) -> None:
        """The config's optimiser step: Adam (the tutorial's) or plain SGD (θ -= lr·g)."""
        if self.config.optimizer == "sgd":
            self.theta -= self.config.lr * g  # torch.optim.SGD, no momentum
        else:
            self._adam(g)

    def _adam(self, g: np.ndarray) -> None:
        """One torch.optim.Adam step (single-tensor path, same operation order)."""
        lr = self.config.lr
        m, v, tmp, denom = self.m, self.v, self._tmp, self._denom
        self.n_steps += 1
        np.subtract(g, m, out=tmp)  # m.lerp_(g, 1 - β1) = m + (1 - β1)(g - m)
        tmp *= 1 - BETA1
        m += tmp
        v *= BETA2  # v.mul_(β2).addcmul_(g, g, value=1 - β2)
        np.multiply(g, 1 - BETA2, out=tmp)
        tmp *= g
        v += tmp
        step_size = lr / (1 - BETA1**self.n_steps)  # bias corrections
        bias_correction2_sqrt = (1 - BETA2**self.n_steps) ** 0.5
        np.sqrt(v, out=denom)  # denom = sqrt(v) / sqrt(bc2) + eps
        denom /= bias_correction2_sqrt
        denom += EPS
        np.multiply(m, -step_size, out=tmp)  # θ.addcdiv_(m, denom, value=-step_size)
        tmp /= denom
        self.theta += tmp

    # -- the engine interface ------------------------------------------------------

    def step(self, x: np.ndarray, y: np.ndarray, h0):
        """One window: forward, MSE, backward through the window, clip, Adam.

        Args:
            x, y: input and target, (1, T, 1).
            h0: hidden state (H,) carried in, or None for zeros.

        Returns:
            EngineStep(loss, prediction (1, T, 1), h after the window (H,), gradient norm and
            largest |element|, both before clipping).
        """
        with np.errstate(all="ignore"):  # a diverging run ends in a NaN loss, not warnings
            x = np.asarray(x, self.dtype).reshape(-1)
            y = np.asarray(y, self.dtype).reshape(-1)
            s, o = self._forward(x, h0)
            err = o - y
            loss = float(err @ err) / len(x)  # MSE, mean over the window
            self._backward(x, s, err * (2 / len(x)))  # dL/do_t = 2(o_t - y_t)/T
            grad_norm = total_norm([self.grad])
            grad_max = float(np.abs(self.grad).max())
            self._update(self._clip())
        return EngineStep(loss, o.reshape(1, -1, 1), s[-1].copy(), grad_norm, grad_max)

    def predict(self, x: np.ndarray, h0):
        """Forward only: (prediction (1, T, 1), h after the window (H,))."""
        with np.errstate(all="ignore"):
            x = np.asarray(x, self.dtype).reshape(-1)
            s, o = self._forward(x, h0)
        return o.reshape(1, -1, 1), s[-1].copy()
