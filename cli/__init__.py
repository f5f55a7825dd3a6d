"""The command line (``python main.py COMMAND``): above the engine, so it may use ``game/``
for what needs a font or a drawing (lint's text measurer, the report chart)."""
