"""The direction of imports between the pipeline's stages (README "How the code is laid out").

profile → (rules) → plan → render → bundle, with the front doors (cli, commands, batch, web) on top:
a stage may import the stages before it, never one after it, and nothing imports a front door.
Read from the source (every import, including ones inside functions), so a lazy import counts too.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FRONT_DOORS = ("assembler.cli", "assembler.commands", "assembler.batch", "assembler.web", "assembler.__main__")
LATER = {
    "assembler.profile": ("assembler.plan", "assembler.render", "assembler.bundle", "rules"),
    "assembler.plan": ("assembler.render", "assembler.bundle"),
    "assembler.render": ("assembler.bundle",),
}


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _sources(*packages: str):
    for package in packages:
        for path in sorted((ROOT / package.replace(".", "/")).rglob("*.py")):
            yield _module(path), _imports(path)


def _within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def test_rules_import_nothing_of_assembler_but_the_profile_model():
    wrong = {m: sorted(i for i in imports if _within(i, "assembler") and not _within(i, "assembler.profile.model"))
             for m, imports in _sources("rules")}
    assert not {m: i for m, i in wrong.items() if i}


@pytest.mark.parametrize("stage", sorted(LATER))
def test_a_stage_never_imports_a_later_one(stage):
    wrong = {m: sorted(i for i in imports if any(_within(i, later) for later in LATER[stage]))
             for m, imports in _sources(stage)}
    assert not {m: i for m, i in wrong.items() if i}


def test_nothing_imports_a_front_door():
    wrong = {}
    for m, imports in _sources("assembler", "rules"):
        if any(_within(m, door) for door in FRONT_DOORS):
            continue
        found = sorted(i for i in imports if any(_within(i, door) for door in FRONT_DOORS))
        if found:
            wrong[m] = found
    assert not wrong


def test_the_guard_sees_a_lazy_import(tmp_path):
    source = tmp_path / "lazy.py"
    source.write_text("def f():\n    from assembler.render.forms.rendition.backend import RenditionBackend\n")
    assert "assembler.render.forms.rendition.backend" in _imports(source)


def test_the_official_backend_draws_the_forms_it_has_no_official_pdf_of(tmp_path):
    from assembler.render.forms.official.backend import OfficialBackend
    filled = OfficialBackend(tmp_path).fill("CR-410", {})
    assert (filled.form_id, filled.source) == ("CR-410", "rendition")


def test_the_cli_and_assess_load_no_pdf_web_or_spreadsheet_stack():
    """A workshop laptop pays for what a command uses: `relief --help` and `relief assess` import no PDF
    library, no web server and no spreadsheet reader (issue 17: the CLI started in ~1.2 s)."""
    import subprocess
    import sys

    heavy = ("pypdf", "pikepdf", "pypdfium2", "reportlab", "fastapi", "starlette", "openpyxl", "uvicorn",
             "assembler.profile.counties", "assembler.plan", "assembler.render.pages", "assembler.render.pdf",
             "assembler.render.forms.rendition", "assembler.bundle", "dask")
    probe = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from assembler.cli import app\n"
        "r = CliRunner().invoke(app, ['assess', 'examples/dismissal-misdemeanor.yaml', '--as-of', '2026-11-01'])\n"
        "assert r.exit_code == 0, r.output\n"
        f"print(sorted(h for h in {heavy!r} if any(m == h or m.startswith(h + '.') for m in sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
