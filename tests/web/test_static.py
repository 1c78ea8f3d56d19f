"""The dashboard's files, without a browser: offline (no remote asset), the security rules its
code keeps (a Content-Security-Policy, no HTML built from strings), licences beside every
vendored file, a generated vocabulary that matches eventcoder.taxonomy, and what the package
installs. tests/web/test_dashboard.py drives the page itself in chromium."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from eventcoder.web import STATIC_DIR

REPO = Path(__file__).resolve().parents[2]
WEB = STATIC_DIR.parent
OWN = [STATIC_DIR / "index.html", STATIC_DIR / "app.css", *sorted((STATIC_DIR / "js").glob("*.js"))]


def _index() -> str:
    return (STATIC_DIR / "index.html").read_text(encoding="utf-8")


def test_the_page_and_its_assets_are_in_the_package():
    assert (STATIC_DIR / "index.html").is_file()
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert "web/static/**/*" in project["tool"]["setuptools"]["package-data"]["eventcoder"]


def test_every_asset_the_page_names_is_bundled_and_local():
    html = _index()
    refs = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert len(refs) >= 6
    for ref in refs:
        assert not re.match(r"^(?:[a-z]+:)?//", ref), f"remote asset {ref}"
        assert (STATIC_DIR / ref).is_file(), f"index.html names a missing file: {ref}"
    for js in (STATIC_DIR / "js").glob("*.js"):
        for ref in re.findall(r'from "(\./[^"]+)"', js.read_text(encoding="utf-8")):
            assert (js.parent / ref).is_file(), f"{js.name} imports a missing {ref}"
    # the basemap layers the map fetches
    for name in ("countries-110m.geojson", "admin1.geojson"):
        data = json.loads((STATIC_DIR / "basemap" / name).read_text(encoding="utf-8"))
        assert data["type"] == "FeatureCollection" and len(data["features"]) > 100
    admin1 = json.loads((STATIC_DIR / "basemap" / "admin1.geojson").read_text(encoding="utf-8"))
    assert {"IRQ", "SYR"} <= {f["properties"]["iso3"] for f in admin1["features"]}


def test_every_module_is_preloaded_and_the_worker_loads_supercluster():
    # main.js's imports are fetched at once (modulepreload), not one level at a time: a
    # module missing from the list would still load, only later
    html = _index()
    preloaded = set(re.findall(r'<link rel="modulepreload" href="js/([^"]+)">', html))
    imported: set[str] = set()
    todo = ["main.js"]
    while todo:
        name = todo.pop()
        for ref in re.findall(r'from "\./([^"]+)"', (STATIC_DIR / "js" / name).read_text(
                encoding="utf-8")):
            if ref not in imported:
                imported.add(ref)
                todo.append(ref)
    scripts = set(re.findall(r'<script type="module" src="js/([^"]+)"', html))
    assert scripts == {"boot.js", "main.js"}
    assert preloaded == imported - scripts
    worker = (STATIC_DIR / "js" / "clusters.js").read_text(encoding="utf-8")
    (ref,) = re.findall(r'importScripts\("([^"]+)"\)', worker)
    assert (STATIC_DIR / "js" / ref).resolve().is_file()
    assert "js/clusters.js" in (STATIC_DIR / "js" / "boot.js").read_text(encoding="utf-8")


def test_own_code_loads_nothing_remote_and_builds_no_html_from_strings():
    for path in OWN:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"https?://", text), f"{path.name} names a remote URL"
        if path.suffix == ".js":
            code = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
            code = re.sub(r"(^|\s)//.*$", "", code, flags=re.M)  # comments may name them
            for banned in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write",
                           "eval(", "new Function", "setAttribute(\"style\"", "on(\"error\""):
                assert banned not in code, f"{path.name} uses {banned}"
    # HTML from strings in the page itself: no inline script, no inline handler, no style attr
    html = _index()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline script"
    assert not re.search(r"\son[a-z]+=", html) and " style=" not in html


def test_content_security_policy_forbids_remote_and_inline_scripts():
    m = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', _index())
    assert m, "no Content-Security-Policy meta tag"
    policy = {d.split()[0]: d.split()[1:] for d in m.group(1).split(";") if d.strip()}
    assert policy["default-src"] == ["'none'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["connect-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'none'"]
    assert "'unsafe-inline'" not in m.group(1) and "'unsafe-eval'" not in m.group(1)


def test_vendored_libraries_carry_their_licences_and_pinned_versions():
    lock = json.loads((WEB / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    pinned = json.loads((WEB / "package.json").read_text(encoding="utf-8"))
    notice = (STATIC_DIR / "NOTICE.txt").read_text(encoding="utf-8")
    for name, version in {**pinned["dependencies"], **pinned["devDependencies"]}.items():
        assert lock[f"node_modules/{name}"]["version"] == version, name  # exact pins
        assert f"{name} {version}" in notice, f"NOTICE.txt lacks {name} {version}"
    for lib in ("leaflet", "supercluster", "chartjs"):
        folder = STATIC_DIR / "vendor" / lib
        assert list(folder.glob("LICENSE*")), f"vendor/{lib} has no licence file"
    assert (STATIC_DIR / "vendor" / "supercluster" / "LICENSE-kdbush").is_file()
    assert (STATIC_DIR / "basemap" / "LICENSE-world-atlas").is_file()
    for credit in ("Natural Earth", "geoBoundaries", "CC BY 4.0"):
        assert credit in notice and credit in _index()


def test_the_bundle_stays_small():
    files = [p for p in STATIC_DIR.rglob("*") if p.is_file()]
    total = sum(p.stat().st_size for p in files)
    assert total < 2_500_000, f"static/ is {total:,} bytes"


def test_web_taxonomy_is_current():
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "gen_web_taxonomy.py"),
                             "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
