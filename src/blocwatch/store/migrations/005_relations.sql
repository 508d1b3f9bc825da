-- Relations: formal-alliance dyad-years imported from the COW / ATOP
-- datasets, and a log of event and alliance imports.
CREATE TABLE alliance_years (
    a VARCHAR NOT NULL,              -- ISO 3166 alpha-3, a < b
    b VARCHAR NOT NULL,
    year INTEGER NOT NULL,
    defense BOOLEAN NOT NULL,
    neutrality BOOLEAN NOT NULL,
    nonaggression BOOLEAN NOT NULL,
    entente BOOLEAN NOT NULL,
    layout VARCHAR NOT NULL,         -- cow, atop
    PRIMARY KEY (a, b, year, layout)
);

CREATE TABLE imports (
    path VARCHAR NOT NULL,
    origin VARCHAR NOT NULL,         -- icews, gdelt, plover, cow, atop
    rows_read BIGINT NOT NULL,
    rows_added BIGINT NOT NULL,
    rows_bad BIGINT NOT NULL,
    rows_skipped BIGINT NOT NULL,    -- read, but not a relation between two actors we can place
    imported_at TIMESTAMP DEFAULT current_timestamp
);
