"""Invitations to employees: an e-mail (text and HTML) and an SMS, with its segment count checked.

An SMS longer than one segment (160 GSM-7 or 70 UCS-2 characters) still arrives, but costs more
and may be split on old phones, so it is a warning that names the count, never an error.
"""

from __future__ import annotations

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
    body = ctx.playbook.documents.invitation.sms or ctx.sentence(default)
    text = f"{body.strip()} {url}" if url else body.strip()
    # A Hebrew SMS starts with a right-to-left mark, or a phone lays a line that starts with a
    # Latin name or a link out left to right; the mark is sent, so it is counted.
    return rtl_paragraphs(text) if ctx.direction == "rtl" else text


def render_invitations(ctx: RenderContext) -> Rendering:
    """`invitations/email.txt`, `invitations/email.html`, `invitations/sms.txt`; SMS warnings."""
    _ = gettext_for(ctx.locale)
    inv = ctx.playbook.documents.invitation
    url = ctx.download_url
    sms = sms_text(ctx)
    values = {
        "subject": inv.subject or ctx.sentence(_("%(app)s is here", app=ctx.app_name)),
        "body": inv.email
        or _(
            "From %(date)s, %(app)s is how we keep everyone in the company informed and connected.",
            date=ctx.format_date(ctx.plan.launch),
            app=ctx.app_name,
        ),
        "qr": qr_svg(url) if url else None,
        "sms": sms,
    }
    result = Rendering(
        [
            OutputFile("invitations/email.txt", ctx.render("invitations/email.txt.j2", **values)),
            OutputFile("invitations/email.html", ctx.render("invitations/email.html.j2", **values)),
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
    sender = ctx.playbook.documents.sms_sender
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
