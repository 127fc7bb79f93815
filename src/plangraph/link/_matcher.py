"""The matcher: a name (and optionally types and property values) -> scored candidates.

One :class:`Matcher` serves the reconciliation service, ``plangraph link`` and
the pipeline's cross-report indicator matching. It works on plain
:class:`LinkTarget` records, so it needs no store; :func:`plangraph.link.read_targets`
reads them from one.

Scores run from 0 to 100, by the best way the query meets one of a target's names:

=====  ==============  ====================================================
score  method          the query and the name ...
=====  ==============  ====================================================
100    ``id``          the query is the target's identifier or IRI
100    ``exact``       are the same string
 98    ``normalised``  differ in width, script (traditional/simplified), case, spaces or punctuation
 92    ``affix``       agree once brackets, a leading place name or an administrative suffix are dropped
 90    ``pinyin``      a query in Latin letters spells the name's pinyin
<=80   ``fuzzy``       share character bigrams (80 x Dice coefficient, kept from 0.5)
=====  ==============  ====================================================

A match through an alias (``skos:altLabel``) scores 2 less. The best candidate
is flagged ``match`` when it scores :data:`MATCH_SCORE` or more, no property
condition contradicts it, and no other candidate comes within
:data:`AMBIGUITY_MARGIN` of it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from ..rdf.vocab import BASE, PG
from ._normalise import core_keys, fold, has_han, pinyin_key, place_prefixes, similarity

__all__ = ["AMBIGUITY_MARGIN", "MATCH_SCORE", "Candidate", "LinkTarget", "Matcher", "PropertyCondition"]

#: The lowest score the service calls a match (``affix`` and ``pinyin`` matches qualify, ``fuzzy`` never does).
MATCH_SCORE = 90.0
#: A best candidate this close to the second best is ambiguous, so not a match.
AMBIGUITY_MARGIN = 5.0
_ALIAS_PENALTY = 2.0
_FUZZY_WEIGHT = 80.0
_FUZZY_FLOOR = 0.5
_METHOD_SCORES = {"exact": 100.0, "normalised": 98.0, "affix": 92.0, "pinyin": 90.0}
_PLACE_TYPES = frozenset({str(PG.AdministrativeArea)})


@dataclass(frozen=True, slots=True)
class LinkTarget:
    """A thing of the graph that names can be matched to: an entity, an indicator, a category."""

    iri: str
    name: str
    """Display name: the Chinese label, else the English one."""
    labels: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    """Class IRIs, as stated (the matcher adds their superclasses when filtering)."""
    description: str = ""
    properties: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Property IRI -> values (IRIs and literals as strings)."""

    @property
    def id(self) -> str:
        """The identifier the reconciliation service uses: the IRI less the graph's base (``entity/kunshan``)."""
        return self.iri.removeprefix(BASE)


@dataclass(frozen=True, slots=True)
class PropertyCondition:
    """A property value a candidate should have: a literal, or another target by id or IRI."""

    property: str
    """Property IRI."""
    values: tuple[str, ...]
    ids: tuple[str, ...] = ()
    """Values given as entities (``{"id": ...}``), as IRIs."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """One scored target for a query."""

    target: LinkTarget
    score: float
    method: str
    matched: str
    """The name (label or alias) the query met."""
    match: bool = False
    features: Mapping[str, float | bool] = field(default_factory=dict)


@dataclass(slots=True)
class _Hit:
    score: float
    method: str
    matched: str


class Matcher:
    """Scores names against a fixed set of :class:`LinkTarget` records.

    Example::

        matcher = Matcher(read_targets(store))
        best = matcher.match("昆山", types=[PG.AdministrativeArea])[0]
        best.target.iri, best.score, best.method, best.match
        # ('https://w3id.org/plangraph/id/entity/kunshan', 100.0, 'exact', True)
    """

    def __init__(self, targets: Iterable[LinkTarget], *, broader: Mapping[str, Iterable[str]] | None = None) -> None:
        self.targets: list[LinkTarget] = sorted(targets, key=lambda t: t.iri)
        self.by_iri = {target.iri: target for target in self.targets}
        self._broader = {key: tuple(values) for key, values in (broader or {}).items()}
        self.prefixes = place_prefixes(
            name for t in self.targets if _PLACE_TYPES & set(t.types) for name in (*t.labels, *t.aliases) if has_han(name)
        )
        self._keys: dict[str, dict[str, list[tuple[int, str, bool]]]] = {m: defaultdict(list) for m in _METHOD_SCORES}
        self._grams: dict[str, set[int]] = defaultdict(set)
        self._folded: list[list[tuple[str, str, bool]]] = []
        for index, target in enumerate(self.targets):
            names = [(label, False) for label in target.labels] + [(alias, True) for alias in target.aliases]
            folded: list[tuple[str, str, bool]] = []
            for name, alias in names:
                entry = (index, name, alias)
                self._keys["exact"][name.strip()].append(entry)
                key = fold(name)
                if not key:
                    continue
                folded.append((key, name, alias))
                self._keys["normalised"][key].append(entry)
                cores = core_keys(name, self.prefixes)
                for core in cores:
                    self._keys["affix"][core].append(entry)
                if has_han(name):
                    for form in {key, *cores}:
                        self._keys["pinyin"][pinyin_key(form)].append(entry)
                for gram in _bigrams(key):
                    self._grams[gram].add(index)
            self._folded.append(folded)

    # -- types ------------------------------------------------------------------

    def ancestors(self, type_iri: str) -> set[str]:
        """``type_iri`` and every class above it."""
        seen = {type_iri}
        todo = [type_iri]
        while todo:
            for parent in self._broader.get(todo.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        return seen

    def has_type(self, target: LinkTarget, type_iri: str) -> bool:
        return any(type_iri in self.ancestors(t) for t in target.types)

    # -- matching ---------------------------------------------------------------

    def match(
        self,
        query: str,
        *,
        types: Sequence[str] = (),
        type_strict: str = "any",
        conditions: Sequence[PropertyCondition] = (),
        limit: int | None = 10,
    ) -> list[Candidate]:
        """Candidates for ``query``, best first (ties by name, then IRI), at most ``limit``.

        ``types`` filters (``type_strict`` ``any``: one of them; ``all``: every
        one; ``should``: only lowers the score of others by 20). Each property
        condition a candidate meets adds 5 (to at most 100); one it
        contradicts takes off 30 and rules out ``match``. An empty query with
        conditions scores candidates by the share of conditions they meet.
        """
        hits = self._hits(query.strip()) if query.strip() else {}
        if not query.strip():
            if not conditions:
                return []
            hits = {i: _Hit(0.0, "properties", "") for i in range(len(self.targets))}
        candidates: list[Candidate] = []
        for index, hit in hits.items():
            target = self.targets[index]
            features: dict[str, float | bool] = {"name_score": round(hit.score, 1)}
            score = hit.score
            if types:
                wanted = [self.has_type(target, t) for t in types]
                ok = all(wanted) if type_strict == "all" else any(wanted)
                features["type_match"] = ok
                if not ok:
                    if type_strict != "should":
                        continue
                    score -= 20.0
            contradicted = False
            if conditions:
                met = 0
                for number, condition in enumerate(conditions):
                    verdict = self._condition(target, condition)
                    features[f"property_{number}"] = bool(verdict)
                    if verdict:
                        met += 1
                    elif verdict is False:
                        contradicted = True
                if not query.strip():
                    if met == 0:
                        continue
                    score = 100.0 * met / len(conditions)
                else:
                    score += 5.0 * met - (30.0 if contradicted else 0.0)
            score = max(0.0, min(100.0, score))
            candidates.append(Candidate(target, round(score, 1), hit.method, hit.matched, False, features))
        candidates.sort(key=lambda c: (-c.score, c.target.name, c.target.iri))
        if candidates:
            best = candidates[0]
            runner_up = candidates[1].score if len(candidates) > 1 else -1.0
            conditions_ok = not any(value is False for key, value in best.features.items() if key.startswith("property_"))
            if best.score >= MATCH_SCORE and best.method != "fuzzy" and conditions_ok and best.score - runner_up >= AMBIGUITY_MARGIN:
                candidates[0] = replace(best, match=True)
        return candidates if limit is None else candidates[:limit]

    def _hits(self, query: str) -> dict[int, _Hit]:
        hits: dict[int, _Hit] = {}

        def offer(entries: Iterable[tuple[int, str, bool]], score: float, method: str) -> None:
            for index, name, alias in entries:
                value = score - (_ALIAS_PENALTY if alias else 0.0)
                if index not in hits or value > hits[index].score:
                    hits[index] = _Hit(value, method, name)

        target = self.by_iri.get(query) or self.by_iri.get(BASE + query)
        if target is not None:
            hits[self.targets.index(target)] = _Hit(100.0, "id", target.name)
        offer(self._keys["exact"].get(query, ()), _METHOD_SCORES["exact"], "exact")
        key = fold(query)
        offer(self._keys["normalised"].get(key, ()), _METHOD_SCORES["normalised"], "normalised")
        cores = core_keys(query, self.prefixes)
        for core in cores:
            offer(self._keys["affix"].get(core, ()), _METHOD_SCORES["affix"], "affix")
        if not has_han(query):
            for form in {key, *cores}:
                offer(self._keys["pinyin"].get(pinyin_key(form), ()), _METHOD_SCORES["pinyin"], "pinyin")
        if key:
            self._fuzzy(key, hits)
        return hits

    def _fuzzy(self, key: str, hits: dict[int, _Hit]) -> None:
        shared: dict[int, int] = defaultdict(int)
        for gram in _bigrams(key):
            for index in self._grams.get(gram, ()):
                shared[index] += 1
        for index in sorted(shared, key=lambda i: -shared[i])[:200]:
            for folded, name, alias in self._folded[index]:
                value = _FUZZY_WEIGHT * similarity(key, folded) - (_ALIAS_PENALTY if alias else 0.0)
                if value >= _FUZZY_WEIGHT * _FUZZY_FLOOR and (index not in hits or value > hits[index].score):
                    hits[index] = _Hit(value, "fuzzy", name)

    def _condition(self, target: LinkTarget, condition: PropertyCondition) -> bool | None:
        """True: a value agrees; False: the target has the property but no value agrees; None: it lacks it."""
        values = target.properties.get(condition.property, ())
        if not values:
            return None
        if condition.ids and set(condition.ids) & set(values):
            return True
        for wanted in condition.values:
            key = fold(wanted)
            for value in values:
                if fold(value) == key:
                    return True
                other = self.by_iri.get(value)
                if other is not None and any(fold(n) == key or key in core_keys(n, self.prefixes) for n in (*other.labels, *other.aliases)):
                    return True
        return False

    def suggest(self, prefix: str, *, types: Sequence[str] = ()) -> list[LinkTarget]:
        """Targets with a name that starts with ``prefix`` (folded), then those containing it; by name."""
        key = fold(prefix)
        if not key:
            return []
        starts: list[LinkTarget] = []
        contains: list[LinkTarget] = []
        for target, folded in zip(self.targets, self._folded):
            if types and not any(self.has_type(target, t) for t in types):
                continue
            keys = [f for f, _, _ in folded]
            if any(k.startswith(key) for k in keys) or target.id == prefix:
                starts.append(target)
            elif any(key in k for k in keys):
                contains.append(target)
        order = lambda t: (len(t.name), t.name, t.iri)
        return sorted(starts, key=order) + sorted(contains, key=order)


def _bigrams(text: str) -> set[str]:
    return {text} if len(text) < 2 else {text[i : i + 2] for i in range(len(text) - 1)}
