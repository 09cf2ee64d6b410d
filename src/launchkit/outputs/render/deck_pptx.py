"""`deck.pptx`: the manager deck as an editable PowerPoint file, for PowerPoint, LibreOffice
Impress and Google Slides.

It holds the slides of `deck.html`, already split over pages where they run long, on the same
16:9 page of 254 mm x 142.875 mm, so the same estimates fit both. Every shape is a plain text
box or table a comms person can move, restyle or delete. In a right-to-left language every
paragraph is marked right-to-left and right-aligned, tables run right to left, and the footer is
mirrored. The playbook's talking points of each slide are its speaker notes.

python-pptx is imported here only, and this module only when the deck is rendered.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from launchkit.outputs.render.base import RenderContext, gettext_for
from launchkit.outputs.render.deck import (
    BULLET_PT,
    LEAD_PT,
    PAD_BOTTOM,
    PAD_SIDE,
    PAD_TOP,
    QA_PT,
    SLIDE_H,
    SLIDE_W,
    TABLE_PT,
    TITLE_PT,
    Slide,
    title_app,
)

if TYPE_CHECKING:
    from launchkit.schedule import PlannedTask

ACCENT = (0x1F, 0x5F, 0xAE)
INK = (0x1D, 0x24, 0x30)
MUTED = (0x5A, 0x64, 0x72)
LANGUAGE_TAGS = {"en": "en-GB", "he": "he-IL", "tr": "tr-TR", "it": "it-IT"}
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
"""Every zip entry's time, so that rendering the same plan twice gives the same bytes."""


def deck_pptx(ctx: RenderContext, slides: Sequence[Slide], briefing: PlannedTask | None) -> bytes:
    """The deck as .pptx bytes: a title slide, then one slide per (split) slide of `slides`."""
    from pptx import Presentation
    from pptx.util import Mm

    prs = Presentation()
    prs.slide_width = Mm(SLIDE_W)
    prs.slide_height = Mm(SLIDE_H)
    deck = _Deck(ctx, prs, len(slides) + 1)
    deck.title_slide(briefing)
    for number, slide in enumerate(slides, start=2):
        deck.content_slide(slide, number)
    buffer = io.BytesIO()
    prs.save(buffer)
    return _reproducible(buffer.getvalue())


def _reproducible(data: bytes) -> bytes:
    """The same zip with fixed entry times (python-pptx stamps each entry with the clock)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


class _Deck:
    """Adds slides to a presentation in the playbook's language and direction."""

    def __init__(self, ctx: RenderContext, prs: Any, total: int) -> None:
        self.ctx = ctx
        self.prs = prs
        self.total = total
        self.rtl = ctx.direction == "rtl"
        self.lang = LANGUAGE_TAGS.get(ctx.locale, ctx.locale)
        self.blank = prs.slide_layouts[6]

    # ---- slides ----------------------------------------------------------------------------

    def title_slide(self, briefing: PlannedTask | None) -> None:
        ctx = self.ctx
        _ = gettext_for(ctx.locale)
        slide = self.prs.slides.add_slide(self.blank)
        slide.background.fill.solid()
        slide.background.fill.fore_color.rgb = _rgb(*ACCENT)
        white = (0xFF, 0xFF, 0xFF)
        sub = ctx.playbook.title + (f" · {app}" if (app := title_app(ctx)) else "")
        lines: list[tuple[str, float, bool]] = [
            (_("Manager briefing"), 30, True),
            (sub, 18, False),
        ]
        space_after = {0: 5.0, 1: 9.0}
        if briefing is not None:
            when = ctx.format_date(briefing.start, "full")
            if briefing.at:
                when += " · " + briefing.at.strftime("%H:%M")
            lines.append((when, 13, False))
        lines.append((f"{_('Launch day')}: {ctx.format_date(ctx.plan.launch, 'long')}", 13, False))
        if ctx.signed_by:
            lines.append((ctx.signed_by, 13, False))
        box = self._box(slide, PAD_TOP, SLIDE_H - PAD_TOP - PAD_BOTTOM)
        from pptx.enum.text import MSO_ANCHOR

        box.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        for i, (text, size, bold) in enumerate(lines):
            self._paragraph(
                box.text_frame, text, size, bold=bold, color=white, first=i == 0,
                after=space_after.get(i, 1.5),
            )  # fmt: skip
        self._footer(slide, ctx.app_name[:1].upper() + ctx.app_name[1:], 1, white)
        slide.notes_slide.notes_text_frame.text = ctx.playbook.title

    def content_slide(self, s: Slide, number: int) -> None:
        slide = self.prs.slides.add_slide(self.blank)
        top = PAD_TOP
        box = self._box(slide, top, SLIDE_H - PAD_TOP - PAD_BOTTOM)
        frame = box.text_frame
        self._paragraph(frame, s.title, TITLE_PT, bold=True, color=ACCENT, first=True, after=4)
        if s.lead:
            self._paragraph(frame, s.lead, LEAD_PT, bold=True, after=4)
        for b in s.bullets:
            self._paragraph(frame, b, BULLET_PT, bullet=True, after=2.2)
        for q, a in s.qa:
            self._paragraph(frame, q, QA_PT, bold=True, before=2.5)
            self._paragraph(frame, a, QA_PT, color=MUTED)
        if s.rows:
            self._table(slide, s, top)
        self._footer(slide, self.ctx.playbook.title, number, MUTED)
        notes = s.notes if not s.continued else []
        slide.notes_slide.notes_text_frame.text = "\n".join(notes or [s.title])

    # ---- shapes ----------------------------------------------------------------------------

    def _box(self, slide: Any, top: float, height: float) -> Any:
        from pptx.util import Mm

        box = slide.shapes.add_textbox(
            Mm(PAD_SIDE), Mm(top), Mm(SLIDE_W - 2 * PAD_SIDE), Mm(height)
        )
        frame = box.text_frame
        frame.word_wrap = True
        for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
            setattr(frame, side, 0)
        return box

    def _paragraph(
        self,
        frame: Any,
        text: str,
        size: float,
        *,
        bold: bool = False,
        color: tuple[int, int, int] = INK,
        first: bool = False,
        bullet: bool = False,
        before: float = 0,
        after: float = 0,
    ) -> None:
        from pptx.enum.text import PP_ALIGN
        from pptx.util import Mm, Pt

        p = frame.paragraphs[0] if first else frame.add_paragraph()
        run = p.add_run()
        run.text = text
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = _rgb(*color)
        self._language(run._r.get_or_add_rPr())
        if before:
            p.space_before = Mm(before)
        if after:
            p.space_after = Mm(after)
        p.alignment = PP_ALIGN.RIGHT if self.rtl else PP_ALIGN.LEFT
        ppr = p._p.get_or_add_pPr()
        if self.rtl:
            ppr.set("rtl", "1")
        if bullet:
            _bullet(ppr)

    def _language(self, rpr: Any) -> None:
        rpr.set("lang", self.lang)
        if self.rtl:
            rpr.set("altLang", "en-US")

    def _table(self, slide: Any, s: Slide, top: float) -> None:
        from pptx.enum.text import PP_ALIGN
        from pptx.util import Mm, Pt

        from launchkit.outputs.render.deck import _column_widths, _row_height

        widths = _column_widths(s.head, s.rows)
        heights = [_row_height(s.head, widths, TABLE_PT * 0.85)]
        heights += [_row_height(r, widths, TABLE_PT) for r in s.rows]
        # The table sits at the bottom of the text above it; `_split` measured that text.
        above = _text_height(s)
        shape = slide.shapes.add_table(
            len(s.rows) + 1,
            len(s.head),
            Mm(PAD_SIDE),
            Mm(top + above + 3),
            Mm(SLIDE_W - 2 * PAD_SIDE),
            Mm(sum(heights)),
        )
        table = shape.table
        tbl = shape._element.graphic.graphicData.tbl
        if self.rtl:
            tbl.tblPr.set("rtl", "1")
        # Plain rows, as on the HTML slide: no banding, no fill, a thin rule under each row.
        tbl.tblPr.set("bandRow", "0")
        tbl.tblPr.set("firstRow", "1")
        for i, w in enumerate(widths):
            table.columns[i].width = Mm(w)
        for r, (cells, h) in enumerate(zip([s.head, *s.rows], heights, strict=True)):
            tbl.tr_lst[r].h = Mm(h)  # not `rows[r].height`, which resizes the frame each time
            for c, text in enumerate(cells):
                cell = table.cell(r, c)
                cell.fill.background()
                frame = cell.text_frame
                frame.word_wrap = True
                p = frame.paragraphs[0]
                run = p.add_run()
                run.text = text
                run.font.size = Pt(TABLE_PT * (0.85 if r == 0 else 1))
                run.font.bold = r == 0
                run.font.color.rgb = _rgb(*(MUTED if r == 0 else INK))
                self._language(run._r.get_or_add_rPr())
                ltr = c in s.ltr_columns and r > 0
                p.alignment = PP_ALIGN.RIGHT if self.rtl else PP_ALIGN.LEFT
                if self.rtl and not ltr:
                    p._p.get_or_add_pPr().set("rtl", "1")
                cell.margin_top = cell.margin_bottom = Mm(1.2)

    def _footer(self, slide: Any, left: str, number: int, color: tuple[int, int, int]) -> None:
        from pptx.enum.text import PP_ALIGN
        from pptx.util import Mm, Pt

        y = SLIDE_H - 5 - 6
        width = (SLIDE_W - 2 * PAD_SIDE) / 2
        # Mirrored in a right-to-left deck: the name on the right, the page number on the left.
        places = [(left, PP_ALIGN.LEFT), (f"{number} / {self.total}", PP_ALIGN.RIGHT)]
        if self.rtl:
            places = [(places[1][0], PP_ALIGN.LEFT), (places[0][0], PP_ALIGN.RIGHT)]
        for i, (text, align) in enumerate(places):
            box = slide.shapes.add_textbox(Mm(PAD_SIDE + i * width), Mm(y), Mm(width), Mm(6))
            frame = box.text_frame
            frame.word_wrap = True
            p = frame.paragraphs[0]
            run = p.add_run()
            run.text = text
            run.font.size = Pt(9)
            run.font.color.rgb = _rgb(*color)
            self._language(run._r.get_or_add_rPr())
            p.alignment = align
            if self.rtl and not text[:1].isdigit():
                p._p.get_or_add_pPr().set("rtl", "1")


def _rgb(red: int, green: int, blue: int) -> Any:
    from pptx.dml.color import RGBColor

    return RGBColor(red, green, blue)  # type: ignore[no-untyped-call]


def _text_height(s: Slide) -> float:
    """The height the title, lead and bullets above a table take, as `_split` estimates it."""
    from launchkit.outputs.render.deck import BODY_W, PT, _lines

    h = _lines(s.title, BODY_W, TITLE_PT, 0.62) * TITLE_PT * PT * 1.2 + 4
    if s.lead:
        h += _lines(s.lead, BODY_W, LEAD_PT, 0.62) * LEAD_PT * PT * 1.45 + 4
    for b in s.bullets:
        h += _lines(b, BODY_W - 7, BULLET_PT) * BULLET_PT * PT * 1.45 + 2.2
    return h


def _bullet(ppr: Any) -> None:
    """A "•" bullet with a hanging indent on a paragraph's properties."""
    from pptx.oxml.ns import qn
    from pptx.util import Mm

    ppr.set("marL", str(Mm(7)))
    ppr.set("indent", str(-Mm(5)))
    for tag in ("a:buNone", "a:buChar", "a:buAutoNum"):
        for old in ppr.findall(qn(tag)):
            ppr.remove(old)
    char = ppr.makeelement(qn("a:buChar"), {"char": "•"})
    ppr.append(char)
