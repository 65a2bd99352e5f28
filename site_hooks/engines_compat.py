"""What every page needs to behave the same in Firefox, Safari's WebKit and Chromium.

- No `<link rel="prev">` / `<link rel="next">` in the head: Firefox prefetches the « next » page, which the
  site's Content Security Policy (`default-src 'none'`) blocks, so every page with a next page logged a violation.
  The footer keeps its visible « Précédent / Suivant » links; what goes is the theme's one-key shortcuts
  (« n », « p »), which WCAG 2.1.4 asks to be able to turn off anyway.
- Every page loads `assets/compat/defilement.mjs` (listed in mkdocs.yml): scrollable code blocks stay reachable
  with the keyboard on devices without hover, where the theme leaves them out of the tab order.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

# The theme writes each as one tag in the head: `<link rel="prev" href="...">`.
_PAGE_SEQUENCE_LINK = re.compile(r'[ \t]*<link rel="(?:prev|next)" href="[^"]*">\n?')


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    head_end = output.find("</head>")
    if head_end < 0:
        return output
    return _PAGE_SEQUENCE_LINK.sub("", output[:head_end]) + output[head_end:]
