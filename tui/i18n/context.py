"""Strings of the Context tab (issue 10) and its unit lens (issue 11)."""

EN = {
    "context.pending": "The Context tab: a small RNN trained here in seconds reads 我不喜欢美女 word by word "
                       "and its answer flips at 不. Its engine is not in this build yet.",
}

ZH = {
    "context.pending": "语境标签页：在这里几秒内训练好的小 RNN 逐词读 我不喜欢美女，读到“不”时答案翻转。"
                       "此版本尚未包含它的引擎。",
}
