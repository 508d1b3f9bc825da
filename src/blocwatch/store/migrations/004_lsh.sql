-- Near-duplicate detection: the LSH band keys of each article's MinHash
-- signature.  Candidates for a new article are found by joining its keys with
-- these, so no in-memory index of every stored article is needed and memory
-- stays flat however large the store grows.
CREATE TABLE lsh_keys (
    key BIGINT NOT NULL,             -- one band of the signature, hashed (band number mixed in)
    article_id VARCHAR NOT NULL
);

-- The parameters the keys were computed with: keys made with other
-- parameters never collide with new ones, so a change means computing them again.
CREATE TABLE lsh_params (
    shingle_words INTEGER NOT NULL,
    minhash_perm INTEGER NOT NULL,
    bands INTEGER NOT NULL,
    rows_per_band INTEGER NOT NULL,
    seed BIGINT NOT NULL
);
