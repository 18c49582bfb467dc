"""Strings of the Gradients tab."""

EN = {
    "gradients.cell": "cell",
    "gradients.cell.scalar": "scalar",
    "gradients.cell.rnn": "tanh RNN",
    "gradients.cell.lstm": "LSTM",
    "gradients.cell.gru": "GRU",
    "gradients.length": "length T",
    "gradients.scale": "W scale",
    "gradients.w": "w",
    "gradients.hidden": "hidden H",
    "gradients.seed": "seed",
    "gradients.gate": "gate b",
    "gradients.gate_default": "torch",
    "gradients.clip": "clip c",
    "gradients.keys": "←/→ pick a step\nv next view\nesc leave a field",
    "gradients.view.one": "one cell",
    "gradients.view.compare": "RNN·LSTM·GRU",
    "gradients.view.trained": "trained",
    "gradients.view.clip": "clipping",
    "gradients.computing": "computing…",
    "gradients.title": "‖∂o_T/∂x_t‖, t = 1…{n}: how much the last output moves when input x_t moves (log scale)",
    "gradients.title_scalar": "‖∂o_T/∂x_t‖, t = 1…{n}, scalar RNN with u = 1, v = 2: exactly |v·u·w^(T−t)| (log scale)",
    "gradients.selected": "step {t} of {n}: ‖∂o_T/∂x_{t}‖ = {value}",
    "gradients.verdict": "Trend over all {n} steps (least-squares fit): each step further back multiplies the gradient by ×{per}, so step 1 gets {total} × what step {n} gets: {verdict}",
    "gradients.verdict.vanishing": "vanishing",
    "gradients.verdict.stable": "stable",
    "gradients.verdict.exploding": "exploding",
    "gradients.verdict.vanishing_hint": "early inputs barely reach o_T: the network forgets them.",
    "gradients.verdict.stable_hint": "every step still reaches o_T.",
    "gradients.verdict.exploding_hint": "early inputs swamp the update: clip the gradient (see clipping).",
    "gradients.series": "{name} · ×{per} per step back · {verdict} · step {t}: {value}",
    "gradients.rnn_name": "tanh RNN",
    "gradients.lstm_name": "LSTM, b_f = {b}",
    "gradients.gru_name": "GRU, b_z = {b}",
    "gradients.compare_hint": "Fair: same inputs and the same init for all three, every weight uniform in ±1/√H "
                              "(torch's default), the recurrent ones × {scale}. What differs is the gate: bias b = {b} "
                              "starts the LSTM's forget gate f and the GRU's update gate z at σ(b) = {open}, so each step "
                              "keeps most of the old state. Empty b: torch's plain init. Untrained weights: "
                              "the trained view shows what learning does with them.",
    "gradients.before": "before: scalar RNN, w = 1.5, T = 50 · ‖g‖ = {norm} · step {t}: {value}",
    "gradients.by_value": "by value, c = {c} · ‖g‖ = {norm} · step {t}: {value}",
    "gradients.by_norm": "by norm, c = {c} · ‖g‖ = {norm} · step {t}: {value}",
    "gradients.rule": "The tutorial's rule: a gradient above c becomes c, one below −c becomes −c (clip by value). "
                      "Clip by norm instead scales the whole gradient down to length c, keeping its direction.",
    "gradients.bad.int": "{name}: a whole number from {low} to {high}",
    "gradients.bad.range": "{name}: a number from {low} to {high}",
    "gradients.bad.positive": "{name}: a number above 0",
    "gradients.bad.gate": "{name}: empty (torch's plain init) or a number from -{high} to {high}",
    "gradients.failed": "Could not compute: {error}",
    "gradients.k.step": "pick the previous / next time step",
    "gradients.k.ends": "pick the first / last time step",
    "gradients.k.view": "next view: one cell, RNN vs LSTM vs GRU, trained on recall, clipping",
    "gradients.trained_task": "Each cell trained to recall: read {n} random numbers, output x_{target} ({delay} steps before the end). "
                              "Same budget for all three: H = {hidden}, {steps} Adam steps, lr {lr}, batches of {batch}, the init above.",
    "gradients.trained_training": "training {name}: step {step}/{steps}, loss {loss}",
    "gradients.trained_waiting": "waits for the cells before it",
    "gradients.trained_mixed": "This seed does not split them cleanly (recall error above 0.5 means the cell did not learn "
                               "to remember): the gates make a long memory easy to learn, not certain. Try another seed.",
    "gradients.trained_series": "{name} · recall error {error} · ‖∂o_T/∂x_{target}‖ = {value}",
    "gradients.trained_why": "Why: the LSTM's cell c_t = f·c_(t−1) + i·g and the GRU's h_t = z·h_(t−1) + (1−z)·n pass the old "
                             "state on through a gate near 1, so the gradient flows back almost unchanged; the tanh RNN "
                             "multiplies it by Wᵀ·tanh′ at every step, so {delay} steps back it has faded and training "
                             "cannot find x_{target}. (Recall error 1 = no memory; 0 = perfect. Another seed may differ.)",
}

ZH = {
    "gradients.cell": "单元",
    "gradients.cell.scalar": "标量",
    "gradients.cell.rnn": "tanh RNN",
    "gradients.cell.lstm": "LSTM",
    "gradients.cell.gru": "GRU",
    "gradients.length": "长度 T",
    "gradients.scale": "W 倍数",
    "gradients.w": "w",
    "gradients.hidden": "隐藏 H",
    "gradients.seed": "种子",
    "gradients.gate": "门偏置 b",
    "gradients.gate_default": "torch",
    "gradients.clip": "裁剪 c",
    "gradients.keys": "←/→ 选时间步\nv 下一视图\nesc 离开输入框",
    "gradients.view.one": "单个单元",
    "gradients.view.compare": "RNN·LSTM·GRU",
    "gradients.view.trained": "训练后",
    "gradients.view.clip": "梯度裁剪",
    "gradients.computing": "计算中…",
    "gradients.title": "‖∂o_T/∂x_t‖，t = 1…{n}：输入 x_t 变动时最后输出 o_T 变动多少（对数刻度）",
    "gradients.title_scalar": "‖∂o_T/∂x_t‖，t = 1…{n}，标量 RNN（u = 1，v = 2）：恰为 |v·u·w^(T−t)|（对数刻度）",
    "gradients.selected": "第 {t} 步（共 {n} 步）：‖∂o_T/∂x_{t}‖ = {value}",
    "gradients.verdict": "全部 {n} 步的趋势（最小二乘拟合）：每往前一步，梯度乘以 ×{per}，第 1 步得到的是第 {n} 步的 {total} 倍：{verdict}",
    "gradients.verdict.vanishing": "梯度消失",
    "gradients.verdict.stable": "稳定",
    "gradients.verdict.exploding": "梯度爆炸",
    "gradients.verdict.vanishing_hint": "早先的输入几乎影响不到 o_T：网络把它们忘了。",
    "gradients.verdict.stable_hint": "每一步都还能影响到 o_T。",
    "gradients.verdict.exploding_hint": "早先的输入压倒了更新：需要裁剪梯度（见“梯度裁剪”）。",
    "gradients.series": "{name} · 每往前一步 ×{per} · {verdict} · 第 {t} 步：{value}",
    "gradients.rnn_name": "tanh RNN",
    "gradients.lstm_name": "LSTM，b_f = {b}",
    "gradients.gru_name": "GRU，b_z = {b}",
    "gradients.compare_hint": "公平比较：三者输入相同、初始化相同，所有权重在 ±1/√H 内均匀随机（torch 默认），"
                              "循环权重再乘以 {scale}。不同的只有门：偏置 b = {b} 让 LSTM 的遗忘门 f 和 GRU 的更新门 z "
                              "一开始就是 σ(b) = {open}，每一步都保留大部分旧状态。b 留空：torch 的原始初始化。"
                              "这些是未训练的随机权重；训练后的效果见“训练后”视图。",
    "gradients.before": "裁剪前：标量 RNN，w = 1.5，T = 50 · ‖g‖ = {norm} · 第 {t} 步：{value}",
    "gradients.by_value": "按值裁剪，c = {c} · ‖g‖ = {norm} · 第 {t} 步：{value}",
    "gradients.by_norm": "按范数裁剪，c = {c} · ‖g‖ = {norm} · 第 {t} 步：{value}",
    "gradients.rule": "教程的规则：梯度大于 c 就设为 c，小于 −c 就设为 −c（按值裁剪）。"
                      "按范数裁剪则把整个梯度缩放到长度 c，方向不变。",
    "gradients.bad.int": "{name}：{low} 到 {high} 之间的整数",
    "gradients.bad.range": "{name}：{low} 到 {high} 之间的数",
    "gradients.bad.positive": "{name}：大于 0 的数",
    "gradients.bad.gate": "{name}：留空（torch 原始初始化）或 -{high} 到 {high} 之间的数",
    "gradients.failed": "无法计算：{error}",
    "gradients.k.step": "选上一个 / 下一个时间步",
    "gradients.k.ends": "选第一个 / 最后一个时间步",
    "gradients.k.view": "下一视图：单个单元、RNN/LSTM/GRU 对比、训练后的回忆任务、梯度裁剪",
    "gradients.trained_task": "每个单元都训练去回忆：读入 {n} 个随机数，输出 x_{target}（结尾前 {delay} 步的那个）。"
                              "三者预算相同：H = {hidden}，{steps} 步 Adam，学习率 {lr}，每批 {batch} 条，初始化同上。",
    "gradients.trained_training": "正在训练 {name}：第 {step}/{steps} 步，损失 {loss}",
    "gradients.trained_waiting": "等前面的单元训练完",
    "gradients.trained_mixed": "这个种子下三者没有清楚分开（回忆误差高于 0.5 说明该单元没学会记住）："
                               "门让长记忆容易学会，但并不保证。换个种子试试。",
    "gradients.trained_series": "{name} · 回忆误差 {error} · ‖∂o_T/∂x_{target}‖ = {value}",
    "gradients.trained_why": "原因：LSTM 的细胞 c_t = f·c_(t−1) + i·g 和 GRU 的 h_t = z·h_(t−1) + (1−z)·n 通过接近 1 的门"
                             "把旧状态传下去，梯度几乎不衰减地流回；tanh RNN 每一步都把梯度乘以 Wᵀ·tanh′，{delay} 步之前就已消失，"
                             "训练找不到 x_{target}。（回忆误差 1 = 毫无记忆，0 = 完美；换个种子结果可能不同。）",
}
