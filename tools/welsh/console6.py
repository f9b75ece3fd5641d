"""Welsh first drafts for the `console6` work (issue #22, the console at scale): the
overview lists the first shared learnings and points to the export for the rest. Formal
register ("chi"), as NHS Wales writes to staff."""

CY: dict[str, str] = {
    "The first {count} are shown here; the learnings export has them all:":
        "Dangosir y {count} cyntaf yma; mae'r allforiad dysgu yn eu cynnwys i gyd:",
}

CY_PLURALS: dict[str, tuple[str, str, str, str, str, str]] = {}
