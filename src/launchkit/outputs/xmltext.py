"""Text that every XML 1.0 and HTML parser accepts, whatever the model let through.

The model refuses control characters in a playbook's text (`bad-character`), but a writer of
XML, SVG or HTML must not depend on that: a user's template, a metrics file's word or a future
field could still bring one, and one raw 0x1B makes an XML parser stop at it (XML 1.0 forbids
it even as a character reference). Each writer passes its finished text through `xml_safe`.
"""

from __future__ import annotations

import re

# XML 1.0 allows tab, LF, CR, U+0020-U+D7FF, U+E000-U+FFFD and U+10000 on. C1 controls are
# allowed by XML but are parse errors in HTML, so they go too; so do lone surrogates.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

REPLACEMENT = "\ufffd"
"""What a forbidden character becomes: visible where it was, and valid everywhere."""


def xml_safe(text: str) -> str:
    """`text` with every character XML 1.0 or HTML forbids replaced by U+FFFD."""
    return _FORBIDDEN.sub(REPLACEMENT, text)
