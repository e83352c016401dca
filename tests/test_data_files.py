"""factdeck's own data files read the same with and without libyaml.

The build loads them with libyaml's CSafeLoader when it is installed and with PyYAML's pure-Python loader
otherwise; the two disagree on some plain scalars in flow lists ("customers?, clients?" is accepted by one and
rejected by the other), so a file that only libyaml reads breaks every build on a machine without it.
"""
from pathlib import Path

import pytest
import yaml

DATA = sorted((Path(__file__).resolve().parent.parent / "src" / "factdeck").rglob("*.yaml"))


@pytest.mark.parametrize("path", DATA, ids=lambda p: p.name)
def test_a_data_file_reads_the_same_with_the_pure_python_loader(path):
    text = path.read_text(encoding="utf-8")
    pure = yaml.load(text, Loader=yaml.SafeLoader)  # noqa: S506 - a safe loader
    if hasattr(yaml, "CSafeLoader"):
        assert pure == yaml.load(text, Loader=yaml.CSafeLoader)  # noqa: S506 - a safe loader
    assert pure


def test_the_data_files_are_found():
    assert {p.name for p in DATA} >= {"en.yaml", "aws_services.yaml"}
