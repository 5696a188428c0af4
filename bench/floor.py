"""The floor: the cheapest room broadcast this stack can do, to hold Weefwerk against.

Every socket that connects joins the one room `all`; a `shout` is sent back out to that
room exactly as it came in (the sender gets it too, as a Weefwerk phone gets its own
card's `event`). Nothing is checked, stored or logged. Weefwerk on the same machine, async
mode and client swarm cannot fan out faster than this, so the benchmark reports Weefwerk
as a ratio to it, measured in the same run.

    python bench/floor.py --port 5998 [--mode eventlet|threading] [--max-connections N]

Like serve.py, it monkey-patches before Flask is imported.
"""
import argparse
import sys

ARGS = argparse.ArgumentParser(description=__doc__.splitlines()[0])
ARGS.add_argument("--host", default="127.0.0.1")
ARGS.add_argument("--port", type=int, required=True)
ARGS.add_argument("--mode", choices=("eventlet", "threading"), default="eventlet")
ARGS.add_argument("--max-connections", type=int, default=5000,
                  help="eventlet's connection cap (serve.py uses 5000 as well)")
OPTIONS = ARGS.parse_args()

if OPTIONS.mode == "eventlet":
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # eventlet announces its own deprecation
        import eventlet

    eventlet.monkey_patch()

from flask import Flask  # noqa: E402
from flask_socketio import SocketIO, emit, join_room  # noqa: E402

ROOM = "all"

app = Flask(__name__)
io = SocketIO(app, async_mode=OPTIONS.mode)


@app.get("/")
def ready():
    return "floor\n"


@io.on("connect")
def connected(auth=None):
    join_room(ROOM)


@io.on("shout")
def shout(message):
    emit("shout", message, to=ROOM)


def main() -> None:
    print(f"floor listening on http://{OPTIONS.host}:{OPTIONS.port}/ ({OPTIONS.mode})",
          flush=True)
    extra = ({"max_size": OPTIONS.max_connections} if OPTIONS.mode == "eventlet"
             else {"allow_unsafe_werkzeug": True})
    io.run(app, host=OPTIONS.host, port=OPTIONS.port, log_output=False, **extra)


if __name__ == "__main__":
    sys.exit(main())
