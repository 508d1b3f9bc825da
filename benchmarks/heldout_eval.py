"""Score the current actor resolver and event coder on the held-out sets.

The sets in ``benchmarks/heldout/`` were written independently of the
resolver's and coder's own tests and training sentences, so these figures say
how the code generalises.  Nothing here tunes anything; it only measures.

    .venv/bin/python benchmarks/heldout_eval.py [--only actors|events] [--show N]

Actors: ``blocwatch.actors.resolve.resolve(text, date=, context=)`` on
``actors.jsonl`` -> share of correct countries and sectors, wrong confident
answers against unresolved ones, and the failures.  Events: ``blocwatch code``
(run as a subprocess, exactly as users run it, on copies of the inputs without
the gold field) on ``events_pair.jsonl`` and ``events_free.jsonl``, scored with
``../shared/eval/score.py`` -> pair root and quad macro-F1, per-root F1, the
worst errors, and CAMEO-triple F1.  The last line is machine-readable:

    actors_country: 0.NN actors_sector: 0.NN pair_root_f1: 0.NN pair_quad_f1: 0.NN

A component that cannot be imported or run yet is reported as ``n/a`` with the
reason; the others are still scored.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
HELDOUT = ROOT / "benchmarks" / "heldout"
SCORE_PY = ROOT.parent / "shared" / "eval" / "score.py"

# Quad of each pair-mode root, used to rank errors by how far they miss:
# a cooperation read as conflict (or back) is worse than a miss within a quad.
PAIR_QUAD = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "COOPERATE": 2, "AID": 2, "YIELD": 2,
             "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 4,
             "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4}


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def clip(text: str, limit: int = 90) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ------------------------------------------------------------------- actors


def actor_ok(gold: dict[str, Any], actor: Any) -> tuple[bool, bool]:
    """(country correct, sector correct) for one mention.

    A place that the resolver turns into an acting state is wrong even when the
    country matches: "the attack in Christchurch" is not New Zealand acting.
    """
    kind = getattr(actor, "kind", None) or "unresolved"
    country = getattr(actor, "country", None) if kind != "unresolved" else None
    sector = getattr(actor, "sector", None) if kind != "unresolved" else None
    country_ok = country == gold["country"]
    if gold["kind"] == "place" and kind == "state":
        country_ok = False
    return country_ok, sector == gold["sector"]


def score_actors(show: int) -> dict[str, float | None]:
    try:
        from blocwatch.actors.resolve import resolve
    except Exception as exc:  # any import failure means "not available yet"
        print(f"actors: not available ({type(exc).__name__}: {exc})")
        return {"actors_country": None, "actors_sector": None}
    items = read_jsonl(HELDOUT / "actors.jsonl")
    started = time.perf_counter()
    n_country = n_sector = wrong_confident = unresolved = missed = no_country = crashed = 0
    by_kind: dict[str, list[int]] = {}
    failures: list[str] = []
    for item in items:
        try:
            actor = resolve(item["text"], date=date.fromisoformat(item["date"]),
                            context=item["context"])
        except Exception as exc:  # a crash on one mention must not stop the run
            crashed += 1
            actor = None
            reason = f"crash {type(exc).__name__}: {exc}"
        else:
            reason = getattr(actor, "matched_by", None) or getattr(actor, "reason", None) or ""
        kind = getattr(actor, "kind", None) or "unresolved"
        c_ok, s_ok = actor_ok(item, actor)
        n_country += c_ok
        n_sector += s_ok
        if kind == "unresolved":
            unresolved += 1
            missed += item["country"] is not None
        elif not c_ok and getattr(actor, "country", None) is None:
            no_country += 1  # resolved (group, place, ...) but named no country: a miss
        elif not c_ok:
            wrong_confident += 1  # a wrong country, or a place made into an acting state
        stats = by_kind.setdefault(item["kind"], [0, 0, 0])
        stats[0] += c_ok
        stats[1] += s_ok
        stats[2] += 1
        if not (c_ok and s_ok):
            got = (f"{getattr(actor, 'country', None)}/{getattr(actor, 'sector', None)}"
                   f"/{kind}") if actor is not None else "-"
            failures.append(
                f"  {item['id']} {clip(item['text'], 34):34} {item['date']}  gold "
                f"{item['country']}/{item['sector']}/{item['kind']}  got {got}"
                f"  [{clip(reason, 60)}]")
    elapsed = time.perf_counter() - started
    n = len(items)
    print(f"== actors: {n} mentions in {elapsed:.1f}s")
    print(f"country correct {n_country}/{n} = {n_country / n:.3f}   "
          f"sector correct {n_sector}/{n} = {n_sector / n:.3f}")
    print(f"wrong confident {wrong_confident}   unresolved {unresolved} "
          f"(of which gold had a country: {missed})   resolved without the due country "
          f"{no_country}   crashes {crashed}   "
          f"wrong < unresolved: {'yes' if wrong_confident < unresolved else 'NO'}")
    print("by gold kind (country / sector / n):")
    for kind, (c, s, k) in sorted(by_kind.items()):
        print(f"  {kind:11} {c / k:.2f} / {s / k:.2f} / {k}")
    print(f"failures ({len(failures)}; gold country/sector/kind, got ..., [how or why]):")
    for line in failures[:show]:
        print(line)
    if len(failures) > show:
        print(f"  ... {len(failures) - show} more (use --show)")
    return {"actors_country": n_country / n, "actors_sector": n_sector / n}


# ------------------------------------------------------------------- events


def load_score_module() -> ModuleType | None:
    if not SCORE_PY.exists():
        return None
    spec = importlib.util.spec_from_file_location("shared_eval_score", SCORE_PY)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_coder(gold: list[dict[str, Any]], workdir: Path, name: str) -> dict[str, dict]:
    """Run ``blocwatch code`` on the inputs stripped of their gold field."""
    source = workdir / f"{name}.in.jsonl"
    output = workdir / f"{name}.out.jsonl"
    with source.open("w", encoding="utf-8") as f:
        for rec in gold:
            f.write(json.dumps({k: v for k, v in rec.items() if k != "gold"}) + "\n")
    venv_cli = ROOT / ".venv" / "bin" / "blocwatch"
    cli = [str(venv_cli)] if venv_cli.exists() else [sys.executable, "-m", "blocwatch"]
    cmd = [*cli, "code", str(source), "-o", str(output)]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False)
    if done.returncode != 0 or not output.exists():
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        raise RuntimeError(f"`blocwatch code` exited {done.returncode}: " + " | ".join(tail))
    system = {}
    for rec in read_jsonl(output):
        system[str(rec.get("id"))] = rec
    return system


def per_label_f1(pairs: list[tuple[str, str]]) -> dict[str, tuple[float, int]]:
    tp, fp, fn = Counter(), Counter(), Counter()
    for g, p in pairs:
        if g == p:
            tp[g] += 1
        else:
            fn[g] += 1
            fp[p] += 1
    out = {}
    for lab in sorted({g for g, _ in pairs}):
        prec = tp[lab] / (tp[lab] + fp[lab]) if tp[lab] + fp[lab] else 0.0
        rec = tp[lab] / (tp[lab] + fn[lab]) if tp[lab] + fn[lab] else 0.0
        out[lab] = (2 * prec * rec / (prec + rec) if prec + rec else 0.0, tp[lab] + fn[lab])
    return out


def report_pair(sc: ModuleType, gold: list[dict[str, Any]], system: dict[str, dict],
                show: int) -> dict[str, float | None]:
    res = sc.score({str(r["id"]): r for r in gold}, system)
    print(f"== events, pair mode: {res.get('pair_n')} sentences, answered {res['answered']}, "
          f"no event given {res.get('pair_no_event')}")
    print(f"root macro-F1 {res['pair_root_macro_f1']:.3f} (accuracy "
          f"{res['pair_root_accuracy']:.3f})   quad macro-F1 {res['pair_quad_macro_f1']:.3f} "
          f"(accuracy {res['pair_quad_accuracy']:.3f})")
    pairs, errors = [], []
    for rec in gold:
        ev = sc.first_event(system.get(str(rec["id"])))
        g = sc.PAIR_FOLD.get(sc.root(rec["gold"]), sc.root(rec["gold"]))
        p = sc.PAIR_FOLD.get(sc.root(ev), sc.root(ev)) if ev else sc.NONE
        pairs.append((g, p))
        if g != p:
            gq = rec["gold"].get("quad") or PAIR_QUAD.get(g, 0)
            pq = sc.quad_of(ev)
            # cooperation (1, 2) read as conflict (3, 4) or back is the worst miss
            severity = 2 if pq and (gq <= 2) != (pq <= 2) else 1 if gq != pq else 0
            conf = float((ev or {}).get("confidence") or 0.0)
            errors.append((severity, conf, rec, p, pq))
    print("per-root F1 (n):  " + "  ".join(
        f"{lab} {f1:.2f} ({n})" for lab, (f1, n) in per_label_f1(pairs).items()))
    confusion = Counter((g, p) for g, p in pairs if g != p)
    print("most frequent confusions (gold -> got): " + ", ".join(
        f"{g}->{p} {n}" for (g, p), n in confusion.most_common(12)))
    errors.sort(key=lambda e: (-e[0], -e[1]))
    print(f"{min(show, 15) if show else 0} worst errors (cross-quad first, then by confidence):")
    for severity, conf, rec, p, pq in errors[: min(show, 15)]:
        print(f"  {rec['id']} gold {rec['gold']['event']}/{rec['gold']['quad']} got {p}/{pq} "
              f"conf {conf:.2f} sev {severity}  {rec['source']!r} -> {rec['target']!r}: "
              f"{clip(rec['text'])}")
    return {"pair_root_f1": res["pair_root_macro_f1"], "pair_quad_f1": res["pair_quad_macro_f1"]}


def report_free(sc: ModuleType, gold: list[dict[str, Any]], system: dict[str, dict],
                show: int) -> None:
    res = sc.score({str(r["id"]): r for r in gold}, system)
    print(f"== events, free mode: {res.get('cameo_n')} sentences")
    print(f"CAMEO-triple F1 {res['cameo_f1']:.3f} (precision {res['cameo_precision']:.3f}, "
          f"recall {res['cameo_recall']:.3f}); no-event sentences left empty "
          f"{res['cameo_noevents_correct']}")
    shown = 0
    for rec in gold:
        if shown >= min(show, 10):
            break
        want = sorted((e["source"], e["target"], e["event"][:2]) for e in rec["gold"]["cameo"])
        got = sorted((sc.country(e.get("source")), sc.country(e.get("target")),
                      str(e.get("cameo") or "")[:2])
                     for e in (system.get(str(rec["id"])) or {}).get("events") or [])
        if want != got:
            shown += 1
            print(f"  {rec['id']} want {want} got {got}: {clip(rec['text'], 70)}")


def score_events(show: int) -> dict[str, float | None]:
    empty: dict[str, float | None] = {"pair_root_f1": None, "pair_quad_f1": None}
    sc = load_score_module()
    if sc is None:
        print(f"events: not scored ({SCORE_PY} is missing)")
        return empty
    try:
        import blocwatch.events.coder  # noqa: F401  (fail early with a clear reason)
    except Exception as exc:
        print(f"events: not available ({type(exc).__name__}: {exc})")
        return empty
    pair = read_jsonl(HELDOUT / "events_pair.jsonl")
    free = read_jsonl(HELDOUT / "events_free.jsonl")
    result = dict(empty)
    with tempfile.TemporaryDirectory(prefix="heldout-") as tmp:
        for name, gold in (("pair", pair), ("free", free)):
            started = time.perf_counter()
            try:
                system = run_coder(gold, Path(tmp), name)
            except Exception as exc:
                print(f"events ({name}): not available ({exc})")
                continue
            print(f"(coded {len(gold)} {name} sentences in {time.perf_counter() - started:.1f}s)")
            if name == "pair":
                result.update(report_pair(sc, gold, system, show))
            else:
                report_free(sc, gold, system, show)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=("actors", "events"), default=None)
    parser.add_argument("--show", type=int, default=200,
                        help="How many failures to list per part (default 200).")
    args = parser.parse_args(argv)
    figures: dict[str, float | None] = {"actors_country": None, "actors_sector": None,
                                        "pair_root_f1": None, "pair_quad_f1": None}
    if args.only in (None, "actors"):
        figures.update(score_actors(args.show))
        print()
    if args.only in (None, "events"):
        figures.update(score_events(args.show))
        print()
    print("targets: actors country >= 0.85, sector >= 0.75, wrong confident < unresolved; "
          "pair root macro-F1 >= 0.65, quad macro-F1 >= 0.80")
    print(" ".join(f"{k}: {fmt(v)}" for k, v in figures.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
