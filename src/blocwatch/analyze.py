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

import functools
import importlib
import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from blocwatch.errors import BlocwatchError, InputError, SettingError
from blocwatch.models import Passage
from blocwatch.report import ReportFiles, build_report, write_report
from blocwatch.settings import Settings
from blocwatch.store import Store
from blocwatch.workers import ordered_map

STAGES = ("ingest", "code", "relations", "report")
PENDING_PER_WORKER = 2  # groups of articles queued per worker process
# Articles coded in one call: spaCy's parser costs least per sentence on
# batches of about 16 Docs (fewer, and each Doc costs more; many more, and
# the padding does), and one article is usually one Doc.
ARTICLES_PER_CALL = 16
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


def _coder_factory(settings: Settings) -> Callable[[], Any] | None:
    """What builds an event coder (in this process or in a worker), or None
    when the events stage is not installed."""
    coder_class = _optional("blocwatch.events.coder", "EventCoder")
    if coder_class is None:
        return None
    return functools.partial(coder_class, settings.spacy_model, batch_size=settings.batch_size)


# The coder of a worker process, built once by `_start_worker`: spaCy is
# loaded once per worker, not once per article.
_WORKER_CODER: Any = None


def _start_worker(factory: Callable[[], Any]) -> None:
    global _WORKER_CODER
    _WORKER_CODER = factory()


def _passages_of(art: dict[str, Any]) -> list[Passage]:
    return [Passage(art["id"], idx, start, end, text, digest, kind, orig, orig_idx, day)
            for idx, start, end, text, digest, kind, orig, orig_idx, day in art["passages"]]


def _code_one(coder: Any, art: dict[str, Any]) -> tuple[Any, str | None]:
    """(events, claims, mentions) of one article, or None and why it failed:
    one odd article must not stop the batch."""
    try:
        return coder.code_article(art["id"], art["text"], _passages_of(art), art["date"]), None
    except Exception as err:
        return None, f"{art['id']}: {type(err).__name__}: {err}"


def _code_group(coder: Any, arts: list[dict[str, Any]]) -> list[tuple[Any, str | None]]:
    """`_code_one` for each of ``arts``, in one call to the coder when it codes
    several articles at once; if that call fails, article by article, so that
    only the odd one is reported."""
    if len(arts) > 1 and hasattr(coder, "code_articles"):
        try:
            results = coder.code_articles(
                [(a["id"], a["text"], _passages_of(a), a["date"]) for a in arts])
            return [(r, None) for r in results]
        except Exception:  # which article failed is found below, one by one
            pass
    return [_code_one(coder, art) for art in arts]


def _code_in_worker(arts: list[dict[str, Any]]) -> list[tuple[Any, str | None]]:
    return _code_group(_WORKER_CODER, arts)


def _groups(todo: list[dict[str, Any]], workers: int) -> list[list[dict[str, Any]]]:
    """Runs of at most `ARTICLES_PER_CALL` articles, smaller when that keeps
    every worker busy."""
    size = max(1, min(ARTICLES_PER_CALL, -(-len(todo) // max(1, workers))))
    return [todo[i:i + size] for i in range(0, len(todo), size)]


def _coded(todo: list[dict[str, Any]], coder: Any, factory: Callable[[], Any] | None,
           workers: int) -> Iterator[tuple[dict[str, Any], Any, str | None]]:
    """(article, result, failure) in the order of ``todo``; with ``workers`` > 1
    and a factory, articles are coded in a process pool."""
    groups = _groups(todo, workers if factory is not None else 1)
    if workers <= 1 or factory is None or len(groups) < 2:
        for group in groups:
            for art, (result, failure) in zip(group, _code_group(coder, group), strict=True):
                yield art, result, failure
        return
    for group, results in ordered_map(
            _code_in_worker, groups, workers=min(workers, len(groups)),
            initializer=_start_worker, initargs=(factory,),
            in_flight_per_worker=PENDING_PER_WORKER,
            describe=lambda group: f"coding articles {group[0]['id']} to {group[-1]['id']}"):
        for art, (result, failure) in zip(group, results, strict=True):
            yield art, result, failure


def code_new_articles(store: Store, settings: Settings, *, progress: StageProgress | None = None,
                      coder: Any = None, coder_factory: Callable[[], Any] | None = None
                      ) -> CodingSummary | None:
    """Code every stored article the current coder has not coded; None when
    the events stage is not installed.  One transaction per article, so an
    interrupted run resumes where it stopped; an article that fails is
    reported and left uncoded, and the others go on.

    With ``settings.workers`` > 1, articles are coded in that many worker
    processes, each building its coder with ``coder_factory`` (by default
    the packaged EventCoder); ``coder`` (built here when not given) names
    the coder version and codes when there is one worker.
    """
    from blocwatch.store import actors as actor_sql
    from blocwatch.store import events as event_sql

    progress = progress or StageProgress()
    factory = coder_factory
    if coder is None:
        factory = factory or _coder_factory(settings)
        if factory is None:
            return None
        coder = factory()
    todo = event_sql.uncoded_articles(store, coder.version)
    summary = CodingSummary()
    progress.start("code", len(todo))
    for n, (art, result, failure) in enumerate(_coded(todo, coder, factory,
                                                      settings.workers), 1):
        if result is None:
            summary.failed.append(failure or f"{art['id']}: not coded")
            progress.advance("code", n, art["id"])
            continue
        events, claims, mentions = result
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
    network the relations stage reads alliances and blocs from (the same
    events, the same declared labels), so the report's pair table agrees
    with its alliances.  None when the relations stage does not offer it.

    A stop-gap: the relations stage's result should carry these ``pairs``
    itself; `_finish` uses them when it does."""
    relation_events = _optional("blocwatch.store.relations", "relation_events")
    event_frame = _optional("blocwatch.relations.dyads", "event_frame")
    window_network = _optional("blocwatch.relations.alignment", "window_network")
    if relation_events is None or event_frame is None or window_network is None:
        return None
    frame = event_frame(relation_events(store, date_from, date_to), settings.period)
    declared_matrices = _optional("blocwatch.relations.labels", "declared_matrices")
    label_claims = _optional("blocwatch.store.relations", "label_claims")
    declared = None
    if declared_matrices is not None and label_claims is not None:
        declared = declared_matrices(frame, label_claims(store, date_from, date_to),
                                     settings.period)
    network = window_network(frame, declared)
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
    coder_factory: Callable[[], Any] | None = None,
) -> AnalyzeResult:
    """Ingest ``paths`` into ``store``, code what is new, infer relations over
    [date_from, date_to] and write report.json, report.md and report.html
    into ``out_dir``.  With no ``paths`` it works on what is stored.
    ``settings.workers`` > 1 codes events in that many processes (see
    `code_new_articles`)."""
    check_out_dir(out_dir)
    progress = progress or StageProgress()
    warnings: list[str] = []
    skipped: list[str] = []
    ingest = None
    if coder is None:
        # load the coder (spaCy) before reading: a missing model should stop
        # the run at once, not after a long ingest
        coder_factory = coder_factory or _coder_factory(settings)
        coder = coder_factory() if coder_factory is not None else None
    if paths:
        ingest = run_ingest(store, paths, settings, manifest=manifest, progress=progress)
        warnings += _ingest_warnings(ingest)
    coding = code_new_articles(store, settings, progress=progress, coder=coder,
                               coder_factory=coder_factory)
    if coding is None:
        skipped.append("code")
        warnings.append("the event coder is not installed: events were not coded")
    else:
        warnings += [f"article {f}" for f in coding.failed]
    return _finish(store, settings, out_dir, date_from, date_to, progress, warnings, skipped,
                   ingest=ingest, coding=coding)


def check_out_dir(out_dir: str | Path) -> Path:
    """Make the report folder now, so that a folder that cannot be written
    stops the run before minutes of coding, not after."""
    folder = Path(out_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise BlocwatchError(f"cannot write the report into {folder}: {err.strerror or err}",
                             hint="--out DIR in a folder you can write to") from err
    if not os.access(folder, os.W_OK):
        raise BlocwatchError(f"cannot write the report into {folder}: permission denied",
                             hint="--out DIR in a folder you can write to")
    return folder


def rebuild_report(store: Store, settings: Settings, *, out_dir: str | Path,
                   date_from: date | None = None, date_to: date | None = None,
                   progress: StageProgress | None = None) -> AnalyzeResult:
    """Relations and the report from what is stored, reading no new input."""
    check_out_dir(out_dir)
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
