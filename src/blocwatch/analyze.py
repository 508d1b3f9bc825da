"""The main job: ingest → deduplicate → code new articles → relations → report.

Every stage keeps its results in the store, so running the same command
again reads nothing twice and codes only articles the current coder has not
done; relations and the report are recomputed from the store each time (they
are cheap next to parsing, and depend on the window asked for).

    from blocwatch.analyze import analyze, parse_window
    start, end = parse_window("2016", None)
    result = analyze(store, ["articles/"], settings, out_dir="report", date_from=start)

A stage whose module is not installed is skipped with a warning rather than
stopping the run: the stages before it still store their work.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from blocwatch.errors import BlocwatchError, InputError, SettingError
from blocwatch.models import Passage
from blocwatch.report import ReportFiles, build_report, write_report
from blocwatch.settings import Settings
from blocwatch.store import Store

STAGES = ("ingest", "code", "relations", "report")
_DAY = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


class StageProgress:
    """What a stage tells the caller while it runs; the default ignores it.
    The CLI draws these as rich progress bars."""

    def start(self, stage: str, total: int | None = None) -> None:
        """``stage`` begins; ``total`` items, if known."""

    def advance(self, stage: str, done: int, detail: str = "") -> None:
        """``done`` items of ``stage`` are finished so far."""

    def finish(self, stage: str, message: str) -> None:
        """``stage`` is over; ``message`` says what it did, in one line."""


@dataclass
class CodingSummary:
    articles: int = 0
    events: int = 0
    claims: int = 0
    mentions: int = 0
    failed: list[str] = field(default_factory=list)  # "article id: reason"

    def line(self) -> str:
        if not self.articles and not self.failed:
            return "no new article to code"
        failed = f", {len(self.failed)} could not be coded" if self.failed else ""
        return (f"{self.articles} articles coded: {self.events} events, {self.claims} claims, "
                f"{self.mentions} actor mentions{failed}")


@dataclass
class AnalyzeResult:
    report: dict[str, Any]
    files: ReportFiles
    ingest: Any = None  # blocwatch.ingest.pipeline.IngestSummary, when paths were given
    coding: CodingSummary | None = None
    relations: Any = None  # blocwatch.relations.analysis.RelationsResult
    warnings: list[str] = field(default_factory=list)
    skipped_stages: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- window


def parse_day(text: str | None, option: str, *, end: bool = False) -> date | None:
    """A --from / --to value: YYYY, YYYY-MM or YYYY-MM-DD (for --to, ``end``
    gives the last day of a year or month)."""
    if text is None or not text.strip():
        return None
    m = _DAY.match(text.strip())
    try:
        if m is None:
            raise ValueError(text)
        year, month, day = int(m.group(1)), m.group(2), m.group(3)
        if month is None:
            return date(year, 12, 31) if end else date(year, 1, 1)
        if day is None:
            first = date(year, int(month), 1)
            if not end:
                return first
            following = date(year + first.month // 12, first.month % 12 + 1, 1)
            return date.fromordinal(following.toordinal() - 1)
        return date(year, int(month), int(day))
    except ValueError as err:
        raise SettingError(f"{option} {text!r} is not a date",
                           hint=f"{option} 2016, {option} 2016-07 or {option} 2016-07-05") from err


def parse_window(date_from: str | None, date_to: str | None) -> tuple[date | None, date | None]:
    start = parse_day(date_from, "--from")
    end = parse_day(date_to, "--to", end=True)
    if start and end and start > end:
        raise SettingError(f"--from {date_from} is after --to {date_to}",
                           hint="swap the two dates")
    return start, end


# ---------------------------------------------------------------- stages


def _optional(module: str, name: str) -> Any:
    """``module.name``, or None when that stage is not installed.  Errors
    inside an installed stage are not hidden."""
    try:
        loaded = importlib.import_module(module)
    except ModuleNotFoundError as err:
        if err.name and (module == err.name or module.startswith(err.name + ".")):
            return None
        raise
    return getattr(loaded, name, None)


def run_ingest(store: Store, paths: Sequence[str | Path], settings: Settings, *,
               manifest: str | Path | None = None, progress: StageProgress) -> Any:
    """Read, clean and deduplicate; refuses inputs holding no readable article."""
    ingest_paths = _optional("blocwatch.ingest.pipeline", "ingest_paths")
    if ingest_paths is None:
        raise BlocwatchError("the ingest stage is not installed: blocwatch cannot read articles",
                             hint="pip install -e . in the blocwatch checkout")
    progress.start("ingest")
    summary = ingest_paths(store, list(paths), settings, manifest=manifest,
                           progress=lambda n, where: progress.advance("ingest", n, where))
    if summary.articles_read == 0:
        where = ", ".join(str(p) for p in paths)
        skipped = [p for p in summary.problems if p.level == "skipped"]
        first = f" (first problem: {skipped[0].where}: {skipped[0].reason})" if skipped else ""
        raise InputError(where, f"no readable article found{first}",
                         hint="give files or folders of articles (text, Markdown, HTML, "
                              "JSON Lines, CSV or WARC)")
    progress.finish("ingest", summary.line())
    return summary


def _coder(settings: Settings) -> Any:
    coder_class = _optional("blocwatch.events.coder", "EventCoder")
    if coder_class is None:
        return None
    return coder_class(settings.spacy_model, batch_size=settings.batch_size)


def code_new_articles(store: Store, settings: Settings, *, progress: StageProgress,
                      coder: Any = None) -> CodingSummary | None:
    """Code every stored article the current coder has not coded; None when
    the events stage is not installed.  One transaction per article, so an
    interrupted run resumes where it stopped; an article that fails is
    reported and left uncoded, and the others go on."""
    from blocwatch.store import actors as actor_sql
    from blocwatch.store import events as event_sql

    coder = coder or _coder(settings)
    if coder is None:
        return None
    todo = event_sql.uncoded_articles(store, coder.version)
    summary = CodingSummary()
    progress.start("code", len(todo))
    for n, art in enumerate(todo, 1):
        passages = [Passage(art["id"], idx, start, end, text, digest, kind, orig, orig_idx, day)
                    for idx, start, end, text, digest, kind, orig, orig_idx, day
                    in art["passages"]]
        try:
            events, claims, mentions = coder.code_article(art["id"], art["text"], passages,
                                                          art["date"])
        except Exception as err:  # one odd article must not stop the batch
            summary.failed.append(f"{art['id']}: {type(err).__name__}: {err}")
            progress.advance("code", n, art["id"])
            continue
        actor_sql.delete_mentions(store, art["id"])
        summary.mentions += actor_sql.save_mentions(store, mentions)
        with store.transaction():
            event_sql.delete_coded(store, art["id"])
            summary.events += event_sql.save_events(store, events)
            summary.claims += event_sql.save_claims(store, claims)
            event_sql.mark_coded(store, art["id"], coder.version)
        summary.articles += 1
        progress.advance("code", n, art["id"])
    if summary.articles:
        with store.transaction():
            event_sql.update_superseded(store)
    progress.finish("code", summary.line())
    return summary


def run_relations(store: Store, settings: Settings, date_from: date | None,
                  date_to: date | None, *, progress: StageProgress) -> Any:
    analyse = _optional("blocwatch.relations.analysis", "analyse")
    if analyse is None:
        return None
    progress.start("relations")
    result = analyse(store, settings, date_from, date_to)
    undeclared = sum(1 for a in result.alliances if a.kind == "undeclared")
    progress.finish("relations", f"{len(result.dyads)} dyad-periods, {len(result.blocs)} blocs "
                                 f"({result.polarity.reading}), {undeclared} undeclared alliances")
    return result


def window_pairs(store: Store, settings: Settings, date_from: date | None,
                 date_to: date | None) -> list[dict[str, Any]] | None:
    """Alignment of each pair over the whole window, from the same pooled
    network the relations stage reads alliances and blocs from, so the
    report's pair table agrees with its alliances.  None when the relations
    stage does not offer it."""
    relation_events = _optional("blocwatch.store.relations", "relation_events")
    event_frame = _optional("blocwatch.relations.dyads", "event_frame")
    window_network = _optional("blocwatch.relations.alignment", "window_network")
    if relation_events is None or event_frame is None or window_network is None:
        return None
    network = window_network(event_frame(relation_events(store, date_from, date_to),
                                         settings.period))
    states = [str(s) for s in network.states]
    pairs = []
    for i in range(len(states)):
        for j in range(i + 1, len(states)):
            if network.weight[i, j] > 0:
                pairs.append({"a": states[i], "b": states[j],
                              "alignment": round(float(network.alignment[i, j]), 4),
                              "uncertainty": round(float(network.uncertainty[i, j]), 4)})
    return pairs


def make_report(store: Store, relations: Any, out_dir: str | Path, *,
                date_from: date | None, date_to: date | None, warnings: Sequence[str],
                progress: StageProgress) -> tuple[dict[str, Any], ReportFiles]:
    progress.start("report")
    report = build_report(store, relations, date_from=date_from, date_to=date_to,
                          warnings=warnings)
    files = write_report(report, out_dir)
    progress.finish("report", f"written to {files.html.parent}")
    return report, files


# ---------------------------------------------------------------- the job


INGEST_WARNINGS_SHOWN = 50


def _ingest_warnings(summary: Any) -> list[str]:
    skipped = [f"{p.where}: {p.reason}" for p in getattr(summary, "problems", [])
               if p.level == "skipped"]
    if len(skipped) > INGEST_WARNINGS_SHOWN:
        left = len(skipped) - INGEST_WARNINGS_SHOWN
        skipped = [*skipped[:INGEST_WARNINGS_SHOWN],
                   f"... and {left} more inputs skipped (blocwatch ingest lists them all)"]
    return skipped


def analyze(
    store: Store,
    paths: Sequence[str | Path],
    settings: Settings,
    *,
    out_dir: str | Path,
    date_from: date | None = None,
    date_to: date | None = None,
    manifest: str | Path | None = None,
    progress: StageProgress | None = None,
    coder: Any = None,
) -> AnalyzeResult:
    """Ingest ``paths`` into ``store``, code what is new, infer relations over
    [date_from, date_to] and write report.json, report.md and report.html
    into ``out_dir``.  With no ``paths`` it works on what is stored."""
    progress = progress or StageProgress()
    warnings: list[str] = []
    skipped: list[str] = []
    ingest = None
    if paths:
        ingest = run_ingest(store, paths, settings, manifest=manifest, progress=progress)
        warnings += _ingest_warnings(ingest)
    coding = code_new_articles(store, settings, progress=progress, coder=coder)
    if coding is None:
        skipped.append("code")
        warnings.append("the event coder is not installed: events were not coded")
    else:
        warnings += [f"article {f}" for f in coding.failed]
    return _finish(store, settings, out_dir, date_from, date_to, progress, warnings, skipped,
                   ingest=ingest, coding=coding)


def rebuild_report(store: Store, settings: Settings, *, out_dir: str | Path,
                   date_from: date | None = None, date_to: date | None = None,
                   progress: StageProgress | None = None) -> AnalyzeResult:
    """Relations and the report from what is stored, reading no new input."""
    return _finish(store, settings, out_dir, date_from, date_to, progress or StageProgress(),
                   [], [])


def _finish(store: Store, settings: Settings, out_dir: str | Path, date_from: date | None,
            date_to: date | None, progress: StageProgress, warnings: list[str],
            skipped: list[str], **stages: Any) -> AnalyzeResult:
    relations = run_relations(store, settings, date_from, date_to, progress=progress)
    relations_data = None
    if relations is None:
        skipped.append("relations")  # build_report says so among the warnings
    else:
        relations_data = relations.to_dict()
        if "pairs" not in relations_data:
            pairs = window_pairs(store, settings, date_from, date_to)
            if pairs is not None:
                relations_data["pairs"] = pairs
    report, files = make_report(store, relations_data, out_dir, date_from=date_from,
                                date_to=date_to, warnings=warnings, progress=progress)
    return AnalyzeResult(report=report, files=files, relations=relations,
                         warnings=report["warnings"], skipped_stages=skipped, **stages)
