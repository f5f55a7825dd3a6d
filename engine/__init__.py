"""The BerAKHLAK scenario engine: load YAML dilemmas, play them, debrief them.

No pygame here: everything a screen shows is computed in this package so that the
command line, the text player, lint and the tests share one source of truth.
"""
