"""The built dashboard is served at / with an SPA fallback; /api stays JSON."""

from __future__ import annotations

from pathlib import Path

from api_support import local_settings
from fastapi.testclient import TestClient

from api.main import create_app


def make_dist(root: Path) -> Path:
    dist = root / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text("<!doctype html><div id=root></div>")
    (dist / "assets" / "app-1a2b.js").write_text("console.log('sentinel')")
    (dist / "favicon.svg").write_text("<svg/>")
    (root / "secret.txt").write_text("not for the web")
    return dist


def test_spa_and_assets(sample_home: Path, tmp_path: Path) -> None:
    app = create_app(local_settings(sample_home, web_dist=make_dist(tmp_path)))
    with TestClient(app, base_url="http://localhost") as client:
        index = client.get("/")
        assert index.status_code == 200 and "id=root" in index.text and index.headers["cache-control"] == "no-cache"
        deep = client.get("/costs/breakdown/service")
        assert deep.status_code == 200 and "id=root" in deep.text
        asset = client.get("/assets/app-1a2b.js")
        assert "sentinel" in asset.text and "immutable" in asset.headers["cache-control"]
        assert client.get("/favicon.svg").text == "<svg/>"
        assert "not for the web" not in client.get("/../secret.txt").text
        assert "not for the web" not in client.get("/%2e%2e/secret.txt").text
        missing = client.get("/api/v1/does-not-exist")
        assert missing.status_code == 404 and missing.json()["detail"] == "Not Found"
        assert client.get("/api/v1/health").json()["status"] == "ok"
        assert client.get("/api/v1/openapi.json").status_code == 200


def test_dashboard_files_are_gzipped_and_api_answers_are_not(sample_home: Path, tmp_path: Path) -> None:
    dist = make_dist(tmp_path)
    script = "export const costs = [" + ",".join(str(i) for i in range(2000)) + "];\n"
    (dist / "assets" / "big-9f8e.js").write_text(script)
    app = create_app(local_settings(sample_home, web_dist=dist))
    with TestClient(app, base_url="http://localhost") as client:
        asset = client.get("/assets/big-9f8e.js", headers={"Accept-Encoding": "gzip"})
        assert asset.headers["content-encoding"] == "gzip" and asset.text == script  # httpx decodes it
        assert int(asset.headers["content-length"]) < len(script) / 2
        assert "immutable" in asset.headers["cache-control"]
        plain = client.get("/assets/big-9f8e.js", headers={"Accept-Encoding": "identity"})
        assert "content-encoding" not in plain.headers and plain.text == script
        meta = client.get("/api/v1/meta", headers={"Accept-Encoding": "gzip"})
        assert meta.status_code == 200 and len(meta.content) > 1024 and "content-encoding" not in meta.headers


def test_no_dist_no_dashboard(client: TestClient) -> None:
    assert client.get("/").status_code == 404


def test_a_nul_in_the_path_is_a_404(sample_home: Path, tmp_path: Path) -> None:
    app = create_app(local_settings(sample_home, web_dist=make_dist(tmp_path)))
    with TestClient(app, base_url="http://localhost", raise_server_exceptions=False) as client:
        for path in ("/%00", "/assets/%00.js", "/a%00b/c"):
            assert client.get(path).status_code == 404, path
