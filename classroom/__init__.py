"""Phones vote over the room's network: an aiohttp server the game runs in a thread.

No pygame here: the game draws the QR code and the tally from what ``ClassServer`` returns.
"""

from classroom.ballot import COMMAND_KINDS, Command, Participant, Tally
from classroom.server import ClassServer

__all__ = ["COMMAND_KINDS", "ClassServer", "Command", "Participant", "Tally"]
