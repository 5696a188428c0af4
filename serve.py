"""Start Weefwerk: the one entry point, and the only module that imports eventlet or gevent.

eventlet (the default) or gevent (the documented alternative, docs/deploy.md) must
monkey-patch before anything else is imported, so this module lives outside the `server`
package (importing `server.anything` would import Flask first).
`WEEFWERK_ASYNC_MODE=threading` runs without either, for debugging.
"""
import os

ASYNC_MODE = os.environ.setdefault("WEEFWERK_ASYNC_MODE", "eventlet")
if ASYNC_MODE == "eventlet":
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # eventlet announces its own deprecation
        import eventlet

    eventlet.monkey_patch()  # psycopg2 included: eventlet hands its waits to the hub
elif ASYNC_MODE == "gevent":
    from gevent import monkey

    monkey.patch_all()

MAX_CONNECTIONS = int(os.environ.get("WEEFWERK_MAX_CONNECTIONS", "5000"))


def psycopg2_waits_in_gevent() -> None:
    """Let a PostgreSQL query wait without stopping every other greenlet.

    psycopg2 is C and reads its socket itself, out of reach of gevent's monkey-patching:
    under gevent one slow query would freeze every phone's socket. psycopg2 hands the
    waiting to a callback when one is set; this one waits in gevent's hub. (eventlet's
    `monkey_patch` sets the same kind of callback for its own hub.)"""
    import psycopg2
    from gevent.socket import wait_read, wait_write
    from psycopg2 import extensions

    def wait(connection, timeout=None):
        while True:
            state = connection.poll()
            if state == extensions.POLL_OK:
                return
            if state == extensions.POLL_READ:
                wait_read(connection.fileno(), timeout=timeout)
            elif state == extensions.POLL_WRITE:
                wait_write(connection.fileno(), timeout=timeout)
            else:
                raise psycopg2.OperationalError(f"psycopg2 polled an unknown state {state!r}")

    extensions.set_wait_callback(wait)


def server_options() -> dict:
    """What `socketio.run` passes to the chosen server: a cap on connections for both
    green servers (eventlet's own default is 1,024), and Werkzeug's consent otherwise."""
    if ASYNC_MODE == "eventlet":
        return {"max_size": MAX_CONNECTIONS}
    if ASYNC_MODE == "gevent":
        return {"spawn": MAX_CONNECTIONS}  # gevent's pywsgi: a pool of that many greenlets
    return {"allow_unsafe_werkzeug": True}


def main() -> None:
    from server import create_app, socketio
    from server.network import start_message
    from server.static_files import compress_ahead

    if ASYNC_MODE == "gevent":
        psycopg2_waits_in_gevent()
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "5000"))
    app = create_app()
    compress_ahead(app)
    print(start_message(host, port, app.config["PUBLIC_URL"]), flush=True)
    print(f"Serving with {ASYNC_MODE}.", flush=True)
    socketio.run(app, host=host, port=port, log_output=False, **server_options())


if __name__ == "__main__":
    main()
