-- Foundation: articles, their passages and republication links.
CREATE TABLE articles (
    id VARCHAR PRIMARY KEY,          -- hash of the normalised text
    origin VARCHAR NOT NULL,         -- path, path:line, path#record
    file_name VARCHAR,
    title VARCHAR,
    date DATE,
    date_basis VARCHAR,              -- override, manifest, meta, json, text, republication
    url VARCHAR,
    source VARCHAR,
    format VARCHAR,
    words INTEGER,
    text VARCHAR NOT NULL,
    first_published_by VARCHAR,      -- "first published by X on D": dates the original
    first_published_date DATE,
    first_published_at INTEGER,
    ingested_at TIMESTAMP DEFAULT current_timestamp
);

CREATE TABLE passages (
    article_id VARCHAR NOT NULL,
    idx INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    hash VARCHAR NOT NULL,           -- of the normalised passage text
    kind VARCHAR NOT NULL,           -- own, copied, new
    original_id VARCHAR,
    original_index INTEGER,
    date DATE,                       -- the date what it says is attributed to
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX passages_hash ON passages (hash);

CREATE TABLE republications (
    original_id VARCHAR NOT NULL,
    copy_id VARCHAR NOT NULL,
    relation VARCHAR NOT NULL,       -- exact, near, contains
    coverage DOUBLE NOT NULL,
    similarity DOUBLE NOT NULL,
    new_passages INTEGER[],
    PRIMARY KEY (original_id, copy_id)
);
