"""``python -m tui``: the same as the ``rnn-tui`` command."""

from tui.cli.entry import main

raise SystemExit(main())
