"""DuckDB schema of the warta store, and the Arrow schemas used for bulk inserts."""

from __future__ import annotations

from typing import Any

SCHEMA_VERSION = 2

QUADS = ("V-coop", "M-coop", "V-conf", "M-conf")

DDL = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);

CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY,
    hash VARCHAR NOT NULL,          -- sha1 of the raw text (or of the record when no text came with it)
    url VARCHAR,
    published VARCHAR,              -- as given: YYYY-MM-DD, YYYY-MM, …
    pub_start DATE,
    pub_end DATE,
    outlet VARCHAR,
    title VARCHAR,
    language VARCHAR,
    dateline VARCHAR,
    wire VARCHAR[],
    author VARCHAR,
    editor VARCHAR,
    story BIGINT,
    body VARCHAR,                   -- the cleaned body text
    text VARCHAR,                   -- the text as given: every span of the article points into it
    repair VARCHAR,                 -- JSON offset map where the reader repaired the text (else NULL)
    model VARCHAR,                  -- the record's top-level `model`: the extractor version that coded it
    record VARCHAR,                 -- the full article record, JSON
    n_events INTEGER,
    n_quotes INTEGER,
    ingested_at TIMESTAMP
);

CREATE TABLE IF NOT EXISTS actors (
    article_id VARCHAR NOT NULL,
    idx INTEGER NOT NULL,
    key VARCHAR,                    -- canonical actor key: CHN, person:qin_gang, igo:UN, …
    name VARCHAR,
    country VARCHAR,
    kind VARCHAR,
    role VARCHAR,
    sector VARCHAR,
    mentions INTEGER
);

CREATE TABLE IF NOT EXISTS mentions (
    article_id VARCHAR NOT NULL,
    actor_idx INTEGER NOT NULL,
    span_start INTEGER,
    span_end INTEGER
);

CREATE TABLE IF NOT EXISTS events (
    article_id VARCHAR NOT NULL,
    idx INTEGER NOT NULL,
    type VARCHAR NOT NULL,
    mode VARCHAR,
    aux VARCHAR,
    mutual BOOLEAN,
    date VARCHAR,
    date_start DATE,
    date_end DATE,
    actor_key VARCHAR,              -- canonical actor key of each side (joins actors.key)
    actor_name VARCHAR,
    actor_country VARCHAR,
    actor_sector VARCHAR,
    recipient_key VARCHAR,
    recipient_name VARCHAR,
    recipient_country VARCHAR,
    recipient_sector VARCHAR,
    c_lo VARCHAR,                   -- the dyad as a sorted pair ('' for a missing side)
    c_hi VARCHAR,
    quad VARCHAR,
    score DOUBLE,
    cue VARCHAR,
    text VARCHAR,
    span_start INTEGER,
    span_end INTEGER,
    merged_id BIGINT,
    confidence DOUBLE,              -- the coder's confidence, 0–1 (NULL from a rule coder)
    model VARCHAR                   -- the coder's model version (NULL when not given)
);

CREATE TABLE IF NOT EXISTS merged_events (
    id BIGINT PRIMARY KEY,
    type VARCHAR NOT NULL,
    aux VARCHAR,
    aux_key VARCHAR NOT NULL,       -- coalesce(aux, '') for joins
    actor_country VARCHAR,
    recipient_country VARCHAR,
    unordered BOOLEAN,              -- CONSULT or mutual: the dyad has no direction
    c_lo VARCHAR NOT NULL,
    c_hi VARCHAR NOT NULL,
    date VARCHAR,
    date_start DATE,
    date_end DATE,
    quad VARCHAR,
    score DOUBLE,
    sources INTEGER,                -- articles reporting it
    outlets INTEGER,                -- distinct outlets reporting it
    evidence STRUCT(article_id VARCHAR, outlet VARCHAR, url VARCHAR, text VARCHAR)[],
    scope VARCHAR NOT NULL DEFAULT ''  -- '' or 'story:N': a one-sided or domestic dyad merges only within its story
);

CREATE TABLE IF NOT EXISTS quotes (
    article_id VARCHAR NOT NULL,
    idx INTEGER NOT NULL,
    speaker_key VARCHAR,
    speaker_name VARCHAR,
    speaker_country VARCHAR,
    addressee_key VARCHAR,
    addressee_name VARCHAR,
    addressee_country VARCHAR,
    text VARCHAR,
    cue VARCHAR,
    span_start INTEGER,
    span_end INTEGER
);

-- story grouping state: MinHash signatures, their LSH band buckets, and the event keys of each article
CREATE TABLE IF NOT EXISTS signatures (       -- MinHash signature and, per slot, the id of its shingle
    article_id VARCHAR PRIMARY KEY,
    sig BLOB NOT NULL,
    keys BLOB
);
CREATE TABLE IF NOT EXISTS shingle_days (     -- the days on which an outlet printed a shingle: its boilerplate
    outlet VARCHAR NOT NULL,
    shingle INTEGER NOT NULL,
    day DATE NOT NULL
);
CREATE TABLE IF NOT EXISTS lsh_bands (article_id VARCHAR NOT NULL, band SMALLINT NOT NULL, bucket BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS story_keys (       -- an article's lead news events; rank 0 is its main event
    article_id VARCHAR NOT NULL,
    rank SMALLINT NOT NULL,
    type VARCHAR NOT NULL,
    c_lo VARCHAR NOT NULL,
    c_hi VARCHAR NOT NULL,
    date_start DATE,
    date_end DATE,
    dated BOOLEAN                   -- the date came from the text (not the publication default)
);

CREATE TABLE IF NOT EXISTS story_seeds (     -- the first article of each story: its core
    story BIGINT PRIMARY KEY,
    seed VARCHAR,
    pub_start DATE,
    pub_end DATE
);

CREATE OR REPLACE VIEW stories AS
SELECT story,
       list(id ORDER BY pub_start NULLS LAST, id) AS articles,
       arg_min(title, coalesce(pub_start, DATE '9999-12-31')) FILTER (WHERE title IS NOT NULL) AS title,
       arg_min(published, coalesce(pub_start, DATE '9999-12-31')) FILTER (WHERE pub_start IS NOT NULL) AS first_date,
       list(DISTINCT outlet ORDER BY outlet) FILTER (WHERE outlet IS NOT NULL) AS outlets,
       count(*) AS n_articles
FROM articles GROUP BY story;
"""

# columns added after schema version 1: an older store gets them (NULL) when opened for writing
MIGRATIONS = [
    ("articles", "text", "VARCHAR"),
    ("articles", "repair", "VARCHAR"),
    ("articles", "model", "VARCHAR"),
    ("actors", "key", "VARCHAR"),
    ("events", "actor_key", "VARCHAR"),
    ("events", "recipient_key", "VARCHAR"),
    ("events", "confidence", "DOUBLE"),
    ("events", "model", "VARCHAR"),
    ("quotes", "speaker_key", "VARCHAR"),
    ("quotes", "addressee_key", "VARCHAR"),
    ("story_keys", "dated", "BOOLEAN"),
    ("signatures", "keys", "BLOB"),
]

_ARROW = ("ARTICLES", "ACTORS", "MENTIONS", "EVENTS", "QUOTES", "SIGNATURES", "BANDS", "STORY_KEYS", "MERGED")


def _arrow_schemas() -> dict[str, Any]:
    """The Arrow schemas of the bulk inserts (built on first use: pyarrow loads only for ingest)."""
    import pyarrow as pa

    ARTICLES = pa.schema(
        [
            ("id", pa.string()),
            ("hash", pa.string()),
            ("url", pa.string()),
            ("published", pa.string()),
            ("pub_start", pa.date32()),
            ("pub_end", pa.date32()),
            ("outlet", pa.string()),
            ("title", pa.string()),
            ("language", pa.string()),
            ("dateline", pa.string()),
            ("wire", pa.list_(pa.string())),
            ("author", pa.string()),
            ("editor", pa.string()),
            ("story", pa.int64()),
            ("body", pa.string()),
            ("text", pa.string()),
            ("repair", pa.string()),
            ("model", pa.string()),
            ("record", pa.string()),
            ("n_events", pa.int32()),
            ("n_quotes", pa.int32()),
            ("ingested_at", pa.timestamp("us")),
        ]
    )
    ACTORS = pa.schema(
        [
            ("article_id", pa.string()),
            ("idx", pa.int32()),
            ("key", pa.string()),
            ("name", pa.string()),
            ("country", pa.string()),
            ("kind", pa.string()),
            ("role", pa.string()),
            ("sector", pa.string()),
            ("mentions", pa.int32()),
        ]
    )
    MENTIONS = pa.schema(
        [("article_id", pa.string()), ("actor_idx", pa.int32()), ("span_start", pa.int32()), ("span_end", pa.int32())]
    )
    EVENTS = pa.schema(
        [
            ("article_id", pa.string()),
            ("idx", pa.int32()),
            ("type", pa.string()),
            ("mode", pa.string()),
            ("aux", pa.string()),
            ("mutual", pa.bool_()),
            ("date", pa.string()),
            ("date_start", pa.date32()),
            ("date_end", pa.date32()),
            ("actor_key", pa.string()),
            ("actor_name", pa.string()),
            ("actor_country", pa.string()),
            ("actor_sector", pa.string()),
            ("recipient_key", pa.string()),
            ("recipient_name", pa.string()),
            ("recipient_country", pa.string()),
            ("recipient_sector", pa.string()),
            ("c_lo", pa.string()),
            ("c_hi", pa.string()),
            ("quad", pa.string()),
            ("score", pa.float64()),
            ("cue", pa.string()),
            ("text", pa.string()),
            ("span_start", pa.int32()),
            ("span_end", pa.int32()),
            ("merged_id", pa.int64()),
            ("confidence", pa.float64()),
            ("model", pa.string()),
        ]
    )
    QUOTES = pa.schema(
        [
            ("article_id", pa.string()),
            ("idx", pa.int32()),
            ("speaker_key", pa.string()),
            ("speaker_name", pa.string()),
            ("speaker_country", pa.string()),
            ("addressee_key", pa.string()),
            ("addressee_name", pa.string()),
            ("addressee_country", pa.string()),
            ("text", pa.string()),
            ("cue", pa.string()),
            ("span_start", pa.int32()),
            ("span_end", pa.int32()),
        ]
    )
    SIGNATURES = pa.schema([("article_id", pa.string()), ("sig", pa.binary()), ("keys", pa.binary())])
    BANDS = pa.schema([("article_id", pa.string()), ("band", pa.int16()), ("bucket", pa.int64())])
    STORY_KEYS = pa.schema(
        [
            ("article_id", pa.string()),
            ("rank", pa.int16()),
            ("type", pa.string()),
            ("c_lo", pa.string()),
            ("c_hi", pa.string()),
            ("date_start", pa.date32()),
            ("date_end", pa.date32()),
            ("dated", pa.bool_()),
        ]
    )
    MERGED = pa.schema(
        [
            ("id", pa.int64()),
            ("type", pa.string()),
            ("aux", pa.string()),
            ("aux_key", pa.string()),
            ("actor_country", pa.string()),
            ("recipient_country", pa.string()),
            ("unordered", pa.bool_()),
            ("c_lo", pa.string()),
            ("c_hi", pa.string()),
            ("date", pa.string()),
            ("date_start", pa.date32()),
            ("date_end", pa.date32()),
            ("quad", pa.string()),
            ("score", pa.float64()),
            ("scope", pa.string()),
        ]
    )
    return {"ARTICLES": ARTICLES, "ACTORS": ACTORS, "MENTIONS": MENTIONS, "EVENTS": EVENTS, "QUOTES": QUOTES, "SIGNATURES": SIGNATURES, "BANDS": BANDS, "STORY_KEYS": STORY_KEYS, "MERGED": MERGED}


def __getattr__(name: str) -> Any:
    if name in _ARROW:
        globals().update(_arrow_schemas())
        return globals()[name]
    raise AttributeError(name)
