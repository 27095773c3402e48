"""What a user types in a filter, resolved: actor names and codes, event types, aux values, dates.

Every resolver raises :class:`QueryError` naming the bad value (the CLI exits 2 with its message;
an HTTP API answers 422 with ``param``, ``value`` and ``reason``).  Nothing here opens the store
except :func:`resolve_actor`, which may look a name up among the stored actors.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from warta.store import db
from warta.store.intervals import Interval, interval

AUX_VALUES = ("happened", "future", "hypothetical", "negated")  # "happened" is the stored aux NULL
ACTOR_KINDS = ("state", "person", "organization", "igo", "group", "collective")
DIRECTIONS = ("from", "to", "either")
PERIODS = ("day", "week", "month", "quarter", "year")


class QueryError(ValueError):
    """A filter value that names nothing or is malformed.

    ``param`` is the filter (``actor``, ``type``, ``since``, …), ``value`` what was given.
    """

    def __init__(self, param: str, value: object, reason: str) -> None:
        self.param, self.value, self.reason = param, value, reason
        super().__init__(f"{param} {value!r}: {reason}")

    def as_dict(self) -> dict[str, Any]:
        return {"param": self.param, "value": self.value, "reason": self.reason}


@dataclass(frozen=True)
class ActorRef:
    """A resolved actor filter.

    ``country``: match every actor of that country (a state, or an IGO by its code).
    ``key``: match the canonical actor key (a person, a group, an organisation).
    ``names``: the name and its aliases, matched as whole words where no key was stored.
    """

    given: str
    kind: str  # country | person | organization | group | igo | name
    key: str | None = None
    country: str | None = None
    name: str | None = None
    names: tuple[str, ...] = field(default_factory=tuple)

    @property
    def label(self) -> str:
        return self.name or self.country or self.key or self.given


def _gazetteer() -> Any:
    """The actors' gazetteer, for resolving names: unpickled from the cache between runs (built and cached on a
    miss), so a query given a name ("Jepang", "Jokowi") does not build it at every start. The extraction
    pipeline builds its own (``get_gazetteer``); this one is the same object when it is loaded first."""
    from warta.actors import gazetteer as G

    if G._GAZ is None:
        from warta.datafiles import cached

        built = cached("gazetteer", _gazetteer_sources(), G.build_gazetteer)
        with G._LOCK:
            if G._GAZ is None:
                G._GAZ = built
    return G.get_gazetteer()


def _actor_sources() -> list[Path]:
    """The files the gazetteer is built from (its data and modules), found without importing them."""
    import importlib.util

    spec = importlib.util.find_spec("warta.actors")
    folder = Path(next(iter(spec.submodule_search_locations or []))) if spec else None
    if folder is None:
        return []
    return [p for p in (*folder.glob("*.py"), *folder.rglob("data/**/*")) if p.is_file()]


def _gazetteer_sources() -> list[Path]:
    """What the whole gazetteer depends on: the actors' files, the YAML reader, babel's locale data (its version)."""
    import importlib.util

    extra = [Path(__file__).resolve().parents[1] / "datafiles.py"]
    spec = importlib.util.find_spec("babel")
    if spec is not None and spec.origin:
        extra.append(Path(spec.origin))
    return [*_actor_sources(), *extra]


@lru_cache(maxsize=1)
def _code_tables() -> tuple[dict[str, str], frozenset[str]]:
    """Country and IGO codes → names, and the IGO codes: cached between runs, so that a query given
    codes ("IDN", "JPN") starts without building the gazetteer."""
    from warta.datafiles import cached

    def build() -> tuple[dict[str, str], frozenset[str]]:
        g = _gazetteer()
        return {**g.country_names, **g.igo_names}, frozenset(g.igo_names)

    return cached("codes", _actor_sources(), build)


def country_codes() -> dict[str, str]:
    """Every actor country code the gazetteer knows (ISO alpha-3 states and IGO codes) → English name."""
    return dict(_code_tables()[0])


def _aliases(key: str) -> tuple[str, ...]:
    g = _gazetteer()
    out = set(g.leaders.aliases.get(key, set()))
    if key in g.leaders.names:
        out.add(g.leaders.names[key])
    out.update(f for f, k in g.person_index.items() if k == key)
    return tuple(sorted(out, key=str.lower))


def resolve_actor(value: str, con: db.Con | None = None, param: str = "actor") -> ActorRef:
    """A code ("CHN", "UN"), a name in Indonesian or English ("Tiongkok", "China", "Amerika Serikat",
    "PBB") or a person ("Jokowi", "Wang Yi") as the actor it means.

    A country name resolves to the country (all its actors), a person's name to that person.
    A name the gazetteer does not know is looked up among the stored actor names (whole words).
    """
    v = (value or "").strip()
    if not v:
        raise QueryError(param, value, "empty actor")
    codes, igos = _code_tables()
    if v.upper() in codes and (v.isupper() or len(v) == 3):
        c = v.upper()
        return ActorRef(v, "igo" if c in igos else "country", country=c, name=codes[c])
    g = _gazetteer()
    hit = g.lookup(v, None)
    if hit is None and v.lower() != v:
        hit = g.lookup(v.title(), None)
    if hit is not None:
        kind = hit.get("kind")
        if kind == "state":
            return ActorRef(v, "country", country=hit["country"], name=hit["name"])
        if kind == "igo":
            return ActorRef(v, "igo", key=hit["key"], country=hit["country"], name=hit["name"])
        if kind == "person":
            return ActorRef(v, "person", key=hit["key"], country=hit.get("country"), name=hit["name"],
                            names=_aliases(hit["key"]))
        return ActorRef(v, kind or "organization", key=hit["key"], country=hit.get("country"), name=hit["name"],
                        names=(hit["name"],))
    if con is not None:
        got = db.run(
            con,
            "SELECT name, any_value(key) FROM actors WHERE regexp_matches(name, ?) GROUP BY name "
            "ORDER BY count(*) DESC LIMIT 1",
            [word_regex(v)],
        )
        if not got:
            got = db.run(
                con,
                "SELECT n, NULL FROM (SELECT actor_name AS n FROM events UNION ALL SELECT recipient_name FROM events "
                "UNION ALL SELECT speaker_name FROM quotes) WHERE regexp_matches(n, ?) LIMIT 1",
                [word_regex(v)],
            )
        if got:
            return ActorRef(v, "name", name=v, names=(v,))
    raise QueryError(param, value, "unknown actor (not a country code, a known name, nor a stored actor)")


_RE_SPECIAL = re.compile(r"([\\.^$|?*+()\[\]{}])")


def word_regex(*names: str) -> str:
    """An RE2 pattern matching any of ``names`` as whole words, case-insensitively (every character literal)."""
    alts = "|".join(_RE_SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", n.strip())).replace(" ", r"\s+")
                    for n in names if n.strip())
    return rf"(?i)(^|[^\pL\pN])({alts})($|[^\pL\pN])"


def like_escape(s: str) -> str:
    """User text as a literal inside an ILIKE pattern (``ESCAPE '\\'``): ``%`` and ``_`` match themselves."""
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def event_types() -> dict[str, tuple[str, float]]:
    """PLOVER type → (quad class, base score), from the event lexicon."""
    from warta.events.lexicon import get_lexicon

    return dict(get_lexicon().quad)


def resolve_type(value: str, param: str = "type") -> str:
    t = (value or "").strip().upper()
    if t not in event_types():
        known = ", ".join(sorted(event_types()))
        raise QueryError(param, value, f"unknown event type (one of {known})")
    return t


def resolve_types(values: list[str] | tuple[str, ...] | str | None, param: str = "type") -> list[str]:
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    return [resolve_type(v, param) for v in values]


def resolve_aux(values: list[str] | tuple[str, ...] | str | None, param: str = "aux") -> list[str]:
    """aux filter values; ``happened`` stands for the stored NULL."""
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    out = []
    for v in values:
        a = (v or "").strip().lower()
        if a not in AUX_VALUES:
            raise QueryError(param, v, f"unknown aux (one of {', '.join(AUX_VALUES)})")
        out.append(a)
    return out


def resolve_direction(value: str | None, param: str = "direction") -> str:
    d = (value or "either").strip().lower()
    if d not in DIRECTIONS:
        raise QueryError(param, value, "direction must be from, to or either")
    return d


def resolve_kind(value: str | None, param: str = "kind") -> str | None:
    if value is None:
        return None
    k = value.strip().lower()
    if k not in ACTOR_KINDS:
        raise QueryError(param, value, f"unknown actor kind (one of {', '.join(ACTOR_KINDS)})")
    return k


def resolve_period(value: str, param: str = "by") -> str:
    p = (value or "").strip().lower()
    if p not in PERIODS:
        raise QueryError(param, value, f"period must be one of {', '.join(PERIODS)}")
    return p


def parse_date(value: str | None, param: str = "since") -> Interval | None:
    """YYYY, YYYY-MM or YYYY-MM-DD (or a range A..B) as the days it covers; None when not given."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.date):
        return value, value
    iv = interval(value)
    if iv is None:
        raise QueryError(param, value, "bad date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return iv


def date_range(since: str | None, until: str | None) -> tuple[dt.date | None, dt.date | None]:
    """The first day of ``since`` and the last day of ``until``; an error when they are out of order."""
    s, u = parse_date(since, "since"), parse_date(until, "until")
    lo, hi = (s[0] if s else None), (u[1] if u else None)
    if lo is not None and hi is not None and hi < lo:
        raise QueryError("until", until, f"before since {since!r}")
    return lo, hi
