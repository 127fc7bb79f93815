"""Entity gazetteer, mention finder, unknown-name candidates and project statuses.

Works on the text of a Chinese city development-plan report (the genre of
"关于……国民经济和社会发展计划执行情况与……计划草案的报告"). Nothing here knows about
RDF: the functions return plain frozen dataclasses with character offsets into the
document text (Python ``str`` indices, end exclusive).

Matching rules
--------------
* **Gazetteer lookup, longest match first.** Every surface form of every entry (``zh``
  and ``aliases``) is looked for; overlapping hits are resolved longest first (then
  leftmost), so "苏州" inside "苏州实验室" is not a mention of 苏州市 when 苏州实验室 is
  known. The bare short name of a city ("苏州") *is* a mention of the city when it stands
  alone or inside a name the gazetteer does not know ("苏州籍").
* **Coordinated forms.** Plan reports share a prefix and/or suffix between the items of a
  "、" list: "轨道交通2、4、7号线延伸线", "华能太仓、国信沙洲支撑性电源项目",
  "中新、中德、中日、海峡两岸等开放平台", "虎丘等片区". Within a clause the finder tries
  every split of the first item into ``… + P + x`` and of the last into ``x + [等] + S …``
  and accepts the expansion ``P + x_k + S`` of an item only when it is a surface form in
  the gazetteer (and the first and last item of the run both expand to known names).

  *Span rule:* an item whose full name is written contiguously keeps its own span (the
  last item "国信沙洲支撑性电源项目"). An item whose name exists only through the
  coordination gets the span of the **whole coordinated phrase**, ``surface`` is that
  phrase (so ``text[start:end] == surface`` always holds) and ``form`` carries the
  reconstructed full name ("轨道交通4号线延伸线"). The three lines of
  "轨道交通2、4、7号线延伸线" therefore come out as three mentions with the same span and
  different slugs; coordinated mentions may overlap other mentions, direct ones never
  overlap each other.
* **Short name in brackets.** "轨道交通11号线（S1线）": a mention followed by "（" + another
  surface form of the same entry + "）" becomes one mention covering the whole.

Candidates
----------
``find_candidates`` reports names the gazetteer does not know: a bounded run of CJK/ASCII
characters ending in a typical head (隧道, 实验室, 中心, 试点, 计划, …) with the left edge
cut after punctuation or a verb/function word (建设, 推进, 新增, 的, 和, 等, …), and the
contents of “…” and 《…》. A candidate that overlaps a known mention is linked, except
when the only mentions inside it are place names modifying an unknown head (an unknown
"昆山某某中心" stays a candidate even though 昆山 is known).

Statuses
--------
``find_statuses`` reads, for each mention of a project-like entity (``STATUS_TYPES``), the
status phrase governing the list the mention is part of, within its clause: a phrase
following the list ("……等重大项目开工建设", "……实现洞通轨通电通"), else one just before it
("加快建设……", "建成……"), else the split form "加快……建设" / "推进……建设".
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from plangraph._errors import InputError

__all__ = [
    "CANDIDATE_SUFFIXES",
    "ENTITY_TYPES",
    "INSTITUTION_TYPES",
    "PROJECT_TYPES",
    "STATUS_KEYS",
    "STATUS_PHRASES",
    "STATUS_TYPES",
    "ZONE_TYPES",
    "Candidate",
    "GazetteerEntry",
    "Mention",
    "StatusClaim",
    "check_gazetteer",
    "find_candidates",
    "find_mentions",
    "find_statuses",
    "load_gazetteer",
    "summarise_candidates",
]

# --------------------------------------------------------------------------- types

PROJECT_TYPES: frozenset[str] = frozenset(
    {
        "RailLine",
        "Tunnel",
        "Laboratory",
        "EnergyProject",
        "WaterProject",
        "HealthFacility",
        "EducationFacility",
        "DigitalPlatform",
        "CulturalProject",
        "TransportHub",
        "Project",
    }
)
INSTITUTION_TYPES: frozenset[str] = frozenset(
    {
        "University",
        "GovernmentBody",
        "Enterprise",
        "StateGroup",
        "ResearchInstitute",
        "Hospital",
        "Alliance",
        "Institution",
    }
)
ZONE_TYPES: frozenset[str] = frozenset({"AdministrativeArea", "PlanningZone", "Zone"})

#: Every type a gazetteer entry may have.
ENTITY_TYPES: tuple[str, ...] = (
    "RailLine",
    "Tunnel",
    "Laboratory",
    "EnergyProject",
    "WaterProject",
    "HealthFacility",
    "EducationFacility",
    "DigitalPlatform",
    "CulturalProject",
    "TransportHub",
    "Project",
    "University",
    "GovernmentBody",
    "Enterprise",
    "StateGroup",
    "ResearchInstitute",
    "Hospital",
    "Alliance",
    "Institution",
    "AdministrativeArea",
    "PlanningZone",
    "Zone",
    "Event",
    "Policy",
    "Program",
)

#: Types whose mentions can carry a project status (projects, plus universities and
#: hospitals that are being built).
STATUS_TYPES: frozenset[str] = PROJECT_TYPES | {"University", "Hospital"}

#: Status phrase as written -> status key.
STATUS_PHRASES: Mapping[str, str] = MappingProxyType(
    {
        "开工建设": "ConstructionStarted",
        "新开工": "ConstructionStarted",
        "开工": "ConstructionStarted",
        "建成通车": "OpenedToTraffic",
        "通车": "OpenedToTraffic",
        "洞通轨通电通": "TunnelTrackPowerThrough",
        "洞通": "TunnelTrackPowerThrough",
        "建成投用": "InService",
        "正式投用": "InService",
        "投入使用": "InService",
        "投用": "InService",
        "正式启用": "InService",
        "启用": "InService",
        "投运": "InService",
        "开通运营": "InService",
        "上线试运行": "InService",
        "试运行": "InService",
        "前期工作": "PreliminaryWork",
        "加快推进": "Accelerating",
        "基本建成": "Completed",
        "建成": "Completed",
        "竣工": "Completed",
        "加快建设": "UnderConstruction",
        "推进建设": "UnderConstruction",
        "启动建设": "UnderConstruction",
        "启动实施": "UnderConstruction",
        "在建": "UnderConstruction",
        "续建": "UnderConstruction",
        "规划建设": "Planned",
        "规划": "Planned",
        "获批建设": "Approved",
        "获批成立": "Approved",
        "批准成立": "Approved",
        "批准建设": "Approved",
    }
)

#: The status keys a StatusClaim can carry.
STATUS_KEYS: frozenset[str] = frozenset(STATUS_PHRASES.values())

_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ADMIN_CODE_RE = re.compile(r"^\d{6}$")
_WIKIDATA_RE = re.compile(r"^Q[1-9]\d*$")
_REQUIRED = ("type", "zh", "en")
_OPTIONAL = ("aliases", "admin_code", "part_of", "located_in", "wikidata", "note")

# ---------------------------------------------------------------------- dataclasses


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One curated entity."""

    slug: str
    type: str
    zh: str
    en: str
    aliases: tuple[str, ...] = ()
    admin_code: str | None = None
    part_of: tuple[str, ...] = ()
    located_in: tuple[str, ...] = ()
    wikidata: str | None = None
    note: str | None = None

    @property
    def surfaces(self) -> tuple[str, ...]:
        """Every surface form: the primary name first, then the aliases."""
        return (self.zh, *self.aliases)


@dataclass(frozen=True, slots=True)
class Mention:
    """A place in the text that names a gazetteer entry.

    ``text[start:end] == surface`` always. ``form`` is ``None`` for a name written out in
    full; for a name that exists only through a coordinated phrase it is the rebuilt full
    name (a surface form of the entry) and the span is the whole phrase.
    """

    slug: str
    surface: str
    start: int
    end: int
    form: str | None = None

    @property
    def coordinated(self) -> bool:
        return self.form is not None

    @property
    def name(self) -> str:
        """The name as the gazetteer knows it (the rebuilt form for coordinated mentions)."""
        return self.form if self.form is not None else self.surface


@dataclass(frozen=True, slots=True)
class Candidate:
    """A name-like span the gazetteer does not know. ``pattern`` is the suffix that
    matched (e.g. "实验室"), or "quote" for “…”, or "title" for 《…》."""

    surface: str
    start: int
    end: int
    pattern: str


@dataclass(frozen=True, slots=True)
class StatusClaim:
    """The text states ``status`` for the entity ``slug``.

    ``status_text`` is the status phrase ("开工建设"); ``start``/``end`` is its span. For the
    split form ("加快……建设") ``status_text`` is the joined phrase ("加快建设") and the span
    runs from the verb to the closing 建设.
    """

    slug: str
    status: str
    status_text: str
    start: int
    end: int


# ------------------------------------------------------------------------ gazetteer


def _err(source: str, slug: str, message: str) -> InputError:
    return InputError(f"{source}: entry [{slug}]: {message}")


def _str_field(source: str, slug: str, table: Mapping[str, object], key: str) -> str | None:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise _err(source, slug, f"field '{key}' must be a non-empty string")
    if value != value.strip():
        raise _err(source, slug, f"field '{key}' has leading or trailing whitespace")
    return value


def _list_field(source: str, slug: str, table: Mapping[str, object], key: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _err(source, slug, f"field '{key}' must be a list of non-empty strings")
    items = tuple(value)
    if len(set(items)) != len(items):
        raise _err(source, slug, f"field '{key}' lists a value twice")
    return items


def _parse_entry(source: str, slug: str, table: object) -> GazetteerEntry:
    if not _SLUG_RE.match(slug):
        raise _err(source, slug, "slug must be lowercase ASCII letters, digits and hyphens")
    if not isinstance(table, dict):
        raise _err(source, slug, "must be a table")
    for key in _REQUIRED:
        if key not in table:
            raise _err(source, slug, f"missing required field '{key}'")
    unknown = sorted(set(table) - set(_REQUIRED) - set(_OPTIONAL))
    if unknown:
        raise _err(source, slug, f"unknown field(s) {', '.join(repr(k) for k in unknown)}")
    etype = _str_field(source, slug, table, "type")
    if etype not in ENTITY_TYPES:
        raise _err(source, slug, f"unknown type {etype!r} (known: {', '.join(ENTITY_TYPES)})")
    zh = _str_field(source, slug, table, "zh")
    en = _str_field(source, slug, table, "en")
    assert zh is not None and en is not None
    admin_code = _str_field(source, slug, table, "admin_code")
    if admin_code is not None:
        if etype != "AdministrativeArea":
            raise _err(source, slug, "admin_code is only allowed on AdministrativeArea entries")
        if not _ADMIN_CODE_RE.match(admin_code):
            raise _err(source, slug, f"admin_code {admin_code!r} is not a 6-digit GB/T 2260 code")
    wikidata = _str_field(source, slug, table, "wikidata")
    if wikidata is not None and not _WIKIDATA_RE.match(wikidata):
        raise _err(source, slug, f"wikidata {wikidata!r} is not a Q-id")
    part_of = _list_field(source, slug, table, "part_of")
    if part_of and etype not in ZONE_TYPES:
        raise _err(source, slug, "part_of is only allowed on zone entries (use located_in)")
    return GazetteerEntry(
        slug=slug,
        type=etype,
        zh=zh,
        en=en,
        aliases=_list_field(source, slug, table, "aliases"),
        admin_code=admin_code,
        part_of=part_of,
        located_in=_list_field(source, slug, table, "located_in"),
        wikidata=wikidata,
        note=_str_field(source, slug, table, "note"),
    )


def check_gazetteer(entries: Iterable[GazetteerEntry], *, source: str = "<gazetteer>") -> tuple[GazetteerEntry, ...]:
    """Check a gazetteer's cross-entry rules; return it as a tuple.

    Raises InputError for a duplicate slug, a surface form used twice (within or across
    entries), an unknown type, and part_of/located_in naming an unknown or non-zone slug
    or forming a cycle.
    """
    result = tuple(entries)
    by_slug: dict[str, GazetteerEntry] = {}
    surface_owner: dict[str, str] = {}
    for entry in result:
        if entry.slug in by_slug:
            raise _err(source, entry.slug, "duplicate slug")
        if entry.type not in ENTITY_TYPES:
            raise _err(source, entry.slug, f"unknown type {entry.type!r}")
        by_slug[entry.slug] = entry
        for surface in entry.surfaces:
            owner = surface_owner.get(surface)
            if owner is not None:
                where = "twice in this entry" if owner == entry.slug else f"also in entry [{owner}]"
                raise _err(source, entry.slug, f"duplicate surface form {surface!r} ({where})")
            surface_owner[surface] = entry.slug
    for entry in result:
        for key, targets in (("part_of", entry.part_of), ("located_in", entry.located_in)):
            for target in targets:
                if target == entry.slug:
                    raise _err(source, entry.slug, f"{key} names the entry itself")
                if target not in by_slug:
                    raise _err(source, entry.slug, f"{key} names unknown slug {target!r}")
                if by_slug[target].type not in ZONE_TYPES:
                    raise _err(source, entry.slug, f"{key} names {target!r}, which is not a zone")
    # part_of must be acyclic
    state: dict[str, int] = {}

    def visit(slug: str, path: tuple[str, ...]) -> None:
        if state.get(slug) == 2:
            return
        if state.get(slug) == 1:
            cycle = " -> ".join((*path[path.index(slug) :], slug))
            raise _err(source, slug, f"part_of forms a cycle: {cycle}")
        state[slug] = 1
        for parent in by_slug[slug].part_of:
            visit(parent, (*path, slug))
        state[slug] = 2

    for slug in by_slug:
        visit(slug, ())
    return result


def load_gazetteer(path: str | os.PathLike[str]) -> tuple[GazetteerEntry, ...]:
    """Read a gazetteer TOML file (one table per entity, keyed by slug).

    Raises InputError naming the file (and the entry) when the file cannot be read, is
    not TOML, or an entry is malformed (see ``check_gazetteer``).
    """
    p = Path(path)
    source = str(p)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{source}: cannot read gazetteer: {exc.strerror or exc}") from exc
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(f"{source}: gazetteer is not UTF-8 ({exc.reason} at byte {exc.start})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{source}: gazetteer is not valid TOML: {exc}") from exc
    if not data:
        raise InputError(f"{source}: gazetteer has no entries")
    entries = [_parse_entry(source, slug, table) for slug, table in data.items()]
    return check_gazetteer(entries, source=source)


# --------------------------------------------------------------------------- index


@dataclass(frozen=True, slots=True)
class _Index:
    entries: Mapping[str, GazetteerEntry]
    by_surface: Mapping[str, str]
    lengths_by_first: Mapping[str, tuple[int, ...]]
    prefixes: frozenset[str]
    suffixes: frozenset[str]
    max_len: int


@lru_cache(maxsize=16)
def _build_index(gazetteer: tuple[GazetteerEntry, ...]) -> _Index:
    check_gazetteer(gazetteer)
    by_surface: dict[str, str] = {}
    lengths: dict[str, set[int]] = {}
    prefixes: set[str] = set()
    suffixes: set[str] = set()
    for entry in gazetteer:
        for surface in entry.surfaces:
            by_surface[surface] = entry.slug
            lengths.setdefault(surface[0], set()).add(len(surface))
            for k in range(1, len(surface)):
                prefixes.add(surface[:k])
                suffixes.add(surface[k:])
    return _Index(
        entries=MappingProxyType({e.slug: e for e in gazetteer}),
        by_surface=MappingProxyType(by_surface),
        lengths_by_first=MappingProxyType({c: tuple(sorted(ls, reverse=True)) for c, ls in lengths.items()}),
        prefixes=frozenset(prefixes),
        suffixes=frozenset(suffixes),
        max_len=max((len(s) for s in by_surface), default=0),
    )


def _index(gazetteer: Iterable[GazetteerEntry]) -> _Index:
    return _build_index(gazetteer if isinstance(gazetteer, tuple) else tuple(gazetteer))


def _bounds(text: str, start: int, end: int | None) -> tuple[int, int]:
    if not isinstance(text, str):
        raise InputError(f"text must be a str, not {type(text).__name__}")
    hi = len(text) if end is None else end
    if not (0 <= start <= hi <= len(text)):
        raise InputError(f"bad range [{start}:{end}] for a text of {len(text)} characters")
    return start, hi


# ------------------------------------------------------------------------ mentions

#: Characters that end a clause: coordination never crosses them.
_CLAUSE_BREAKS = frozenset("，。；！？：\n\r\t,;!?:")
_LIST_SEP = "、"
_ETC = "等"
_MAX_ITEM = 24  # longest item of a coordinated list we consider
_MAX_RUN = 12  # longest coordinated run (items)
_OPEN_BRACKETS = {"（": "）", "(": ")"}


def _clauses(text: str, lo: int, hi: int) -> Iterator[tuple[int, int]]:
    start = lo
    for i in range(lo, hi):
        if text[i] in _CLAUSE_BREAKS:
            if i > start:
                yield start, i
            start = i + 1
    if start < hi:
        yield start, hi


def _direct_occurrences(text: str, lo: int, hi: int, idx: _Index) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    for i in range(lo, hi):
        lengths = idx.lengths_by_first.get(text[i])
        if not lengths:
            continue
        for length in lengths:
            j = i + length
            if j > hi:
                continue
            slug = idx.by_surface.get(text[i:j])
            if slug is not None:
                found.append((i, j, slug))
    return found


def _select_longest(occurrences: list[tuple[int, int, str]], lo: int, hi: int) -> list[tuple[int, int, str]]:
    taken = bytearray(hi - lo)
    chosen: list[tuple[int, int, str]] = []
    for s, e, slug in sorted(occurrences, key=lambda t: (t[0] - t[1], t[0])):
        if any(taken[s - lo : e - lo]):
            continue
        taken[s - lo : e - lo] = b"\x01" * (e - s)
        chosen.append((s, e, slug))
    return chosen


@dataclass(frozen=True, slots=True)
class _Group:
    """An accepted coordinated expansion."""

    start: int
    end: int
    hits: tuple[tuple[str, str, int, int, bool], ...]  # (slug, form, lit_start, lit_end, literal)
    consumed: tuple[tuple[int, int], ...]


def _first_item_options(text: str, cs: int, ce: int, idx: _Index) -> dict[str, list[int]]:
    """For the first item text[cs:ce]: shared prefix P -> start offsets of x (x = text[x0:ce])."""
    options: dict[str, list[int]] = {}
    for x0 in range(max(cs, ce - _MAX_ITEM), ce):
        options.setdefault("", []).append(x0)
        for p0 in range(max(cs, x0 - idx.max_len), x0):
            prefix = text[p0:x0]
            if prefix in idx.prefixes:
                options.setdefault(prefix, []).append(x0)
    return options


def _last_item_options(text: str, cs: int, ce: int, idx: _Index) -> list[tuple[int, int, int, bool]]:
    """For the last item text[cs:ce]: (b, s0, s1, etc) with x = text[cs:b], S = text[s0:s1]."""
    options: list[tuple[int, int, int, bool]] = []
    for b in range(cs + 1, min(ce, cs + _MAX_ITEM) + 1):
        etc = b < ce and text[b] == _ETC
        s0 = b + 1 if etc else b
        if not etc:
            options.append((b, s0, s0, False))
        for s1 in range(s0 + 1, min(ce, s0 + idx.max_len) + 1):
            if text[s0:s1] in idx.suffixes:
                options.append((b, s0, s1, etc))
    return options


def _expand(
    text: str,
    items: Sequence[tuple[int, int]],
    i: int,
    j: int,
    prefix: str,
    x0: int,
    last: tuple[int, int, int, bool],
    surfaces: Mapping[str, str],
) -> _Group | None:
    """Distribute ``prefix`` (ending at x0 in item i) and the head text[s0:s1] (after item j)
    over items i..j; None unless the first and the last item both give known names."""
    b, s0, s1, etc = last
    head = text[s0:s1]
    ie = items[i][1]
    js = items[j][0]
    name_i = prefix + text[x0:ie] + head
    name_j = prefix + text[js:b] + head
    if name_i not in surfaces or name_j not in surfaces:
        return None
    p0 = x0 - len(prefix)
    # (slug, form, literal start, literal end, written out in full?)
    hits = [(surfaces[name_i], name_i, p0, ie, not head)]
    consumed = [(p0, x0), (s0, s1), (x0, ie)]
    for k in range(i + 1, j):
        ks, ke = items[k]
        name_k = prefix + text[ks:ke] + head
        if name_k in surfaces:
            hits.append((surfaces[name_k], name_k, ks, ke, False))
            consumed.append((ks, ke))
    hits.append((surfaces[name_j], name_j, js, s1, not prefix and not etc))
    consumed.append((js, b))
    return _Group(p0, s1, tuple(hits), tuple(c for c in consumed if c[1] > c[0]))


def _etc_group(text: str, js: int, last: tuple[int, int, int, bool], surfaces: Mapping[str, str]) -> _Group | None:
    """One item with 等 between the name and its head: "虎丘等片区" -> 虎丘片区."""
    b, s0, s1, _etc = last
    head = text[s0:s1]
    for x0 in range(max(js, b - _MAX_ITEM), b):  # longest name first
        name = text[x0:b] + head
        if name in surfaces:
            return _Group(x0, s1, ((surfaces[name], name, x0, s1, False),), ((x0, b), (s0, s1)))
    return None


def _clause_groups(text: str, cs: int, ce: int, idx: _Index) -> list[_Group]:
    """Coordinated expansions inside one clause, non-overlapping, best first."""
    seps = [i for i in range(cs, ce) if text[i] == _LIST_SEP]
    if not seps and _ETC not in text[cs:ce]:
        return []
    items = list(zip([cs, *[s + 1 for s in seps]], [*seps, ce], strict=True))
    surfaces = idx.by_surface
    found: list[_Group] = []
    first_opts: dict[int, dict[str, list[int]]] = {}
    for j, (js, je) in enumerate(items):
        last_opts = _last_item_options(text, js, je, idx)
        for last in last_opts:
            if last[3] and last[2] > last[1]:
                group = _etc_group(text, js, last, surfaces)
                if group is not None:
                    found.append(group)
        valid_last: dict[str, list[tuple[int, int, int, bool]]] = {}
        for i in range(j - 1, max(-1, j - _MAX_RUN), -1):
            if i < j - 1 and not (0 < items[i + 1][1] - items[i + 1][0] <= _MAX_ITEM):
                break  # a long middle item is not a coordinated fragment
            if i not in first_opts:
                first_opts[i] = _first_item_options(text, *items[i], idx)
            best: _Group | None = None
            for prefix, x0s in first_opts[i].items():
                if prefix not in valid_last:  # the last item must expand to a known name
                    valid_last[prefix] = [
                        o for o in last_opts if (prefix or o[2] > o[1]) and prefix + text[js : o[0]] + text[o[1] : o[2]] in surfaces
                    ]
                for last in valid_last[prefix]:
                    for x0 in x0s:
                        group = _expand(text, items, i, j, prefix, x0, last, surfaces)
                        if group is not None and (best is None or _rank(group) > _rank(best)):
                            best = group
            if best is not None:
                found.append(best)
    chosen: list[_Group] = []
    for group in sorted(found, key=lambda g: (_rank(g), -g.start), reverse=True):
        if not any(group.start < g.end and g.start < group.end for g in chosen):
            chosen.append(group)
    return chosen


def _rank(group: _Group) -> tuple[int, int]:
    return (len(group.hits), group.end - group.start)


def find_mentions(
    text: str,
    gazetteer: Iterable[GazetteerEntry],
    *,
    start: int = 0,
    end: int | None = None,
) -> list[Mention]:
    """Mentions of gazetteer entries in ``text[start:end]``, sorted by offset.

    Offsets are absolute (into ``text``). See the module docstring for the rules
    (longest match first, coordinated forms, bracketed short names).
    """
    lo, hi = _bounds(text, start, end)
    idx = _index(gazetteer)
    direct = _select_longest(_direct_occurrences(text, lo, hi, idx), lo, hi)

    groups: list[_Group] = []
    for cs, ce in _clauses(text, lo, hi):
        for group in _clause_groups(text, cs, ce, idx):
            # a written-out name containing "、" (e.g. "多审合一、多证合一") is never split up
            if any(_LIST_SEP in text[s:e] and s < group.end and group.start < e for s, e, _slug in direct):
                continue
            groups.append(group)

    consumed = [c for g in groups for c in g.consumed]
    mentions: list[Mention] = [
        Mention(slug, text[s:e], s, e) for s, e, slug in direct if not any(s < ce and cs < e for cs, ce in consumed)
    ]
    for group in groups:
        for slug, form, ls, le, literal in group.hits:
            if literal:
                mentions.append(Mention(slug, text[ls:le], ls, le))
            else:
                mentions.append(Mention(slug, text[group.start : group.end], group.start, group.end, form))

    mentions = _merge_bracketed(text, sorted(set(mentions), key=_mention_key))
    return sorted(set(mentions), key=_mention_key)


def _mention_key(m: Mention) -> tuple[int, int, str]:
    return (m.start, m.end, m.slug)


def _merge_bracketed(text: str, mentions: list[Mention]) -> list[Mention]:
    """"轨道交通11号线（S1线）" -> one mention when both names belong to the same entry."""
    by_start = {m.start: m for m in mentions if not m.coordinated}
    drop: set[Mention] = set()
    merged: list[Mention] = []
    for m in mentions:
        if m.coordinated or m in drop or m.end >= len(text):
            continue
        close = _OPEN_BRACKETS.get(text[m.end])
        inner = by_start.get(m.end + 1)
        if close is None or inner is None or inner.slug != m.slug:
            continue
        if inner.end < len(text) and text[inner.end] == close:
            drop.update((m, inner))
            merged.append(Mention(m.slug, text[m.start : inner.end + 1], m.start, inner.end + 1))
    return [m for m in mentions if m not in drop] + merged


# ---------------------------------------------------------------------- candidates

CANDIDATE_SUFFIXES: tuple[str, ...] = (
    "隧道",
    "号线",
    "高铁",
    "城际",
    "铁路",
    "实验室",
    "中心",
    "大学",
    "医院",
    "集团",
    "公司",
    "新城",
    "片区",
    "园区",
    "港",
    "平台",
    "基地",
    "论坛",
    "大会",
    "博览会",
    "示范区",
    "试点",
    "计划",
    "行动",
    "工程",
)
_MAX_PREFIX = 14
_NAME_CHAR_RE = re.compile(r"[\u3400-\u9fffA-Za-z0-9·]")
# Words after which a name starts (verbs, function words, counters after a number). The
# rightmost one inside the window before the suffix wins. Single characters that also
# occur inside names (经 in 经济, 由 in 自由, 个 in 个人) are left out.
_BOUNDARY_WORDS = (
    "建设",
    "推进",
    "加快",
    "新增",
    "获批",
    "成立",
    "举办",
    "开展",
    "实施",
    "支持",
    "打造",
    "培育",
    "创建",
    "推动",
    "落实",
    "入选",
    "获评",
    "列入",
    "进入",
    "启动",
    "完成",
    "出台",
    "设立",
    "参与",
    "融入",
    "提升",
    "发挥",
    "建立",
    "构建",
    "组建",
    "引进",
    "积极",
    "大力",
    "全面",
    "持续",
    "深入",
    "深化",
    "加强",
    "申报",
    "认定",
    "遴选",
    "争创",
    "拥有",
    "累计",
    "新建",
    "建成",
    "开工",
    "用好",
    "放大",
    "做好",
    "聚焦",
    "围绕",
    "通过",
    "成功",
    "招引",
    "吸引",
    "更多",
    "以上",
    "首批",
    "一批",
    "首个",
    "首家",
    "全市",
    "其中",
    "包括",
    "的",
    "和",
    "与",
    "在",
    "等",
    "及",
    "或",
    "成为",
    "作为",
    "向",
    "把",
    "将",
    "从",
)
_BOUNDARY_RE = re.compile(
    "|".join(re.escape(w) for w in sorted(_BOUNDARY_WORDS, key=len, reverse=True)) + r"|\d+(?:个|家|项|批|所|座|条|名)"
)
# A prefix made only of these adds nothing to the head ("重大工程", "省级平台").
_GENERIC_PREFIXES = frozenset(
    {"重大", "重点", "主要", "相关", "各类", "该", "本", "这", "省级", "市级", "国家级", "国家", "省", "市", "新型", "优质", "特色"}
)
# A head followed by one of these is part of a longer word ("集团化", "工程师", "港口").
_CONTINUATION = frozenset("化师口")
_SUFFIX_RE = re.compile("|".join(re.escape(s) for s in sorted(CANDIDATE_SUFFIXES, key=len, reverse=True)))
_QUOTE_RE = re.compile(r"“([^“”\n]{1,20})”")
_TITLE_RE = re.compile(r"《([^《》\n]{1,80})》")
_NOT_A_NAME = re.compile(r"[，。；！？,;!?]")


def _suffix_candidates(text: str, lo: int, hi: int) -> Iterator[Candidate]:
    for m in _SUFFIX_RE.finditer(text, lo, hi):
        head_start, end = m.start(), m.end()
        if end < hi and text[end] in _CONTINUATION:
            continue
        left = head_start
        while left > lo and head_start - left < _MAX_PREFIX and _NAME_CHAR_RE.match(text[left - 1]):
            left -= 1
        window = text[left:head_start]
        cut = 0
        for b in _BOUNDARY_RE.finditer(window):
            cut = max(cut, b.end())
        prefix = window[cut:]
        if not prefix or prefix in _GENERIC_PREFIXES:
            continue
        s = head_start - len(prefix)
        yield Candidate(text[s:end], s, end, m.group())


def _quoted_candidates(text: str, lo: int, hi: int) -> Iterator[Candidate]:
    for regex, pattern in ((_QUOTE_RE, "quote"), (_TITLE_RE, "title")):
        for m in regex.finditer(text, lo, hi):
            inner = m.group(1)
            if _NOT_A_NAME.search(inner) or not inner.strip():
                continue
            yield Candidate(inner, m.start(1), m.end(1), pattern)


def find_candidates(
    text: str,
    gazetteer: Iterable[GazetteerEntry],
    *,
    start: int = 0,
    end: int | None = None,
    mentions: Sequence[Mention] | None = None,
) -> list[Candidate]:
    """Name-like spans in ``text[start:end]`` that no gazetteer mention accounts for.

    ``mentions`` are those :func:`find_mentions` gave for the same span, when the caller has them.
    """
    lo, hi = _bounds(text, start, end)
    gz = gazetteer if isinstance(gazetteer, tuple) else tuple(gazetteer)
    idx = _index(gz)
    if mentions is None:
        mentions = find_mentions(text, gz, start=lo, end=hi)
    raw = [*_suffix_candidates(text, lo, hi), *_quoted_candidates(text, lo, hi)]
    # keep the longest of nested candidates; for the same span prefer the quote/title reading
    raw.sort(key=lambda c: (c.start, -(c.end - c.start), c.pattern not in ("quote", "title")))
    kept: list[Candidate] = []
    for c in raw:
        if any(k.start <= c.start and c.end <= k.end for k in kept):
            continue
        kept = [k for k in kept if not (c.start <= k.start and k.end <= c.end)]
        kept.append(c)
    unlinked = [c for c in kept if not _linked(c, mentions, idx)]
    return sorted(unlinked, key=lambda c: (c.start, c.end))


def _linked(c: Candidate, mentions: Sequence[Mention], idx: _Index) -> bool:
    overlapping = [m for m in mentions if m.start < c.end and c.start < m.end]
    if not overlapping:
        return False
    for m in overlapping:
        place_modifier = (
            idx.entries[m.slug].type in ZONE_TYPES and c.start <= m.start and m.end <= c.end - 2 and not m.coordinated
        )
        if not place_modifier:
            return True
    return False


def summarise_candidates(candidates: Iterable[Candidate]) -> list[tuple[str, int, list[int]]]:
    """(surface, count, start offsets) per distinct surface, most frequent first."""
    starts: dict[str, list[int]] = {}
    for c in sorted(candidates, key=lambda c: c.start):
        starts.setdefault(c.surface, []).append(c.start)
    return sorted(((s, len(o), o) for s, o in starts.items()), key=lambda t: (-t[1], t[2][0]))


# ------------------------------------------------------------------------ statuses

_PHRASE_RE = re.compile("|".join(re.escape(p) for p in sorted(STATUS_PHRASES, key=len, reverse=True)))
_SPLIT_VERBS = ("加快", "推进", "启动", "规划")
_SPLIT_VERB_RE = re.compile(r"(?:" + "|".join(_SPLIT_VERBS) + r")[“”‘’\"']{0,2}$")
_SPLIT_TAIL_RE = re.compile(r"[^，。；！？]{0,8}?建设")
_MAX_FILLER = 8  # chars between a list and a following status phrase ("等重大项目", "一期")
_MAX_LEAD = 4  # chars between a preceding status phrase and the list
_LIST_GAPS = frozenset({"", "、", "和", "及", "与", "以及", "、以及", "或"})
_QUOTES_RE = re.compile(r"[“”‘’\"'《》「」]")


def _grouped(text: str, mentions: list[Mention]) -> Iterator[list[Mention]]:
    group: list[Mention] = []
    group_end = -1
    for m in mentions:
        if group and (m.start < group_end or _QUOTES_RE.sub("", text[group_end : m.start]) in _LIST_GAPS):
            group.append(m)
            group_end = max(group_end, m.end)
            continue
        if group:
            yield group
        group, group_end = [m], m.end
    if group:
        yield group


def find_statuses(
    text: str,
    mentions: Iterable[Mention],
    gazetteer: Iterable[GazetteerEntry],
) -> list[StatusClaim]:
    """Project statuses the text states for the given mentions (see module docstring)."""
    _bounds(text, 0, None)
    idx = _index(gazetteer)
    ms = sorted(mentions, key=_mention_key)
    for m in ms:
        if m.slug not in idx.entries:
            raise InputError(f"mention of unknown slug {m.slug!r} at [{m.start}:{m.end}]")
        if not (0 <= m.start <= m.end <= len(text)):
            raise InputError(f"mention [{m.start}:{m.end}] lies outside the text")

    def bearing(m: Mention) -> bool:
        return idx.entries[m.slug].type in STATUS_TYPES

    bearing_starts = sorted(m.start for m in ms if bearing(m))
    covered = bytearray(len(text))
    for m in ms:
        covered[m.start : m.end] = b"\x01" * (m.end - m.start)

    def clean(a: int, b: int) -> bool:
        """No status-bearing mention starts in text[a:b]."""
        return not any(a <= s < b for s in bearing_starts)

    def free(a: int, b: int) -> bool:
        """text[a:b] is not part of any mention (a status word inside a name is no status)."""
        return not any(covered[a:b])

    claims: set[StatusClaim] = set()
    pos = 0
    for cs, ce in _clauses(text, 0, len(text)):
        in_clause = []
        while pos < len(ms) and ms[pos].start < ce:
            if ms[pos].start >= cs and ms[pos].end <= ce:
                in_clause.append(ms[pos])
            pos += 1
        for group in _grouped(text, in_clause):
            targets = [m for m in group if bearing(m)]
            if not targets:
                continue
            g_start = min(m.start for m in group)
            g_end = max(m.end for m in group)
            found = _status_for(text, cs, ce, g_start, g_end, clean, free)
            if found is None:
                continue
            phrase, s, e = found
            for m in targets:
                claims.add(StatusClaim(m.slug, STATUS_PHRASES[phrase], phrase, s, e))
    return sorted(claims, key=lambda c: (c.start, c.slug))


def _status_for(
    text: str,
    cs: int,
    ce: int,
    g_start: int,
    g_end: int,
    clean: Callable[[int, int], bool],
    free: Callable[[int, int], bool],
) -> tuple[str, int, int] | None:
    # 1. a phrase following the list: "……等重大项目开工建设", "……一期正式投用"
    after = next((m for m in _PHRASE_RE.finditer(text, g_end, ce) if free(m.start(), m.end())), None)
    if after is not None and after.start() - g_end <= _MAX_FILLER and clean(g_end, after.start()):
        return after.group(), after.start(), after.end()
    # 2. a phrase just before the list: "加快建设……", "建成……"
    before = None
    for m in _PHRASE_RE.finditer(text, cs, g_start):
        if free(m.start(), m.end()):
            before = m
    if before is not None and g_start - before.end() <= _MAX_LEAD and clean(before.end(), g_start):
        return before.group(), before.start(), before.end()
    # 3. split form: "加快……建设", "推进……建设"
    verb = _SPLIT_VERB_RE.search(text, max(cs, g_start - 6), g_start)
    if verb is not None and free(verb.start(), verb.end()):
        tail = _SPLIT_TAIL_RE.match(text, g_end, ce)
        if tail is not None and clean(g_end, tail.end()):
            v = verb.group().rstrip("“”‘’\"'")
            phrase = v + "建设"
            if phrase in STATUS_PHRASES:
                return phrase, verb.start(), tail.end()
    return None
