"""Start Weefwerk: the one entry point, and the only module that imports eventlet.

eventlet must monkey-patch before anything else is imported, so this module lives
outside the `server` package (importing `server.anything` would import Flask first).
`WEEFWERK_ASYNC_MODE=threading` runs without eventlet, for debugging.
"""
import os

ASYNC_MODE = os.environ.setdefault("WEEFWERK_ASYNC_MODE", "eventlet")
if ASYNC_MODE == "eventlet":
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # eventlet announces its own deprecation
        import eventlet

    eventlet.monkey_patch()

MAX_CONNECTIONS = int(os.environ.get("WEEFWERK_MAX_CONNECTIONS", "5000"))


def main() -> None:
    from server import create_app, socketio
    from server.network import start_message

    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "5000"))
    app = create_app()
    print(start_message(host, port, app.config["PUBLIC_URL"]), flush=True)
    options = {"max_size": MAX_CONNECTIONS} if ASYNC_MODE == "eventlet" else {
        "allow_unsafe_werkzeug": True}
    socketio.run(app, host=host, port=port, log_output=False, **options)


if __name__ == "__main__":
    main()
