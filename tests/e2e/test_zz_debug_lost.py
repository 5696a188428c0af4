# temporary debug copy (removed after use)
import re, time
import pytest
from playwright.sync_api import expect
from tests.e2e.test_live_board_browser import (PHONE, by, cards_on, evening, facilitator_state,  # noqa
                                               join_by_code, my_card, open_input, send_card)

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("n", range(12))
def test_lost(evening, n):
    context = evening.new_device(**PHONE)
    lost = []
    log = []
    t0 = time.monotonic()
    def stamp(*a):
        log.append(f"{time.monotonic()-t0:6.2f} " + " ".join(str(x)[:160] for x in a))

    def route(ws):
        stamp("route open", ws.url)
        server = ws.connect_to_server()
        def to_phone(message):
            answer = isinstance(message, str) and message.startswith("43")
            if answer and not lost and '"card_id"' in message:
                lost.append(message)
                stamp("DROP", message)
                ws.close()
            else:
                stamp("down", message)
                ws.send(message)
        server.on_message(to_phone)
        ws.on_message(lambda m: (stamp("up", m), server.send(m)))
    context.route_web_socket(lambda url: "/socket.io/" in url and not lost, route)
    context.on("request", lambda r: stamp("http", r.method, r.url[-60:]) if "socket.io" in r.url else None)
    phone = join_by_code(context, evening.code)
    phone.on("console", lambda m: stamp("console", m.text))
    open_input(evening.console, phone)
    send_card(phone, "Een AED in de buurt")
    try:
        expect(my_card(phone, "AED")).to_have_attribute("data-state", "sent", timeout=15_000)
    except AssertionError:
        open(f"/tmp/dbg/fail-{n}.log", "w").write("\n".join(log))
        raise
