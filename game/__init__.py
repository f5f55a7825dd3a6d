"""The pygame-ce game: draws the engine's Session and sends the player's input back.

It never reads YAML, never computes a score and never decides what comes next.
"""
