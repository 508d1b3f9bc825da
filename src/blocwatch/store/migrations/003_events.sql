-- Events (coded from articles or imported) and claims, with their evidence.
CREATE SEQUENCE event_ids START 1;
CREATE TABLE events (
    id BIGINT PRIMARY KEY DEFAULT nextval('event_ids'),
    origin VARCHAR NOT NULL,         -- coded, icews, gdelt, plover
    import_key VARCHAR,              -- imported rows: stable key, so re-import adds nothing
    article_id VARCHAR,
    passage_idx INTEGER,
    start_char INTEGER,
    end_char INTEGER,
    sentence VARCHAR,
    event VARCHAR NOT NULL,          -- PLOVER root
    quad TINYINT,
    cameo VARCHAR,
    mode VARCHAR,
    context VARCHAR[],
    modality VARCHAR NOT NULL,
    confidence DOUBLE NOT NULL,
    speaker VARCHAR,
    date DATE,
    date_basis VARCHAR,
    date_text VARCHAR,
    source_text VARCHAR, source_code VARCHAR, source_country VARCHAR, source_kind VARCHAR,
    source_sector VARCHAR, source_role VARCHAR, source_name VARCHAR,
    target_text VARCHAR, target_code VARCHAR, target_country VARCHAR, target_kind VARCHAR,
    target_sector VARCHAR, target_role VARCHAR, target_name VARCHAR,
    trigger VARCHAR,
    attributes JSON
);
CREATE INDEX events_article ON events (article_id);
CREATE INDEX events_import_key ON events (import_key);

CREATE SEQUENCE claim_ids START 1;
CREATE TABLE claims (
    id BIGINT PRIMARY KEY DEFAULT nextval('claim_ids'),
    article_id VARCHAR,
    passage_idx INTEGER,
    start_char INTEGER,
    end_char INTEGER,
    sentence VARCHAR,
    subject VARCHAR NOT NULL,        -- what claims compete on: manager:CHN-RUS, label:CHN-RUS
    predicate VARCHAR NOT NULL,      -- manages, label, ...
    value VARCHAR NOT NULL,
    dyad_a VARCHAR,
    dyad_b VARCHAR,
    holder VARCHAR,
    modality VARCHAR NOT NULL,
    confidence DOUBLE NOT NULL,
    date DATE,
    superseded_by BIGINT
);

-- Which articles the coder has done, so re-running only does new work.
CREATE TABLE coded_articles (
    article_id VARCHAR PRIMARY KEY,
    coder_version VARCHAR NOT NULL,
    coded_at TIMESTAMP DEFAULT current_timestamp
);
