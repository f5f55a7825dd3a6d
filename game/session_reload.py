"""Hot reload for a play-through: continue the same scenario from the same node if it exists.

The game does not compute anything here: it starts a fresh engine Session on the reloaded
story and moves it to the node the player was at, keeping the variables and scores the
engine had produced (variables the new version no longer declares are dropped).
"""

from __future__ import annotations

from engine.library import Library
from engine.session import Decision, Session
from engine.ui_text import tr


def restart_at_same_node(library: Library, old: Session, lang: str = "id") -> tuple[Session, str]:
    """The new session, and a message for the player when it could not keep its place."""
    story_id = old.story.id
    if story_id not in library.stories:
        return old, tr("game_scenario_gone", lang, id=story_id)
    new = Session(library, story_id)
    sc = new.story.scenario
    if old.ending is not None and old.ending in sc.endings:
        new.ending = old.ending
    elif old.node in sc.nodes:
        new.node = old.node
    else:
        return new, tr("game_restarted", lang, id=story_id, node=old.node)
    for name, value in old.variables.items():
        if name in new.variables and type(value) is type(new.variables[name]):
            new.variables[name] = value
    new.scores.update({k: v for k, v in old.scores.items() if k in new.scores})
    new.history = [
        Decision(d.node, d.choice, d.day)
        for d in old.history
        if d.node in sc.nodes and d.choice < len(sc.nodes[d.node].choices)
    ]
    return new, ""
