"""Welsh first drafts for the enrolment work (issue #26's remaining points): the refusal of
an invitation button that was not the presser's, and the matcher's reasons for leaving
someone out. Formal register ("chi"), as NHS Wales writes to staff."""

CY: dict[str, str] = {
    "This invitation was sent to someone else, so nothing was changed.":
        "Anfonwyd y gwahoddiad hwn at rywun arall, felly ni newidiwyd dim.",
}

CY_PLURALS: dict[str, tuple[str, str, str, str, str, str]] = {}
