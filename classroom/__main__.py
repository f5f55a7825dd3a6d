"""``python -m classroom``: the phone server on its own, to try the pages on real phones.

Prints the join URL (and a QR code in the terminal), the facilitator URL and PIN, then every
tally change and facilitator command; ``open_vote`` and ``close_vote`` commands are applied
the way the game would apply them. Ctrl-C (or ``--seconds``) stops it.
"""

from __future__ import annotations

import argparse
import sys
import time

import segno

from classroom.server import ClassServer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m classroom")
    parser.add_argument("--host", default="0.0.0.0", help="address to bind (default: all)")
    parser.add_argument("--port", type=int, default=8765, help="0 picks a free port")
    parser.add_argument(
        "--vote",
        nargs="+",
        default=["1", "2", "3"],
        metavar="LABEL",
        help="labels of the demo vote's options",
    )
    parser.add_argument("--notes", default="", help="facilitator notes to publish")
    parser.add_argument("--seconds", type=float, default=0, help="stop after this long")
    args = parser.parse_args(argv)
    try:
        server = ClassServer.start(args.host, args.port)
    except OSError as exc:
        print(f"cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 2
    print(f"join:        {server.join_url}", flush=True)
    for url in server.lan_urls():
        if url != server.join_url:
            print(f"also:        {url}")
    print(f"room code:   {server.room_code}")
    print(f"facilitator: {server.facilitator_url}  PIN {server.pin}", flush=True)
    if sys.stdout.isatty():
        segno.make(server.join_url, error="m").terminal(compact=True)
    server.publish_state({"notes": args.notes} if args.notes else {})
    server.open_vote("demo", args.vote)
    shown = None
    end = time.monotonic() + args.seconds if args.seconds else float("inf")
    try:
        while time.monotonic() < end:
            for cmd in server.poll_commands():
                print(f"command: {cmd.kind}" + (f" {cmd.arg}" if cmd.arg is not None else ""))
                if cmd.kind == "open_vote":
                    server.open_vote("demo", args.vote)
                elif cmd.kind == "close_vote":
                    server.close_vote()
            tally = server.tally()
            now = (tally.ballot, tally.counts, tally.open, tally.named)
            if now != shown:
                shown = now
                state = "open" if tally.open else "closed"
                print(
                    f"ballot {tally.ballot} ({state}): {list(tally.counts)} {dict(tally.named)}",
                    flush=True,
                )
            time.sleep(1 / 30)  # like a frame loop
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
