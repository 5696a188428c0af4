"""The module-level Socket.IO object, bound to an app by `create_app`."""
from flask_socketio import SocketIO

socketio = SocketIO()
