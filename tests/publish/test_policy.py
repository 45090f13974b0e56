"""The rules ``make publish`` applies before building: BASE, the version policy, CHANGES.md.

Fast and without external tools: the end-to-end run is in ``test_publish_e2e.py``.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from runspec.diff import Change, Severity, diff_documents
from runspec.publish import (
    Base,
    PublishError,
    _set_project_version,
    check_version_policy,
    compare_with_base,
    default_base,
    major_version,
    render_changes,
)
from runspec.yamlio import dump_document
from tests.diff.specs import STRING, document, operation, prop

BREAKING = Change(
    "request-property-became-required",
    Severity.BREAKING,
    "POST /things",
    "request body",
    "x",
    "became required",
)
ADDITION = Change("operation-added", Severity.INFO, "GET /things", "", "", "operation added")


@pytest.mark.parametrize(
    ("version", "major"), [("1.0.0", 1), ("2.1.3", 2), ("v3", 3), ("10.0.0-rc.1", 10)]
)
def test_major_version_reads_the_first_number(version: str, major: int) -> None:
    assert major_version(version) == major


@pytest.mark.parametrize("version", ["", "latest", "one.two"])
def test_major_version_rejects_what_is_not_a_version(version: str) -> None:
    with pytest.raises(ValueError, match="not a version"):
        major_version(version)


def test_a_breaking_change_without_a_major_bump_is_refused_with_the_list() -> None:
    base = Base("v1.0.0", "1.0.0", [ADDITION, BREAKING])
    with pytest.raises(PublishError) as refused:
        check_version_policy(base, "1.1.0")
    assert refused.value.problems == [
        "1 breaking change(s) since v1.0.0 (info.version 1.0.0), but info.version is 1.1.0: "
        "bump the major version to publish them.",
        "  POST /things request body: x: became required [request-property-became-required]",
    ]


@pytest.mark.parametrize(
    ("base", "new_version"),
    [
        (Base("v1.0.0", "1.0.0", [BREAKING]), "2.0.0"),
        (Base("v1.0.0", "1.0.0", [ADDITION]), "1.0.0"),
        (Base(None, None, [BREAKING]), "1.0.0"),
    ],
    ids=["major-bump", "no-breaking-change", "no-base"],
)
def test_the_policy_lets_through(base: Base, new_version: str) -> None:
    check_version_policy(base, new_version)


def test_an_unreadable_version_with_breaking_changes_is_refused() -> None:
    with pytest.raises(PublishError, match="cannot apply the version policy"):
        check_version_policy(Base("v1", "1.0.0", [BREAKING]), "next")


def test_changes_md_names_the_base_and_puts_breaking_changes_first() -> None:
    text = render_changes(Base("v1.0.0", "1.0.0", [ADDITION, BREAKING]), "Runs API", "2.0.0")
    assert text.startswith("# Runs API 2.0.0\n\nChanges since `v1.0.0` (info.version 1.0.0)")
    assert text.index("### Breaking changes (1)") < text.index("### Other changes (1)")


def _with_list_operation(**lifecycle: object) -> dict[str, object]:
    """``POST /things`` and a ``GET /things`` carrying ``lifecycle`` fields."""
    get = operation(operationId="listThings", **lifecycle)
    return document({"/things": {"post": operation(), "get": get}})


_ONLY_POST = document({"/things": {"post": operation()}})
_SUNSET_PASSED = {"deprecated": True, "x-sunset": "2000-01-01"}
_SUNSET_AHEAD = {"deprecated": True, "x-sunset": "2999-01-01"}


def _since_v1(old: dict[str, object], new: dict[str, object]) -> Base:
    return Base("v1.0.0", "1.0.0", diff_documents(old, new))


def test_a_removal_after_its_sunset_is_allowed_in_a_minor_version() -> None:
    base = _since_v1(_with_list_operation(**_SUNSET_PASSED), _ONLY_POST)
    assert [c.rule for c in base.changes] == ["operation-removed-after-sunset"]
    check_version_policy(base, "1.1.0")
    with pytest.raises(PublishError, match="bump at least the minor version"):
        check_version_policy(base, "1.0.1")


def test_a_removal_before_its_sunset_needs_a_major_version() -> None:
    base = _since_v1(_with_list_operation(**_SUNSET_AHEAD), _ONLY_POST)
    with pytest.raises(PublishError, match="bump the major version") as refused:
        check_version_policy(base, "1.1.0")
    assert "[operation-removed-before-sunset]" in refused.value.problems[1]
    check_version_policy(base, "2.0.0")


def test_a_deprecation_needs_a_minor_version_and_is_reported_as_one() -> None:
    base = _since_v1(_with_list_operation(), _with_list_operation(**_SUNSET_AHEAD))
    with pytest.raises(PublishError, match="1 deprecation"):
        check_version_policy(base, "1.0.0")
    check_version_policy(base, "1.1.0")
    text = render_changes(base, "Runs API", "1.1.0")
    assert "### Deprecations (1)\n" in text
    assert (
        "- `GET /things`: deprecated, sunset 2999-01-01 (`operation-deprecated-with-sunset`)"
        in (text)
    )
    assert "### Other changes" not in text


def test_changes_md_of_a_first_publication_says_so() -> None:
    text = render_changes(Base(None, None, [ADDITION]), "Runs API", "1.0.0")
    assert "First publication" in text
    assert "- `GET /things`: operation added (`operation-added`)" in text


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    _git(tmp_path, "init", "-q")
    (tmp_path / "openapi").mkdir()
    (tmp_path / "openapi" / "openapi.yaml").write_text(dump_document(prop(STRING)))
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "one")
    return tmp_path


def test_without_tags_there_is_no_default_base(repo: Path) -> None:
    assert default_base(repo) is None


def test_the_default_base_is_the_newest_v_tag_before_head(repo: Path) -> None:
    _git(repo, "tag", "v1.0.0")
    _git(repo, "commit", "-q", "--allow-empty", "-m", "two")
    _git(repo, "tag", "not-a-release")
    _git(repo, "tag", "v1.1.0")
    _git(repo, "commit", "-q", "--allow-empty", "-m", "three")
    assert default_base(repo) == "v1.1.0"


def test_comparing_with_base_reads_the_spec_at_that_ref(repo: Path) -> None:
    _git(repo, "tag", "v1.0.0")
    changes = compare_with_base(repo, "v1.0.0", prop(STRING, required=True)).changes
    assert [c.rule for c in changes] == ["request-property-became-required"]


def test_an_unknown_base_is_a_clear_error(repo: Path) -> None:
    with pytest.raises(PublishError, match="BASE=v9: not a commit"):
        compare_with_base(repo, "v9", prop(STRING))


@pytest.mark.parametrize(
    ("pyproject", "expected"),
    [
        (
            '[project]\nname = "c"\nversion = "0.1.0"\n\n[build-system]\nx = 1\n',
            '[project]\nname = "c"\nversion = "2.0.0"\n\n[build-system]\nx = 1\n',
        ),
        (
            '[tool.poetry]\nname = "c"\nversion = "0.1.0"\n',
            '[tool.poetry]\nname = "c"\nversion = "2.0.0"\n',
        ),
        ('[project]\nname = "c"\n', '[project]\nversion = "2.0.0"\nname = "c"\n'),
    ],
    ids=["project", "poetry", "no-version-yet"],
)
def test_the_client_version_is_set_in_its_pyproject(
    tmp_path: Path, pyproject: str, expected: str
) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text(pyproject)
    _set_project_version(path, "2.0.0")
    assert path.read_text() == expected
