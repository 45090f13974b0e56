"""``make publish`` end to end, in a temporary copy of this checkout with its own git history.

SLOW (about 30 s, one publish run shared by every test here): the copy gets a ``v1.0.0`` tag,
then a breaking change without a version bump, which ``make publish`` must refuse (leaving
``dist/`` as it was); then ``info.version`` 2.0.0, which it must publish. The tests below read
that ``dist/``: files, YAML equal to JSON, the variants, CHANGES.md, the docs in a browser with
no network, and the client wheel installed into a fresh virtual environment and used against
the reference server.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from runspec import PROJECT_ROOT, __version__
from runspec.publish import VARIANTS
from runspec.server import DEFAULT_API_KEY, create_app
from runspec.server.testing import serve_in_thread
from runspec.yamlio import load_document
from tests.publish.chromium import Browser

pytestmark = pytest.mark.slow

_LINKED = (".venv", "node_modules", ".bootstrap")
TOOLKIT_VERSION = __version__
_LONG_AGO = 946_684_800  # 2000-01-01
_BREAKING_EDIT = (
    "      required: [assistant_id]\n      additionalProperties: false\n"
    "    CreateThreadAndRunRequest:",
    "      required: [assistant_id, model]\n      additionalProperties: false\n"
    "    CreateThreadAndRunRequest:",
)


@dataclass(frozen=True)
class Publication:
    root: Path
    refused: subprocess.CompletedProcess[str]
    dist_after_refusal: list[str]
    done: subprocess.CompletedProcess[str]

    @property
    def dist(self) -> Path:
        if self.done.returncode != 0:
            pytest.fail(f"make publish failed:\n{self.done.stdout}\n{self.done.stderr}")
        return self.root / "dist"


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=root,
        check=True,
        capture_output=True,
    )


def _copy_checkout(source: Path, target: Path) -> None:
    """The working tree as it is (tracked and untracked, not ignored), with the heavy,
    installed directories linked rather than copied."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=source,
        check=True,
        capture_output=True,
    ).stdout.decode()
    names = {name for name in listed.split("\0") if name}
    if (source / "generated").is_dir():
        names |= {
            str(p.relative_to(source))
            for p in (source / "generated").rglob("*")
            if p.is_file() and "__pycache__" not in p.parts
        }
    for name in sorted(names):
        if name.startswith(".dist.tmp-"):
            continue  # a publish running in the source checkout right now
        src = source / name
        if not src.is_file():
            continue  # deleted in the working tree
        dst = target / name
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dst)
    for name in _LINKED:
        if (source / name).exists():
            (target / name).symlink_to(source / name)


def _make_publish(root: Path) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL", "VIRTUAL_ENV"}
    }
    env["PYTHONPATH"] = str(root)  # the copy's runspec, not the editable install's
    return subprocess.run(
        ["make", "--no-print-directory", "publish"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"the test's edit no longer applies to {path.name}: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def publication(tmp_path_factory: pytest.TempPathFactory) -> Publication:
    root = tmp_path_factory.mktemp("checkout")
    _copy_checkout(PROJECT_ROOT, root)
    for name in ("pyproject.toml", "uv.lock", "package.json", "package-lock.json"):
        if (root / name).exists():  # older than the linked .venv/node_modules: no re-install
            os.utime(root / name, (_LONG_AGO, _LONG_AGO))
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "release 1.0.0")
    _git(root, "tag", "v1.0.0")
    spec = root / "openapi" / "openapi.yaml"
    assert "\n  version: 1.0.0\n" in spec.read_text(), "the test expects info.version 1.0.0"

    _edit(spec, *_BREAKING_EDIT)
    _git(root, "commit", "-q", "-am", "model becomes required")
    (root / "dist").mkdir()
    (root / "dist" / "PREVIOUS").write_text("an earlier publication\n")
    refused = _make_publish(root)
    after_refusal = sorted(p.name for p in (root / "dist").iterdir())

    _edit(spec, "\n  version: 1.0.0\n", "\n  version: 2.0.0\n")
    _git(root, "commit", "-q", "-am", "2.0.0")
    done = _make_publish(root)
    return Publication(root, refused, after_refusal, done)


# ---- the version policy ---------------------------------------------------------------------------
def test_an_unbumped_breaking_change_stops_the_publish(publication: Publication) -> None:
    refused = publication.refused
    assert refused.returncode != 0
    assert "bump the major version" in refused.stderr
    assert (
        "POST /threads/{thread_id}/runs request body: model: became required "
        "[request-property-became-required]" in refused.stderr
    )
    assert publication.dist_after_refusal == ["PREVIOUS"]


def test_a_major_bump_publishes_and_replaces_dist_whole(publication: Publication) -> None:
    dist = publication.dist
    assert not (dist / "PREVIOUS").exists()
    leftovers = [p.name for p in publication.root.iterdir() if p.name.startswith(".dist.tmp-")]
    assert leftovers == []


# ---- what dist/ holds -------------------------------------------------------------------------------
def test_dist_holds_every_published_file_and_nothing_else(publication: Publication) -> None:
    dist = publication.dist
    found = sorted(str(p.relative_to(dist)) for p in dist.rglob("*") if p.is_file())
    assert found == sorted(
        [
            "CHANGES.md",
            "client/assistants_runs_client-2.0.0-py3-none-any.whl",
            "client/assistants_runs_client-2.0.0.tar.gz",
            "docs/azure/index.html",
            "docs/index.html",
            "docs/zh-CN/index.html",
            "openapi/azure/openapi.json",
            "openapi/azure/openapi.yaml",
            "openapi/openapi.json",
            "openapi/openapi.yaml",
            "openapi/zh-CN/openapi.json",
            "openapi/zh-CN/openapi.yaml",
            f"toolkit/runspec-{TOOLKIT_VERSION}-py3-none-any.whl",
            f"toolkit/runspec-{TOOLKIT_VERSION}.tar.gz",
            "docs/typed-events/index.html",
            "openapi/typed-events/openapi.json",
            "openapi/typed-events/openapi.yaml",
            "typescript/package.json",
            "typescript/index.d.ts",
            "typescript/schema.d.ts",
            "typescript/examples/read-stream.ts",
            "CONSUMERS.md",
        ]
    )


def test_the_toolkit_wheel_carries_the_spec_overlays_templates_and_contract_config(
    publication: Publication,
) -> None:
    wheel = publication.dist / "toolkit" / f"runspec-{TOOLKIT_VERSION}-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        spec = archive.read("runspec/bundled/openapi/openapi.yaml").decode()
    assert "\n  version: 2.0.0\n" in spec  # the spec of the published commit
    for name in (
        "runspec/bundled/overlays/python-client.overlay.yaml",
        "runspec/bundled/schemathesis.toml",
        "runspec/codegen/templates/client.py.jinja",
        "runspec/codegen/openapi-python-client.yaml",
        "runspec/pytest_plugin.py",
    ):
        assert name in names, name
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    with zipfile.ZipFile(wheel) as archive:
        text = archive.read(entry_points).decode()
    assert "[pytest11]" in text
    assert "runspec = runspec.cli:main" in text


def test_the_build_backend_is_pinned_and_locked_at_the_same_versions() -> None:
    with (PROJECT_ROOT / "pyproject.toml").open("rb") as file:
        requires = tomllib.load(file)["build-system"]["requires"]
    with (PROJECT_ROOT / "uv.lock").open("rb") as file:
        locked = {p["name"]: p["version"] for p in tomllib.load(file)["package"]}
    pins = dict(requirement.split("==") for requirement in requires)
    assert "hatchling" in pins, "hatchling and each of its dependencies pinned with =="
    for name, version in pins.items():
        assert locked.get(name) == version, (
            f"{name}: [build-system] {version}, uv.lock {locked.get(name)}"
        )


def test_both_wheels_are_built_by_the_pinned_backend(publication: Publication) -> None:
    with (PROJECT_ROOT / "pyproject.toml").open("rb") as file:
        requires = tomllib.load(file)["build-system"]["requires"]
    pinned = next(r for r in requires if r.startswith("hatchling=="))
    generator = f"Generator: hatchling {pinned.removeprefix('hatchling==')}"
    wheels = sorted(publication.dist.glob("*/*.whl"))
    assert [w.parent.name for w in wheels] == ["client", "toolkit"]
    for wheel in wheels:
        with zipfile.ZipFile(wheel) as archive:
            name = next(n for n in archive.namelist() if n.endswith(".dist-info/WHEEL"))
            assert generator in archive.read(name).decode(), wheel.name


def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            yield node["$ref"]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


@pytest.mark.parametrize("variant", VARIANTS, ids=[v.name for v in VARIANTS])
def test_yaml_and_json_carry_the_same_bundled_document(
    publication: Publication, variant: Any
) -> None:
    folder = publication.dist / variant.spec_dir
    from_yaml = load_document(folder / "openapi.yaml")
    from_json = _json(folder / "openapi.json")
    assert from_yaml == from_json
    assert from_yaml["info"]["version"] == "2.0.0"
    assert "CreateRunRequest" in from_yaml["components"]["schemas"]
    assert all(ref.startswith("#/") for ref in _refs(from_yaml))


def test_each_variant_carries_its_overlay(publication: Publication) -> None:
    def spec(name: str) -> Any:
        return _json(publication.dist / "openapi" / name / "openapi.json")

    assert spec("")["security"] == [{"bearerAuth": []}]
    azure = spec("azure")
    assert "apiKeyAuth" in azure["components"]["securitySchemes"]
    assert azure["servers"][0]["url"].endswith(".openai.azure.com/openai")
    title = spec("zh-CN")["info"]["title"]
    assert re.search(r"[\u4e00-\u9fff]", title), title


def test_changes_md_lists_the_breaking_change_first(publication: Publication) -> None:
    text = (publication.dist / "CHANGES.md").read_text(encoding="utf-8")
    assert text.startswith("# OpenAI Assistants v2 runs 2.0.0\n")
    assert "Changes since `v1.0.0` (info.version 1.0.0)" in text
    first_section = text.index("### ")
    assert text[first_section:].startswith("### Breaking changes (1)")
    assert (
        "- `POST /threads/{thread_id}/runs` request body `model`: became required "
        "(`request-property-became-required`)" in text
    )


# ---- the docs -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("variant", VARIANTS, ids=[v.name for v in VARIANTS])
def test_docs_reference_nothing_outside_the_page(publication: Publication, variant: Any) -> None:
    html = (publication.dist / variant.docs_dir / "index.html").read_text(encoding="utf-8")
    external = re.findall(r"<(?:script|link)\b[^>]*(?:src|href)=[\"']?(?:https?:)?//", html)
    assert external == []


def _event_stream_view(operation_id: str) -> str:
    """Redoc's route of an operation, scrolled to its 200 response as ``text/event-stream``."""
    slug = operation_id.lower()
    return f"#/runs/{slug}#runs/{slug}/t=response&c=200&ct=text/event-stream&path=event"


# Redoc's footer links its logo from Redocly's CDN; without network the image hides itself.
_COSMETIC_REQUESTS = re.compile(r"https://cdn\.redoc\.ly/redoc/logo-mini(-full)?\.svg")


def test_docs_render_both_operations_and_the_event_stream_offline(
    publication: Publication, chromium: str
) -> None:
    """SLOW: loads each page in headless Chromium with no network and reads what it shows."""
    dist = publication.dist
    with Browser(chromium) as browser:
        for variant in VARIANTS:
            spec = _json(dist / variant.spec_dir / "openapi.json")
            page = dist / variant.docs_dir / "index.html"
            for number, (path, operation_id) in enumerate(
                [
                    ("/threads/runs", "createThreadAndRun"),
                    ("/threads/{thread_id}/runs", "createRun"),
                ]
            ):
                summary = spec["paths"][path]["post"]["summary"]
                if number == 0:
                    browser.open(page, _event_stream_view(operation_id))
                else:
                    browser.show(_event_stream_view(operation_id))

                def shown(text: str, summary: str = summary, path: str = path) -> bool:
                    return all(
                        needle in text
                        for needle in (summary, path, "text/event-stream", "thread.run.created")
                    )

                text = browser.text_when(shown)
                assert shown(text), f"{variant.name} {operation_id}: not rendered:\n{text[:2000]}"
        online = [
            url
            for url in browser.requests
            if not url.startswith(("file:", "data:", "blob:", "about:"))
            and not _COSMETIC_REQUESTS.fullmatch(url)
        ]
    assert online == []


# ---- the client -----------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def client_python(publication: Publication, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """SLOW: the Python of a fresh virtual environment with the published wheel installed."""
    wheel = publication.dist / "client" / "assistants_runs_client-2.0.0-py3-none-any.whl"
    return _fresh_venv_with(wheel, tmp_path_factory.mktemp("client") / "venv")


def test_the_client_wheel_installs_into_a_fresh_venv_as_info_version(client_python: Path) -> None:
    shown = subprocess.run(
        [
            str(client_python),
            "-c",
            "import importlib.metadata as m; print(m.version('assistants-runs-client'))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert shown.stdout.strip() == "2.0.0"


def _uv() -> str:
    for candidate in (os.environ.get("UV"), shutil.which("uv"), PROJECT_ROOT / ".bootstrap/bin/uv"):
        if candidate and Path(candidate).is_file():
            return str(candidate)
    pytest.fail("uv not found (make setup installs it into .bootstrap/)")


def _fresh_venv_with(wheel: Path, venv: Path) -> Path:
    uv = _uv()
    subprocess.run(
        [uv, "venv", "--quiet", "--python", sys.executable, str(venv)],
        check=True,
        capture_output=True,
    )
    python = venv / "bin" / "python"
    install = [uv, "pip", "install", "--quiet", "--python", str(python), str(wheel)]
    offline = subprocess.run([*install, "--offline"], capture_output=True, text=True, check=False)
    if offline.returncode != 0:  # not everything in uv's cache: use the index
        subprocess.run(install, capture_output=True, text=True, check=True)
    return python


_CLIENT_SCRIPT = """
import json, sys
from assistants_runs_client import AuthenticatedClient
from assistants_runs_client.api.runs import create_run, create_thread_and_run
from assistants_runs_client.models import CreateRunRequest, CreateThreadAndRunRequest

client = AuthenticatedClient(base_url=sys.argv[1], token=sys.argv[2], max_retries=0)
run = create_thread_and_run.sync(
    client=client, body=CreateThreadAndRunRequest(assistant_id="asst_abc123")
)
with create_thread_and_run.stream(
    client=client, body=CreateThreadAndRunRequest(assistant_id="asst_abc123")
) as events:
    names = [event.event for event in events]
second = create_run.sync(run.thread_id, client=client, body=CreateRunRequest(assistant_id="asst_abc123"))
print(json.dumps({"run": run.id, "thread": run.thread_id, "second": second.thread_id, "events": names}))
"""


def test_the_client_wheel_calls_the_reference_server(client_python: Path, tmp_path: Path) -> None:
    """The published wheel, installed on its own, against ``runspec.server``."""
    with serve_in_thread(create_app()) as server:
        completed = subprocess.run(
            [str(client_python), "-c", _CLIENT_SCRIPT, server.base_url, DEFAULT_API_KEY],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            cwd=tmp_path,  # not the checkout: import the installed client, nothing else
        )
    assert completed.returncode == 0, completed.stderr
    seen = json.loads(completed.stdout)
    assert seen["run"].startswith("run_")
    assert seen["second"] == seen["thread"]
    assert seen["events"][:2] == ["thread.created", "thread.run.created"]
    assert (
        "thread.run.completed" in seen["events"] or "thread.run.requires_action" in seen["events"]
    )
