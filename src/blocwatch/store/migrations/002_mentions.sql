-- Actors: every mention found in an article, resolved or not, with its span.
CREATE TABLE mentions (
    article_id VARCHAR NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    passage_idx INTEGER,
    kind VARCHAR NOT NULL,           -- state, igo, group, person, place, unresolved
    code VARCHAR,                    -- RUSGOV, NATO, WST, ...
    country VARCHAR,                 -- ISO 3166 alpha-3
    sector VARCHAR,                  -- CAMEO agent code
    role VARCHAR,
    name VARCHAR,
    matched_by VARCHAR,
    reason VARCHAR,
    PRIMARY KEY (article_id, start_char, end_char)
);
