"""scripts/build_world_map.py on a TopoJSON of our own: two square countries side by side that share one edge.
The land is their merged outline; the border is the shared edge only, not the coasts; bad input is one line."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build_world_map.py"

# quantized with scale 0.1°: arc 0 is the shared edge (10,0)->(10,10) degrees; arcs 1 and 2 the coasts of A and B
TOPO = {
    "type": "Topology",
    "transform": {"scale": [0.1, 0.1], "translate": [0, 0]},
    "arcs": [
        [[100, 0], [0, 100]],                                    # shared: (10,0) -> (10,10)
        [[100, 100], [-100, 0], [0, -100], [100, 0]],            # A's coast: (10,10) -> (0,10) -> (0,0) -> (10,0)
        [[100, 0], [100, 0], [0, 100], [-100, 0]],               # B's coast: (10,0) -> (20,0) -> (20,10) -> (10,10)
    ],
    "objects": {
        "countries": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "arcs": [[0, 1]], "id": "A"},
            {"type": "Polygon", "arcs": [[~0, 2]], "id": "B"}]},
        "land": {"type": "GeometryCollection", "geometries": [{"type": "MultiPolygon", "arcs": [[[1, 2]]]}]},
    },
}


def _run(*args):
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], capture_output=True, text=True)


def test_land_is_the_outline_and_borders_are_the_shared_edges(tmp_path):
    src, dst = tmp_path / "topo.json", tmp_path / "world.json"
    src.write_text(json.dumps(TOPO), encoding="utf-8")
    done = _run(src, dst)
    assert done.returncode == 0, done.stderr
    out = json.loads(dst.read_text(encoding="utf-8"))
    assert out["borders"] == [[100, 0, 100, 100]]                         # tenths of a degree
    assert len(out["land"]) == 1
    ring = out["land"][0]
    pts = list(zip(ring[::2], ring[1::2]))
    assert pts[0] == pts[-1] and len(pts) == 7                           # closed, joints once
    assert {(0, 0), (200, 0), (200, 100), (0, 100)} <= set(pts)
    assert "public domain" in out["source"]


def test_bad_input_is_one_line_and_exit_2(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    done = _run(bad, tmp_path / "out.json")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and str(bad) in done.stderr
    assert not (tmp_path / "out.json").exists()
    assert _run().returncode == 2
