"""Subcommands of ``python main.py COMMAND``: one module each, with ``add_parser`` and ``run``."""
