"""Teaser copy for every channel the playbook's tasks use (seed item S3.5).

Known channels get a document made for them: an e-mail signature, an A4 poster with a QR code
of the download link, a 16:9 TV-screen slide, a notice-board sheet. Any other teaser channel gets
plain text. E-mail and SMS are invitation channels (see invitations.py), not teasers.
"""

from __future__ import annotations

from typing import Any

from launchkit.outputs.render.base import (
    OutputFile,
    RenderContext,
    Rendering,
    gettext_for,
    safe_name,
)

# Other spellings people write in `channels:`, mapped to the channel whose document they mean.
ALIASES = {
    "posters": "poster",
    "qr-poster": "poster",
    "signature": "email-signature",
    "email-signatures": "email-signature",
    "tv-screen": "tv",
    "tv-screens": "tv",
    "screens": "tv",
    "notice-boards": "notice-board",
    "noticeboard": "notice-board",
}
DOCUMENTS = {
    "email-signature": ("email-signature.html", "email-signature.txt"),
    "poster": ("poster.html",),
    "tv": ("tv.html",),
    "notice-board": ("notice-board.html",),
}
INVITATION_CHANNELS = frozenset({"email", "sms", "invitation", "invitations"})
DEFAULT_CHANNELS = ("email-signature", "poster", "tv", "notice-board")


def canonical(channel: str) -> str:
    """The channel a name stands for (`posters` is `poster`)."""
    return ALIASES.get(channel, channel)


def teaser_channels(ctx: RenderContext) -> list[str]:
    """Teaser channels named by tasks, in first-use order; the four standard ones if none are."""
    found: list[str] = []
    for t in ctx.tasks:
        for channel in t.task.channels:
            name = canonical(channel)
            if name not in INVITATION_CHANNELS and name not in found:
                found.append(name)
    for written in ctx.playbook.documents.teasers:
        name = canonical(written)
        if name not in INVITATION_CHANNELS and name not in found:
            found.append(name)
    return found or list(DEFAULT_CHANNELS)


def teaser_text(ctx: RenderContext, channel: str) -> str:
    """The playbook's teaser for a channel, else the catalog's default line."""
    for written, text in ctx.playbook.documents.teasers.items():
        if canonical(written) == channel:
            return text
    _ = gettext_for(ctx.locale)
    date = ctx.format_date(ctx.plan.launch)
    return ctx.sentence(_("%(app)s is coming on %(date)s.", app=ctx.app_name, date=date))


def qr_svg(url: str) -> Any:
    """The link as a QR code, an inline SVG element (no XML declaration), marked safe for HTML."""
    import segno
    from markupsafe import Markup

    code = segno.make(url, error="m")
    # omitsize gives a viewBox instead of a fixed size, so the page decides how large it prints.
    svg = code.svg_inline(border=2, dark="#1d2430", title=url, omitsize=True)
    return Markup(svg)


def render_teasers(ctx: RenderContext) -> Rendering:
    """`teasers/<channel>.*` for every teaser channel."""
    url = ctx.download_url
    qr = qr_svg(url) if url else None
    result = Rendering()
    for channel in teaser_channels(ctx):
        values = {"channel": channel, "text": teaser_text(ctx, channel), "qr": qr}
        names = DOCUMENTS.get(channel, ("other.txt",))
        for name in names:
            stem = safe_name(channel) if name == "other.txt" else name.split(".")[0]
            suffix = name.split(".", 1)[1]
            text = ctx.render(f"teasers/{name}.j2", **values)
            result.files.append(OutputFile(f"teasers/{stem}.{suffix}", text))
    return result
