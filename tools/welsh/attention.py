"""Welsh first drafts for the `attention` work (issue #22): the needs-attention page read
a page at a time. Formal register ("chi"), as NHS Wales writes to staff."""

CY: dict[str, str] = {
    "Back to everything that needs attention": "Yn ôl at bopeth sydd angen sylw",
    "Pages of this list": "Tudalennau'r rhestr hon",
    "See them all, a page at a time": "Gweld y cyfan, fesul tudalen",
}

CY_PLURALS: dict[str, tuple[str, str, str, str, str, str]] = {}
