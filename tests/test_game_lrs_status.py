"""The game says how many xAPI statements wait for the LRS, and never waits for it."""

from __future__ import annotations

from dataclasses import dataclass

from game_helpers import frames, make_app


@dataclass
class StubSender:
    """Stands in for engine.lrs_sender.Sender: what the status line reads, nothing else."""

    count: int
    status: str
    stopped: bool = False

    def waiting(self) -> int:
        return self.count

    def stop(self, timeout: float = 2.0) -> None:
        self.stopped = True


def test_the_status_line_shows_what_waits_and_hides_when_all_is_sent(tmp_path) -> None:
    app = make_app(tmp_path)
    app.sender = StubSender(12, "offline")
    frames(app)
    assert "xAPI: LRS tak terjangkau; 12 pernyataan menunggu" in app.text.frame_texts
    app.sender.count, app.sender.status = 3, "sending"
    frames(app)  # a new count redraws by itself, without any input
    assert "xAPI: 3 pernyataan menunggu dikirim" in app.text.frame_texts
    app.sender.count, app.sender.status = 0, "idle"
    frames(app)
    assert not any(t.startswith("xAPI:") for t in app.text.frame_texts)
    sender = app.sender
    app.flow.close()  # as when the game closes
    assert sender.stopped and app.sender is None
