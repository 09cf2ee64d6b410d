"""Invitations to employees: an e-mail (text and HTML) and an SMS, with its segment count checked.

An SMS longer than one segment (160 GSM-7 or 70 UCS-2 characters) still arrives, but costs more
and may be split on old phones, so it is a warning that names the count, never an error.
"""

from __future__ import annotations

import re

from launchkit.outputs.render.base import (
    OutputFile,
    RenderContext,
    Rendering,
    gettext_for,
    rtl_paragraphs,
)
from launchkit.outputs.render.sms import sms_size
from launchkit.outputs.render.teasers import qr_svg


def sms_text(ctx: RenderContext) -> str:
    """The SMS as sent: the playbook's wording (or the catalog's), then the download link."""
    _ = gettext_for(ctx.locale)
    url = ctx.download_url
    if url is None:
        default = _("%(app)s is here", app=ctx.app_name)
    elif ctx.link_kind == "join":
        default = _("%(app)s is open! Join here:", app=ctx.app_name)
    elif ctx.link_kind == "read":
        default = _("%(app)s is here! Read it here:", app=ctx.app_name)
    else:
        default = _("%(app)s is here! Download it:", app=ctx.app_name)
    body = ctx.documents.invitation.sms or ctx.sentence(default)
    text = f"{body.strip()} {url}" if url else body.strip()
    # A Hebrew SMS starts with a right-to-left mark, or a phone lays a line that starts with a
    # Latin name or a link out left to right; the mark is sent, so it is counted.
    return rtl_paragraphs(text) if ctx.direction == "rtl" else text


# Words an e-mail opens with, in the four languages: when the playbook's own text starts with
# one, it is the greeting, and the template's is left out (no "Hello,\n\nHi, ...").
_GREETING = re.compile(
    r"^\s*((?:hello|hi|hey|dear|good (?:morning|afternoon|evening)|greetings"
    r"|שלום|היי|הי|בוקר טוב|ערב טוב|צהריים טובים|יקרים|יקרות"
    r"|merhaba|selam|sevgili|değerli|günaydın|iyi günler"
    r"|ciao|buongiorno|buonasera|salve|gentil[ei]|car[ie])\b[^,!.\n]{0,40}?[,!])\s*",
    re.IGNORECASE,
)


def split_greeting(body: str) -> tuple[str | None, str]:
    """(the greeting the text opens with, the rest with a capital first letter), or (None, body)."""
    m = _GREETING.match(body)
    if m is None:
        return None, body
    rest = body[m.end() :]
    return m.group(1), rest[:1].upper() + rest[1:]


def paragraphs(text: str) -> list[list[str]]:
    """The text's paragraphs (split at blank lines), each a list of its lines."""
    blocks = re.split(r"\n\s*\n", text.strip())
    return [[line.strip() for line in block.splitlines()] for block in blocks if block.strip()]


QR_CID = "qr-code"
"""The Content-ID of the QR code's PNG in `email.eml` (`<img src="cid:qr-code">`)."""


def qr_png(url: str) -> bytes:
    """The link as a QR code PNG, 6 pixels a module: sharp at the 150-pixel size the e-mail shows."""
    import io

    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=6, border=2, dark="#1d2430")
    return buffer.getvalue()


def render_invitations(ctx: RenderContext) -> Rendering:
    """`invitations/email.txt`, `email.html`, `email.eml` (a draft to send), `sms.txt`; warnings."""
    import base64

    _ = gettext_for(ctx.locale)
    inv = ctx.documents.invitation
    url = ctx.download_url
    sms = sms_text(ctx)
    body = inv.email or _(
        "From %(date)s, %(app)s is how we keep everyone in the company informed and connected.",
        date=ctx.format_date(ctx.plan.launch),
        app=ctx.app_name,
    )
    greeting, body = split_greeting(body)
    png = qr_png(url) if url else None
    values = {
        "subject": inv.subject or ctx.sentence(_("%(app)s is here", app=ctx.app_name)),
        "greeting": greeting or _("Hello,"),
        "body": body,
        "paragraphs": paragraphs(body),
        "qr": qr_svg(url) if url else None,
        "qr_src": "data:image/png;base64," + base64.b64encode(png).decode() if png else None,
        "sms": sms,
    }
    text = ctx.render("invitations/email.txt.j2", **values)
    html = ctx.render("invitations/email.html.j2", **values)
    eml_html = ctx.render("invitations/email.html.j2", **(values | {"qr_src": f"cid:{QR_CID}"}))
    eml = draft_email(ctx, str(values["subject"]), text, eml_html, png)
    result = Rendering(
        [
            OutputFile("invitations/email.txt", text),
            OutputFile("invitations/email.html", html),
            OutputFile("invitations/email.eml", eml),
            OutputFile("invitations/sms.txt", ctx.render("invitations/sms.txt.j2", **values)),
        ]
    )
    if url is None:
        result.warnings.append(
            ctx.warning(
                ("documents",),
                "no-download-url",
                _("documents.download_url is not set, so invitations and posters carry no link"),
            )
        )
    sender = ctx.documents.sms_sender
    # Networks show an alphanumeric sender only in plain Latin letters and digits.
    if sender and not all(c.isascii() and (c.isalnum() or c == " ") for c in sender):
        result.warnings.append(
            ctx.warning(
                ("documents", "sms_sender"),
                "sms-sender",
                _(
                    "the SMS sender '%(sender)s' has characters other than Latin letters and "
                    "digits, which many networks replace or refuse",
                    sender=sender,
                ),
            )
        )
    size = sms_size(sms)
    if size.segments > 1:
        result.warnings.append(
            ctx.warning(
                ("documents", "invitation", "sms"),
                "sms-segments",
                _(
                    "the SMS invitation is %(units)s %(encoding)s characters and goes out as "
                    "%(segments)s segments (one segment holds %(limit)s)",
                    units=size.units,
                    encoding=size.encoding,
                    segments=size.segments,
                    limit=size.single_limit,
                ),
            )
        )
    return result


def draft_email(ctx: RenderContext, subject: str, text: str, html: str, png: bytes | None) -> str:
    """The invitation as a ready-to-send draft (`.eml`), built with Python's `email` package.

    multipart/alternative: the plain text, then multipart/related holding the HTML and the QR
    code as a PNG it shows through `cid:`. `X-Unsent: 1` makes Outlook open the file as a draft
    to send rather than as a received message; Thunderbird and Apple Mail open it too. The text
    part leaves out the From and Subject lines of email.txt: they are the message's headers.
    Boundaries are fixed so that the same plan gives the same file.
    """
    from email.headerregistry import Address
    from email.message import EmailMessage
    from email.policy import default

    msg = EmailMessage(policy=default)
    sender = ctx.playbook.documents.email_from
    if sender:
        user, _, domain = sender.partition("@")
        msg["From"] = Address(_one_line(ctx.signed_by or ""), user, domain)
    msg["Subject"] = _one_line(subject)
    msg["X-Unsent"] = "1"
    msg.set_content(_body_of(text))
    msg.add_alternative(html, subtype="html")
    html_part = list(msg.iter_parts())[1]
    if png is not None:
        html_part.add_related(
            png, "image", "png", cid=f"<{QR_CID}>", disposition="inline", filename="qr-code.png"
        )
        html_part.set_boundary(f"launchkit-related-{ctx.playbook.id}")
    msg.set_boundary(f"launchkit-alternative-{ctx.playbook.id}")
    return msg.as_string()


def _body_of(text: str) -> str:
    """email.txt without its header lines (From, Subject) and the blank line after them."""
    head, sep, rest = text.partition("\n\n")
    return rest if sep and all(": " in line for line in head.splitlines()) else text


def _one_line(text: str) -> str:
    """A header value: control and line-separator characters (which `email` refuses in a
    header, and a playbook may hold) become spaces, runs of spaces one."""
    import unicodedata

    cleaned = "".join(" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in text)
    return " ".join(cleaned.split())
