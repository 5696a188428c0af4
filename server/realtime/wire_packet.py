"""The Socket.IO packets a client sends, read so that no packet can fail inside
python-socketio.

python-socketio reads a packet and dispatches it before any handler of ours runs. A
packet it cannot read (broken JSON, `42{"a":1}`, an event whose name is a number or an
object, a binary packet, a packet type the protocol does not have) raises there, where
nothing answers the client and the server's log gets a traceback written by a stranger's
bytes (found by tests/fuzz; docs/testing.md). Read with this class instead, such a packet
becomes an ordinary `command` event carrying `UNREADABLE`, which the command handler
answers with a `bad_request` ack (when the packet asked for one), like any other refusal.
Weefwerk's own clients never send one: they speak JSON events (docs/protocol.md).
"""
from __future__ import annotations

from socketio import packet


class _Unreadable:
    """The argument of a packet that could not be read."""

    def __repr__(self) -> str:
        return "UNREADABLE"


UNREADABLE = _Unreadable()
# what a client may send: connecting, leaving, events, and answers to the server's asks
_KNOWN = (packet.CONNECT, packet.DISCONNECT, packet.EVENT, packet.ACK)


def _named_event(data: object) -> bool:
    return isinstance(data, list) and bool(data) and isinstance(data[0], str)


class WirePacket(packet.Packet):
    """`packet.Packet`, except that an unreadable packet reads as a refused command."""

    def decode(self, encoded_packet):
        self.id = None
        try:
            super().decode(encoded_packet)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError):
            self._unreadable()
            return 0
        if self.packet_type not in _KNOWN or (
                self.packet_type == packet.EVENT and not _named_event(self.data)):
            self._unreadable()
        return 0  # no binary attachments: Weefwerk's protocol has none

    def _unreadable(self) -> None:
        self.packet_type, self.namespace, self.data = packet.EVENT, None, ["command", UNREADABLE]
        if not isinstance(self.id, int):
            self.id = None
