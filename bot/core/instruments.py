"""Evaluation instruments as data: the YAML files, their validation and their scoring.

An instrument file (docs/evaluation.md) names a scale (`min`, `max`, `labels`), its items
(`id`, `text`, optional `subscale`, optional `reversed: true`) and, optionally, parallel
`forms` for before and after. pairbot ships one, ``pairbot-5`` (the five self-ratings in
``bot/core/data/instruments/``); a deployment adds its own from PAIRBOT_INSTRUMENTS_DIR.

Scoring: a reversed item counts as ``min + max - answer``; a subscale's score and the
whole-scale score are the mean of the (reversed where needed) items answered, so that two
parallel forms of different items are on the same scale.
"""

from __future__ import annotations

import functools
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from types import MappingProxyType

import yaml

from bot.core.i18n import _

DEFAULT_ID = "pairbot-5"
BEFORE, AFTER = "before", "after"
WHOLE = "whole scale"
_DATA_PACKAGE = "bot.core.data.instruments"
_REQUIRED = ("id", "name", "source", "licence", "scale", "items")
_OPTIONAL = ("forms", "description")
_ITEM_FIELDS = ("id", "text", "subscale", "reversed", "short")
# Item ids are stored per answer (evaluation_answers.domain, 32 characters).
_MAX_ID = 32
# A form offers one choice per point of the scale; more than this is not a rating scale.
_MAX_POINTS = 11


class InstrumentError(ValueError):
    """An instrument file is malformed; the message names the file and the field."""


@dataclass(frozen=True)
class Scale:
    """The answer scale: whole numbers from `min` to `max`, with their labels."""

    min: int
    max: int
    labels: Mapping[int, str]

    def choices(self) -> tuple[tuple[int, str], ...]:
        """Every point of the scale with its label (the number alone when it has none)."""
        return tuple((n, self.labels.get(n, str(n))) for n in range(self.min, self.max + 1))

    def reverse(self, answer: int) -> int:
        """A reversed item's answer turned round: min + max - answer."""
        return self.min + self.max - answer


@dataclass(frozen=True)
class Item:
    """One question of an instrument."""

    id: str
    text: str
    subscale: str | None = None
    reversed: bool = False
    short: str = ""

    @property
    def label(self) -> str:
        """A short label for tables (the text when the file gives none)."""
        return self.short or self.text


@dataclass(frozen=True)
class Instrument:
    """A validated instrument file."""

    id: str
    name: str
    source: str
    licence: str
    scale: Scale
    items: tuple[Item, ...]
    forms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    path: str = ""

    def item(self, item_id: str) -> Item:
        """The item with this id (KeyError when there is none)."""
        for it in self.items:
            if it.id == item_id:
                return it
        raise KeyError(item_id)

    def form(self, stage: str) -> tuple[Item, ...]:
        """The items asked at `stage` (`before` or `after`): the stage's form, or every
        item when the file has no forms."""
        ids = self.forms.get(stage)
        return tuple(self.item(i) for i in ids) if ids else self.items

    @property
    def subscales(self) -> tuple[str, ...]:
        """The subscale names in the order they first appear."""
        return tuple(dict.fromkeys(it.subscale for it in self.items if it.subscale))

    def parse(self, values: Mapping[str, object]) -> dict[str, int]:
        """The answered items as whole numbers on the scale; unanswered ones are left out;
        anything else raises InstrumentAnswerError with one sentence."""
        ids = {it.id for it in self.items}
        scores: dict[str, int] = {}
        low, high = self.scale.min, self.scale.max
        for item_id, raw in values.items():
            if item_id not in ids:
                raise InstrumentAnswerError(f"'{item_id}' is not one of the evaluation "
                                            "questions.")
            if raw is None or raw == "":
                continue
            try:
                score = int(str(raw).strip())
            except ValueError:
                score = low - 1
            if not low <= score <= high:
                raise InstrumentAnswerError(f"The answer to '{item_id}' must be a number from "
                                            f"{low} to {high}.")
            scores[item_id] = score
        return scores

    def scored(self, answers: Mapping[str, int]) -> dict[str, int]:
        """Each answered item's score, reversed items turned round."""
        return {it.id: self.scale.reverse(answers[it.id]) if it.reversed else answers[it.id]
                for it in self.items if it.id in answers}

    def score(self, answers: Mapping[str, int]) -> Scores:
        """Subscale and whole-scale scores (means of the answered items, reversed items
        turned round); None where no item of it was answered."""
        items = self.scored(answers)
        subscales = {name: _mean(items[it.id] for it in self.items
                                 if it.subscale == name and it.id in items)
                     for name in self.subscales}
        return Scores(items=items, subscales=subscales, whole=_mean(items.values()))


class InstrumentAnswerError(ValueError):
    """An answer that is not on the instrument's scale; the message is one sentence."""


@dataclass(frozen=True)
class Scores:
    """One person's scores at one stage."""

    items: Mapping[str, int]
    subscales: Mapping[str, float | None]
    whole: float | None


def _mean(values: Iterable[int]) -> float | None:
    values = list(values)
    return statistics.fmean(values) if values else None


@dataclass(frozen=True)
class Catalogue:
    """The instruments a deployment offers, by id."""

    instruments: Mapping[str, Instrument]

    def get(self, instrument_id: str | None) -> Instrument | None:
        """The instrument with this id (None when the deployment has none)."""
        return self.instruments.get(instrument_id or DEFAULT_ID)

    def check(self, instrument_id: str) -> str | None:
        """For the programme setting `instrument`: None when the id is offered, else one
        sentence naming the ones that are."""
        if instrument_id in self.instruments:
            return None
        return _("There is no evaluation instrument '{instrument}'; this deployment offers "
                 "{offered}.").format(instrument=instrument_id,
                                      offered=", ".join(sorted(self.instruments)))


@functools.cache
def bundled() -> Instrument:
    """The bundled default, pairbot-5 (immutable, so parsed once per process)."""
    text = resources.files(_DATA_PACKAGE).joinpath(f"{DEFAULT_ID}.yaml").read_text("utf-8")
    return parse(text, f"{DEFAULT_ID}.yaml")


def load_catalogue(folder: Path | str | None = None) -> Catalogue:
    """The bundled instruments plus every `*.yaml` of `folder`; the first bad file raises
    InstrumentError naming it and the field, and so does an id given twice."""
    found: dict[str, Instrument] = {DEFAULT_ID: bundled()}
    if folder is not None:
        root = Path(folder)
        if not root.is_dir():
            raise InstrumentError(f"{root}: is not a folder of instrument files.")
        for path in sorted(root.glob("*.yaml")):
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise InstrumentError(f"{path}: cannot be read ({exc}).") from None
            instrument = parse(text, str(path))
            if instrument.id in found:
                raise InstrumentError(f"{path}: id '{instrument.id}' is already used by "
                                      f"{found[instrument.id].path or 'another file'}.")
            found[instrument.id] = instrument
    return Catalogue(MappingProxyType(found))


def parse(text: str, name: str) -> Instrument:
    """A validated instrument from YAML text; `name` (the file) starts every error."""
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise InstrumentError(f"{name}: is not valid YAML{where}.") from None
    return _Parser(name).instrument(document)


class _Parser:
    def __init__(self, name: str) -> None:
        self.name = name

    def fail(self, where: str, problem: str) -> InstrumentError:
        return InstrumentError(f"{self.name}: {where}: {problem}.")

    def text(self, value: object, where: str) -> str:
        if isinstance(value, bool):
            raise self.fail(where, "must be text; put it in quotes (YAML reads yes, no, on "
                                   "and off as true or false)")
        if not isinstance(value, str | int | float) or isinstance(value, bool) \
                or not str(value).strip():
            raise self.fail(where, "must be non-empty text")
        return str(value).strip()

    def whole(self, value: object, where: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(where, "must be a whole number (reversed items are scored as "
                                   "min + max - answer)")
        return value

    def instrument(self, doc: object) -> Instrument:
        if not isinstance(doc, dict):
            raise InstrumentError(f"{self.name}: must be a mapping with the fields "
                                  f"{', '.join(_REQUIRED)}.")
        for key in _REQUIRED:
            if key not in doc or doc[key] is None:
                raise self.fail(key, "is missing")
        unknown = sorted(str(k) for k in doc if k not in _REQUIRED + _OPTIONAL)
        if unknown:
            raise self.fail(unknown[0], "is not a field of an instrument file")
        ident = self.text(doc["id"], "id")
        if len(ident) > _MAX_ID:
            raise self.fail("id", f"must be at most {_MAX_ID} characters")
        scale = self.scale(doc["scale"])
        items = self.items(doc["items"], scale)
        forms = self.forms(doc.get("forms"), {it.id for it in items})
        return Instrument(id=ident, name=self.text(doc["name"], "name"),
                          source=self.text(doc["source"], "source"),
                          licence=self.text(doc["licence"], "licence"), scale=scale,
                          items=items, forms=MappingProxyType(forms), path=self.name)

    def scale(self, raw: object) -> Scale:
        if not isinstance(raw, dict):
            raise self.fail("scale", "must be a mapping with min, max and labels")
        for key in ("min", "max", "labels"):
            if key not in raw or raw[key] is None:
                raise self.fail(f"scale.{key}", "is missing")
        unknown = sorted(str(k) for k in raw if k not in ("min", "max", "labels"))
        if unknown:
            raise self.fail(f"scale.{unknown[0]}", "is not a field of a scale")
        low, high = self.whole(raw["min"], "scale.min"), self.whole(raw["max"], "scale.max")
        if high <= low:
            raise self.fail("scale.max", f"must be greater than scale.min ({low}); a scale of "
                                         f"{low} to {high} cannot measure a change")
        if low < 0 or high > 100:
            raise self.fail("scale.min" if low < 0 else "scale.max",
                            "must lie between 0 and 100")
        if high - low + 1 > _MAX_POINTS:
            raise self.fail("scale.max", f"gives {high - low + 1} points; at most "
                                         f"{_MAX_POINTS} can be offered as choices")
        labels = raw["labels"]
        if isinstance(labels, list):
            if len(labels) != high - low + 1:
                raise self.fail("scale.labels", f"has {len(labels)} labels for the "
                                                f"{high - low + 1} points from {low} to {high}")
            by_point = {low + n: self.text(v, f"scale.labels[{n}]") for n, v in enumerate(labels)}
        elif isinstance(labels, dict):
            by_point = {}
            for key, value in labels.items():
                if isinstance(key, bool) or not isinstance(key, int) or not low <= key <= high:
                    raise self.fail(f"scale.labels.{key}", f"must be a point from {low} to {high}")
                by_point[key] = self.text(value, f"scale.labels.{key}")
        else:
            raise self.fail("scale.labels", "must be a list (one label per point) or a mapping "
                                            "of points to labels")
        return Scale(low, high, MappingProxyType(by_point))

    def items(self, raw: object, scale: Scale) -> tuple[Item, ...]:
        if not isinstance(raw, list) or not raw:
            raise self.fail("items", "must be a non-empty list")
        seen: set[str] = set()
        items = []
        for n, entry in enumerate(raw):
            where = f"items[{n}]"
            if not isinstance(entry, dict):
                raise self.fail(where, "must be a mapping with id and text")
            for key in ("id", "text"):
                if key not in entry or entry[key] is None:
                    raise self.fail(f"{where}.{key}", "is missing")
            unknown = sorted(str(k) for k in entry if k not in _ITEM_FIELDS)
            if unknown:
                raise self.fail(f"{where}.{unknown[0]}", "is not a field of an item")
            ident = self.text(entry["id"], f"{where}.id")
            if ident in seen:
                raise self.fail(f"{where}.id", f"'{ident}' is used by an earlier item")
            if len(ident) > _MAX_ID:
                raise self.fail(f"{where}.id", f"must be at most {_MAX_ID} characters")
            seen.add(ident)
            reversed_ = entry.get("reversed", False)
            if not isinstance(reversed_, bool):
                raise self.fail(f"{where}.reversed", "must be true or false")
            subscale = entry.get("subscale")
            items.append(Item(
                id=ident, text=self.text(entry["text"], f"{where}.text"),
                subscale=None if subscale is None else self.text(subscale, f"{where}.subscale"),
                reversed=reversed_,
                short="" if entry.get("short") is None else self.text(entry["short"],
                                                                     f"{where}.short")))
        return tuple(items)

    def forms(self, raw: object, ids: set[str]) -> dict[str, tuple[str, ...]]:
        if raw is None:
            return {}
        if not isinstance(raw, dict):
            raise self.fail("forms", "must be a mapping with before and after")
        forms: dict[str, tuple[str, ...]] = {}
        for stage in (BEFORE, AFTER):
            if stage not in raw or raw[stage] is None:
                raise self.fail(f"forms.{stage}", "is missing")
        unknown = sorted(str(k) for k in raw if k not in (BEFORE, AFTER))
        if unknown:
            raise self.fail(f"forms.{unknown[0]}", "is not a form; use before and after")
        for stage in (BEFORE, AFTER):
            listed = raw[stage]
            if not isinstance(listed, list) or not listed:
                raise self.fail(f"forms.{stage}", "must be a non-empty list of item ids")
            for n, item_id in enumerate(listed):
                if str(item_id) not in ids:
                    raise self.fail(f"forms.{stage}[{n}]", f"'{item_id}' is not an item id")
            if len(set(map(str, listed))) != len(listed):
                raise self.fail(f"forms.{stage}", "lists an item twice")
            forms[stage] = tuple(str(i) for i in listed)
        return forms


def stage_form(stage: str) -> str:
    """The form asked at an evaluation stage (`baseline` → before, anything later → after)."""
    return BEFORE if stage == "baseline" else AFTER


def measures(instrument: Instrument) -> Sequence[tuple[str, str]]:
    """What the organiser's figures are given for, in order: (kind, id) for every item,
    then every subscale, then the whole scale."""
    return ([("item", it.id) for it in instrument.items]
            + [("subscale", s) for s in instrument.subscales] + [("scale", WHOLE)])

