"""What every board shares, an evening and a group's workspace alike: who acts, the
commands they send, the events that come back, who may send what, refusals, and the
checks of untrusted values."""
