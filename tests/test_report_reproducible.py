"""The same store gives the same report: the alliance map's positions are
computed in Python from a seed (no random layout in the browser), and
report.json, report.md and report.html do not change between two builds or
two `blocwatch report` processes, apart from the time they were made."""

from __future__ import annotations

import importlib.util
import json
import math
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from blocwatch.cli import cli
from blocwatch.report import build_report, write_report
from blocwatch.report.build import build_time
from blocwatch.report.html import map_elements, render_html
from blocwatch.report.json_report import report_json
from blocwatch.report.layout import MIN_GAP, map_positions
from blocwatch.store import open_store

ROOT = Path(__file__).resolve().parents[1]
FIXED_TIME = datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)


def _world() -> Any:
    spec = importlib.util.spec_from_file_location(
        "report_world", ROOT / "tests" / "fixtures" / "report" / "world.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


world = _world()

BLOCS = {"USA": 1, "JPN": 1, "GBR": 1, "AUS": 1, "DEU": 1, "CAN": 1,
         "RUS": 2, "CHN": 2, "IRN": 2, "PRK": 2}
SWING = {"IND": {1: 0.6, 2: 0.4}, "TUR": {1: 0.5, 2: 0.5}}
OTHERS = ["BRA", "ZAF", "SAU", "EGY", "IDN", "MEX", "ARG", "NGA"]


def _layout(seed: int = 13) -> dict[str, dict[str, float]]:
    return map_positions(blocs=BLOCS, swing=SWING, others=OTHERS, seed=seed,
                         order={"USA": 1.0, "RUS": 1.0})


def _distance(p: dict[str, float], q: dict[str, float]) -> float:
    return math.hypot(p["x"] - q["x"], p["y"] - q["y"])


def _centre(positions: dict[str, dict[str, float]], states: list[str]) -> dict[str, float]:
    return {"x": sum(positions[s]["x"] for s in states) / len(states),
            "y": sum(positions[s]["y"] for s in states) / len(states)}


def test_the_layout_is_a_function_of_its_arguments():
    first = _layout()
    assert first == _layout()
    assert set(first) == set(BLOCS) | set(SWING) | set(OTHERS)
    # the order the states are given in changes nothing
    shuffled = map_positions(blocs=dict(reversed(BLOCS.items())), swing=SWING,
                             others=list(reversed(OTHERS)), seed=13,
                             order={"RUS": 1.0, "USA": 1.0})
    assert shuffled == first


def test_the_layout_keeps_states_apart_and_blocs_together():
    positions = _layout()
    names = sorted(positions)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            assert _distance(positions[a], positions[b]) >= MIN_GAP * 0.9, (a, b)
    west = [s for s, b in BLOCS.items() if b == 1]
    east = [s for s, b in BLOCS.items() if b == 2]
    west_centre, east_centre = _centre(positions, west), _centre(positions, east)
    for state in west:
        assert _distance(positions[state], west_centre) < _distance(positions[state], east_centre)
    for state in east:
        assert _distance(positions[state], east_centre) < _distance(positions[state], west_centre)
    # a swing state sits between the two blocs, states in no bloc outside them
    gap = _distance(west_centre, east_centre)
    india = positions["IND"]
    assert _distance(india, west_centre) < gap and _distance(india, east_centre) < gap
    spread = max(_distance(positions[s], {"x": 0.0, "y": 0.0}) for s in BLOCS)
    for state in OTHERS:
        assert _distance(positions[state], {"x": 0.0, "y": 0.0}) > spread, state


def test_states_on_the_same_spot_are_parted_by_the_seed():
    # Two swing states tied alike start on one spot; the seed decides which way
    # they are pushed, the same way every time.
    swing = {"IND": {1: 0.5, 2: 0.5}, "TUR": {1: 0.5, 2: 0.5}}
    blocs = {"USA": 1, "RUS": 2}
    one = map_positions(blocs=blocs, swing=swing, others=[], seed=1)
    assert one == map_positions(blocs=blocs, swing=swing, others=[], seed=1)
    assert _distance(one["IND"], one["TUR"]) >= MIN_GAP * 0.9


def test_no_bloc_or_one_bloc_is_drawn_too():
    alone = map_positions(blocs={}, swing={}, others=["BRA", "IND", "ZAF"], seed=13)
    assert set(alone) == {"BRA", "IND", "ZAF"}
    one = map_positions(blocs={"USA": 1, "GBR": 1}, swing={"IND": {1: 0.3}}, others=[], seed=13)
    assert _distance(one["USA"], one["GBR"]) >= MIN_GAP * 0.9
    assert map_positions(blocs={}, swing={}, others=[], seed=13) == {}


def _two_builds(tmp_path: Path) -> list[dict[str, Any]]:
    reports = []
    for name in ("one", "two"):
        with open_store(tmp_path / f"{name}.duckdb") as store:
            ids = world.build_store(store)
            reports.append(build_report(store, world.relations(ids), generated_at=FIXED_TIME))
    return reports


def test_two_builds_give_the_same_bytes_and_positions(tmp_path):
    first, second = _two_builds(tmp_path)
    assert report_json(first) == report_json(second)
    nodes = map_elements(first)["nodes"]
    assert nodes == map_elements(second)["nodes"]
    assert all(set(n["position"]) == {"x", "y"} for n in nodes)
    assert render_html(first) == render_html(second)
    # the page lays the map out from these positions, never at random
    page = render_html(first)
    assert 'name: "preset"' in page and "randomize: true" not in page


def test_source_date_epoch_fixes_the_build_time(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1704164645")
    assert build_time() == FIXED_TIME
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "not a number")
    assert build_time().year >= 2024


def _report_process(db: Path, out: Path, hash_seed: str) -> subprocess.Popen[str]:
    env = dict(os.environ)
    env["PYTHONHASHSEED"] = hash_seed  # set and dict order must not leak into the files
    env["SOURCE_DATE_EPOCH"] = "1704164645"
    return subprocess.Popen(
        [sys.executable, "-m", "blocwatch", "--setting", "resamples", "5", "report",
         "--db", str(db), "--out", str(out)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_report_processes_write_the_same_bytes(tmp_path):
    db = tmp_path / "world.duckdb"
    with open_store(db) as store:
        world.build_store(store)
    # one store each: DuckDB lets one process at a time write a file
    twin = tmp_path / "twin.duckdb"
    shutil.copyfile(db, twin)
    runs = [_report_process(path, tmp_path / name, seed)
            for path, name, seed in ((db, "a", "1"), (twin, "b", "2"))]
    for run in runs:
        _out, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
    for file in ("report.json", "report.md", "report.html"):
        assert (tmp_path / "a" / file).read_bytes() == (tmp_path / "b" / file).read_bytes(), file
    a = json.loads((tmp_path / "a" / "report.json").read_text(encoding="utf-8"))
    assert a["dyads"], "the relations stage found no pair: nothing would be compared"
    assert a["generated_at"] == "2024-01-02T03:04:05+00:00"

    # without SOURCE_DATE_EPOCH only the build time differs
    result = CliRunner(env={"SOURCE_DATE_EPOCH": None}).invoke(
        cli, ["--setting", "resamples", "5", "report", "--db", str(db), "--out",
              str(tmp_path / "c")], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    c = json.loads((tmp_path / "c" / "report.json").read_text(encoding="utf-8"))
    assert c.pop("generated_at") != a.pop("generated_at")
    assert c == a


def test_write_report_twice_in_one_folder_gives_the_same_files(tmp_path):
    first, _ = _two_builds(tmp_path)
    one = write_report(first, tmp_path / "out")
    before = {p.name: p.read_bytes() for p in (one.json, one.markdown, one.html)}
    again = write_report(first, tmp_path / "out")
    assert {p.name: p.read_bytes() for p in (again.json, again.markdown, again.html)} == before


def test_report_json_writes_one_line_per_entry_and_no_nan():
    report = {"schema_version": 1, "events": [{"id": 1, "x": float("nan")}, {"id": 2, "s": "é"}],
              "summary": {"events": 2, "inf": float("inf")}, "blocs": []}
    text = report_json(report)
    assert text.splitlines() == [
        "{",
        '  "schema_version": 1,',
        '  "events": [',
        '    {"id": 1, "x": null},',
        '    {"id": 2, "s": "é"}',
        "  ],",
        '  "summary": {"events": 2, "inf": null},',
        '  "blocs": []',
        "}",
    ]
    assert json.loads(text) == json.loads(report_json(report, indent=None))
