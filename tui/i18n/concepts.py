"""Strings of the Concepts tab: short Markdown explanations, one key per section.

Each section ends with a pointer to the tab that shows the idea live. The
walk-through's numbers are placeholders ({u}, {s1}, ...) filled from core.forward.scalar
(tui/tabs/concepts.py), so each is defined once.
"""

import re
import unicodedata


def _width(text: str) -> int:
    """Terminal cells: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def diagram(left: str, right: str) -> str:
    """The folded and the unrolled network as an ASCII code block, headed by ``left`` and ``right``."""
    head = "  " + left + " " * (28 - _width(left)) + right
    return "```text\n" + head + """

       o                      o1          o2          o3
       ^                      ^           ^           ^
       | V                    | V         | V         | V
     +---+                  +----+  W   +----+  W   +----+
  +->| s |--+    s0 --W---> | s1 | ---> | s2 | ---> | s3 |
  |  +---+  |               +----+      +----+      +----+
  +----W----+                 ^           ^           ^
       ^                      | U         | U         | U
       | U                    x1          x2          x3
       x
```"""


EN = {
    "concepts.k.scroll": "scroll the text",
    "concepts.k.ends": "jump to the top / bottom",
    "concepts.title": "# The ideas behind a recurrent network\n\n"
                      "Short notes on what the other tabs show. Scroll with ↑/↓, PgUp/PgDn, Home/End.",
    "concepts.order": """## 1 · A network that reads in order

A recurrent neural network (RNN) takes a sequence one item per time step (a word, a character, one sample
of a signal) and keeps a running summary of everything read so far. A plain fully connected network can see order too
(each input position has its own weights), but it takes a fixed number of inputs, and what it learns about 不 in
position 2 does not carry over to position 3: every position is learnt separately. An RNN carries the 不 forward, so after 美女 the state left by **我不喜欢美女** differs from the one
left by **我喜欢美女**, and so can the answer.

→ *See it live:* **Context** tab (key `2`): a small RNN trained there in seconds reads 我不喜欢美女 word by word and
its answer flips, while an order-blind bag-of-words model gets same-words pairs exactly 50% right. The **Forward**
tab (key `1`), compare mode (key `c`), shows the same two sentences through random weights: the states split at 不,
but nothing has been learned.""",
    "concepts.unrolled": f"""## 2 · Folded and unrolled

Folded, an RNN is a single cell whose state s loops back into itself (the W arrow). Unrolled in time, the loop is
drawn as a chain: one copy of the cell per step, each handing its state to the next. It is still one network:
every copy uses the same weights.

{diagram("folded", "unrolled (one copy per step)")}

For 我爱中国 the words get ids 我=1, 爱=2, 中国=3 and enter as x1, x2, x3.

→ *See it live:* **Forward** tab: the unrolled diagram lights the current step.""",
    "concepts.shared": """## 3 · One U, W and V for every step

* **U** carries the input x into the hidden layer,
* **W** carries the previous hidden state into the new one,
* **V** carries the hidden state out to the output o.

Training adjusts this one set; every step of every sentence applies the same U, W, V. The parameter count does not grow with the length of the sentence,
and a pattern learnt at one position is recognised at any other.

→ *See it live:* **Forward** tab in vector mode (key `m`): the same matrices at every step.""",
    "concepts.memory": """## 4 · The memory is s

The hidden state s is all the network remembers: each step blends the new input with the previous s, and nothing
else from the past survives. In the scalar walk-through (u={u}, w={w}, v={v}, starting state {s0}) reading
1, 2, 3 gives states {s1}, {s2}, {s3} and outputs {o1}, {o2}, {o3}: the last output depends on every input, through s.

→ *See it live:* **Forward** tab: step with → and watch prevS and o change.""",
    "concepts.formulas": """## 5 · The formulas

```text
s_t = f(U·x_t + W·s_(t-1) + b)     hidden state (f: usually tanh)
o_t = g(V·s_t + c)                 output
```

b and c are biases (the tutorial's figure leaves them out; the Forward tab's vector mode uses them).
The scalar version of the walk-through leaves out f, g and the biases:
`s_t = x_t·u + s_(t-1)·w` and `o_t = s_t·v`.

→ *See it live:* **Forward** tab: the equation is filled in with each step's numbers.""",
    "concepts.tbptt": """## 6 · Training: truncated backpropagation through time

Learning sends the output error backwards through the unrolled chain, step by step: backpropagation through
time (BPTT). The sin→cos example learns from windows of 10 steps. At the end of a window the hidden state is
passed on, so the next window starts from where this one ended, but it is detached first
(`h_state = h_state.data`): the gradient stops at the window's edge. This is *truncated* BPTT: every update
costs the same, but no link longer than one window can be learnt through the gradient.

→ *See it live:* **Train** tab (key `3`): the carried, detached state between windows.""",
    "concepts.gradients": """## 7 · Vanishing and exploding gradients, and clipping

Going back one step multiplies the gradient by W (and by the slope of tanh). Over T steps that is a product of
T factors. Factors below 1 shrink it geometrically, so the first steps barely take part in learning (*vanishing*);
factors above 1 blow it up, and one update can wreck the weights (*exploding*). In the scalar RNN the effect of
x_t on o_T is exactly `v·u·w^(T−t)`: with w=0.5 over 20 steps, step 1 counts about 2·10⁻⁶ as much as step 20.

* **Against vanishing:** gated cells (LSTM, GRU) keep a memory path whose gates can stay close to 1, so old
  information is not wiped out at every step.
* **Against exploding:** clip the gradient. By value (the tutorial's rule): anything above c becomes c, anything
  below −c becomes −c. By norm: if the whole gradient is longer than c, scale it down to length c (a shorter one is left as it is).

→ *See it live:* **Gradients** tab (key `4`): one bar per step, the three cells side by side, clipping before
and after.""",
}

ZH = {
    "concepts.k.scroll": "滚动文字",
    "concepts.k.ends": "跳到开头 / 结尾",
    "concepts.title": "# 循环神经网络的原理\n\n"
                      "其他标签页所演示内容的简短说明。用 ↑/↓、PgUp/PgDn、Home/End 滚动。",
    "concepts.order": """## 1 · 按顺序读的网络

循环神经网络（RNN）每个时间步读入序列中的一项（一个词、一个字、信号的一个采样），并对目前为止读过的全部内容保持一个概括。
普通的全连接网络也能看出顺序（每个输入位置有各自的权重），但它只接受固定个数的输入，
而且在第 2 个位置学到的“不”的作用不会用到第 3 个位置：每个位置都要单独学。RNN 会把“不”一路带下去，所以读完“美女”后，**我不喜欢美女** 留下的状态和
**我喜欢美女** 留下的不一样，得出的结论也就可以不同。

→ *实时演示：* **语境** 标签页（按 `2`）：在那里几秒内训练好的小 RNN 逐词读 我不喜欢美女，答案随之翻转；
不看词序的词袋模型在同词反义句对上恰好只对 50%。**前向** 标签页（按 `1`）的对比模式（按 `c`）用随机权重读同样两句：
隐藏状态在“不”处分开，但什么也没有学到。""",
    "concepts.unrolled": f"""## 2 · 折叠图与展开图

折叠起来看，RNN 只有一个单元，它的状态 s 绕回自身（W 那条箭头）。沿时间展开后，这个环画成一条链：
每个时间步一份单元副本，每份把自己的状态交给下一份。它仍然是同一个网络：所有副本用同一组权重。

{diagram("折叠", "展开（每步一份）")}

“我爱中国”里的词编号为 我=1、爱=2、中国=3，依次作为 x1、x2、x3 输入。

→ *实时演示：* **前向** 标签页：展开图会点亮当前时间步。""",
    "concepts.shared": """## 3 · 每一步都用同一组 U、W、V

* **U** 把输入 x 送进隐藏层，
* **W** 把上一步的隐藏状态送进新的隐藏状态，
* **V** 把隐藏状态送到输出 o。

训练调整的就是这一组权重；每个句子的每一步都用同样的 U、W、V。参数的数量不随句子变长而增加，在某个位置学到的规律在别的位置同样适用。

→ *实时演示：* **前向** 标签页的向量模式（按 `m`）：每一步都是同样的矩阵。""",
    "concepts.memory": """## 4 · 记忆就是 s

隐藏状态 s 是网络记住的全部内容：每一步把新输入和上一步的 s 混合起来，过去的其他东西都不会留下。
在标量示例里（u={u}，w={w}，v={v}，初始状态为 {s0}），依次读入 1、2、3，状态为 {s1}、{s2}、{s3}，输出为 {o1}、{o2}、{o3}：
最后的输出通过 s 取决于每一个输入。

→ *实时演示：* **前向** 标签页：按 → 单步前进，看 prevS 和 o 如何变化。""",
    "concepts.formulas": """## 5 · 公式

```text
s_t = f(U·x_t + W·s_(t-1) + b)     隐藏状态（f 通常是 tanh）
o_t = g(V·s_t + c)                 输出
```

b、c 是偏置（教程的图里省略了它们；前向标签页的向量模式用到了它们）。
标量示例去掉了 f、g 和偏置：`s_t = x_t·u + s_(t-1)·w`，`o_t = s_t·v`。

→ *实时演示：* **前向** 标签页：公式里会填入每一步的具体数字。""",
    "concepts.tbptt": """## 6 · 训练：截断的沿时间反向传播

学习时，输出的误差沿展开的链一步一步往回传，这叫沿时间反向传播（BPTT）。sin→cos 的例子每次用 10 个时间步的
窗口来学。一个窗口结束时，隐藏状态会传给下一个窗口，让它接着上次的地方开始，但传之前先断开梯度
（`h_state = h_state.data`）：梯度到窗口边界就停下。这就是 *截断的* BPTT：每次更新的计算量都一样，
但长于一个窗口的联系无法通过梯度学到。

→ *实时演示：* **训练** 标签页（按 `3`）：窗口之间传递并断开梯度的隐藏状态。""",
    "concepts.gradients": """## 7 · 梯度消失、梯度爆炸与梯度裁剪

每往回走一步，梯度就要乘一次 W（还要乘 tanh 的斜率）。走 T 步就是 T 个因子连乘。因子小于 1，乘积按几何级数缩小，
最早的几步几乎不参与学习（*梯度消失*）；因子大于 1，乘积急剧变大，一次更新就可能毁掉权重（*梯度爆炸*）。
在标量 RNN 中，x_t 对 o_T 的影响恰为 `v·u·w^(T−t)`：w=0.5、共 20 步时，第 1 步的分量只有第 20 步的约 2·10⁻⁶。

* **对付梯度消失**： 门控单元（LSTM、GRU）有一条记忆通路，门可以保持在接近 1 的位置，旧信息不会每一步都被抹掉。
* **对付梯度爆炸**： 裁剪梯度。按值裁剪（教程的规则）：大于 c 的变成 c，小于 −c 的变成 −c。
  按范数裁剪：整个梯度的长度超过 c 时，把它缩放到长度 c（不超过则不变）。

→ *实时演示：* **梯度** 标签页（按 `4`）：每个时间步一根柱子，三种单元并排对比，以及裁剪前后的对比。""",
}

SECTIONS = ("title", "order", "unrolled", "shared", "memory", "formulas", "tbptt", "gradients")


_CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
_GAP = re.compile(f"(?<=[{_CJK}]) (?=[A-Za-z0-9`{{]|\\*\\*)|(?:(?<=[A-Za-z0-9`}}])|(?<=\\*\\*)) (?=[{_CJK}])")  # {u}: a number


def _unwrap(markdown: str) -> str:
    """Join a paragraph's source lines with no space (Markdown would put one between
    them, which is wrong inside Chinese text) and drop the spaces between Chinese
    and Latin letters, so the text wraps as one run instead of breaking early at
    those spaces. Code blocks are left alone."""
    out: list[str] = []
    fenced = False
    for line in markdown.split("\n"):
        if line.startswith("```"):
            fenced = not fenced
            out.append(line)
            continue
        starts_block = not line.strip() or line.lstrip().startswith(("* ", "#", "→", "```"))
        if not fenced:
            line = _GAP.sub("", line)
        if not fenced and not starts_block and out and out[-1].strip() and not out[-1].startswith(("```", "#")):
            out[-1] += line.strip()
        else:
            out.append(line)
    return "\n".join(out)


ZH = {key: _unwrap(text) if key.startswith("concepts.") else text for key, text in ZH.items()}
