"""A QR code as inline SVG (no image file, no script: fits the CSP), for links that a
phone camera should open: the join link on the projector, an invite link."""
from __future__ import annotations

import io

import segno
from markupsafe import Markup


def qr_svg(url: str, title: str, scale: int = 10) -> Markup:
    """The SVG of a QR code for `url`; `title` is what a screen reader says."""
    svg = io.BytesIO()
    segno.make(url, error="m").save(svg, kind="svg", scale=scale, border=2, xmldecl=False,
                                   svgns=True, title=title)
    return Markup(svg.getvalue().decode())
