"""Teaser copy for every channel the playbook's tasks use (seed item S3.5).

Known channels get a document made for them: an e-mail signature, an A4 poster with a QR code
of the download link, a 16:9 TV-screen slide, a notice-board sheet. Any other teaser channel gets
plain text. E-mail and SMS are invitation channels (see invitations.py), not teasers.
"""

from __future__ import annotations

from typing import Any

from launchkit.diagnostics import Diagnostic
from launchkit.outputs.render.base import (
    OutputFile,
    RenderContext,
    Rendering,
    capfirst,
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


def named_channels(ctx: RenderContext) -> list[str]:
    """Teaser channels the tasks name in `channels:`, in first-use order."""
    found: list[str] = []
    for t in ctx.tasks:
        for channel in t.task.channels:
            name = canonical(channel)
            if name not in INVITATION_CHANNELS and name not in found:
                found.append(name)
    return found


def teaser_channels(ctx: RenderContext) -> list[str]:
    """Teaser channels named by tasks or given copy, in first-use order; the four standard ones
    if none are."""
    found = named_channels(ctx)
    for written in ctx.playbook.documents.teasers:
        name = canonical(written)
        if name not in INVITATION_CHANNELS and name not in found:
            found.append(name)
    return found or list(DEFAULT_CHANNELS)


def teaser_text(ctx: RenderContext, channel: str) -> str | None:
    """The playbook's teaser for a channel, its plan dates filled in; None when it has none.

    No sentence is made up for a channel without copy: a filler such as "X is coming on <day>"
    above the launch day says the same thing twice and reads as a placeholder.
    """
    for written, text in ctx.documents.teasers.items():
        if canonical(written) == channel and text.strip():
            return text
    return None


def qr_svg(url: str) -> Any:
    """The link as a QR code, an inline SVG element (no XML declaration), marked safe for HTML."""
    import segno
    from markupsafe import Markup

    code = segno.make(url, error="m")
    # omitsize gives a viewBox instead of a fixed size, so the page decides how large it prints.
    svg = code.svg_inline(border=2, dark="#1d2430", title=url, omitsize=True)
    return Markup(svg)


def render_teasers(ctx: RenderContext) -> Rendering:
    """`teasers/<channel>.*` for every teaser channel; a warning for each named channel that
    has no copy (made without a sentence for the four designed channels, left out otherwise)."""
    url = ctx.download_url
    qr = qr_svg(url) if url else None
    named = named_channels(ctx)
    result = Rendering()
    for channel in teaser_channels(ctx):
        text = teaser_text(ctx, channel)
        if text is None and channel in named:
            result.warnings.append(missing_copy(ctx, channel))
        if text is None and channel not in DOCUMENTS:
            continue
        values = {"channel": channel, "text": text or "", "qr": qr, "headline": headline(ctx)}
        names = DOCUMENTS.get(channel, ("other.txt",))
        for name in names:
            stem = safe_name(channel) if name == "other.txt" else name.split(".")[0]
            suffix = name.split(".", 1)[1]
            rendered = ctx.render(f"teasers/{name}.j2", **values)
            result.files.append(OutputFile(f"teasers/{stem}.{suffix}", rendered))
    return result


def headline(ctx: RenderContext) -> str:
    """What a poster or screen is headed with: the app's name, else the playbook's title (a
    poster headed "The app" reads as a template nobody filled in)."""
    return capfirst(ctx.app_name, ctx.locale) if ctx.app_named else ctx.playbook.title


def missing_copy(ctx: RenderContext, channel: str) -> Diagnostic:
    """`teaser-missing`: a channel the tasks name has no text in `documents.teasers`."""
    effect = (
        "its document has no sentence of its own"
        if channel in DOCUMENTS
        else "no file is written for it"
    )
    return ctx.warning(
        _first_use(ctx, channel),
        "teaser-missing",
        f"the tasks name the channel '{channel}' but documents.teasers has no text for it, "
        f"so {effect}; add 'documents.teasers.{channel}'",
    )


def _first_use(ctx: RenderContext, channel: str) -> tuple[str | int, ...]:
    """Where the playbook first names a channel: `tasks[i].channels[j]`."""
    for i, task in enumerate(ctx.playbook.tasks):
        for j, name in enumerate(task.channels):
            if canonical(name) == channel:
                return ("tasks", i, "channels", j)
    return ("documents", "teasers")
