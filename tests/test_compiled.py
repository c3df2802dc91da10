"""The analyzer compiled with mypyc at install time (hatch_build.py): the same output as its
sources, and never a stale extension in place of an edited source."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

import workbench.text
from tests.conftest import SEED, require_shared
from workbench.text.analyzer import analyze

ROOT = Path(__file__).resolve().parents[1]
SUFFIX = str(sysconfig.get_config_var("EXT_SUFFIX"))


def _dump(texts: list[str]) -> list[dict]:
    return [analyze(t).to_json() for t in texts]


_PURE_DUMP = """
import json, sys
from workbench.text import COMPILED
from workbench.text.analyzer import analyze
assert not COMPILED, COMPILED
texts = json.load(sys.stdin)
json.dump([analyze(t).to_json() for t in texts], sys.stdout, ensure_ascii=False)
"""


def test_an_install_in_ci_compiles_the_analyzer() -> None:
    # CI installs with the README's command: the build hook must have compiled every module it
    # lists (a compiler is there); locally a pure-Python install is allowed.
    if not os.environ.get("CI"):
        pytest.skip("only CI promises a C compiler")
    sys.path.insert(0, str(ROOT))
    try:
        import hatch_build
    finally:
        sys.path.remove(str(ROOT))
    assert workbench.text.COMPILED == hatch_build.MODULES
    assert workbench.text.analyzer.__file__.endswith(SUFFIX)


def test_the_compiled_and_the_pure_python_analyzer_give_the_same_claims() -> None:
    # every 150th article of the corpus (about 200, from every day), the seed, a wire story
    import zipfile
    from itertools import islice

    texts: list[str] = []
    for path in sorted((require_shared() / "corpora" / "saudinewsnet").glob("*.zip")):
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                texts += [a["content"] for a in islice(json.loads(zf.read(name)), 0, None, 150) if a.get("content")]
    texts.append(SEED.read_text(encoding="utf-8"))
    texts.append('WASHINGTON (Reuters) - The minister said on Monday that "talks failed". Smith told reporters the plan was dead.')
    here = _dump(texts)
    pure = subprocess.run([sys.executable, "-c", _PURE_DUMP], input=json.dumps(texts), capture_output=True, text=True,
                          env={**os.environ, "WORKBENCH_PURE_PYTHON": "1"}, cwd=ROOT, check=True)
    theirs = json.loads(pure.stdout)
    assert len(theirs) == len(here) and sum(len(a["claims"]) for a in here) > 1000
    for mine, other in zip(here, theirs, strict=True):
        assert json.dumps(mine, ensure_ascii=False, sort_keys=True) == json.dumps(other, ensure_ascii=False, sort_keys=True)


_WHICH = """
import workbench.text, workbench.text.arabic
print(bool(workbench.text.COMPILED), workbench.text.arabic.__file__.rsplit(".", 1)[-1])
"""


@pytest.mark.skipif(not workbench.text.COMPILED, reason="nothing compiled in this install")
def test_an_edited_source_is_run_instead_of_its_stale_extension(tmp_path: Path) -> None:
    # A copy of the package with its extensions, as an editable install leaves it.
    shutil.copytree(ROOT / "workbench", tmp_path / "workbench", ignore=shutil.ignore_patterns("__pycache__"))
    for lib in ROOT.glob(f"workbench_text__mypyc*{SUFFIX}"):
        shutil.copy(lib, tmp_path / lib.name)

    def which() -> str:
        env = {**os.environ, "PYTHONPATH": str(tmp_path)}
        env.pop("WORKBENCH_PURE_PYTHON", None)
        return subprocess.run([sys.executable, "-c", _WHICH], env=env, cwd=tmp_path, capture_output=True, text=True,
                              check=True).stdout.split()

    assert which() == ["True", SUFFIX.rsplit(".", 1)[-1]]
    source = tmp_path / "workbench" / "text" / "arabic.py"
    source.write_text(source.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert which() == ["False", "py"]
