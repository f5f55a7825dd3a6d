"""Entry point: ``python main.py`` starts the game; ``python main.py COMMAND`` runs a tool."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        try:
            from game.app import run_game
        except ImportError:
            from cli.main import run

            return run(["--help"])
        return run_game()
    from cli.main import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
