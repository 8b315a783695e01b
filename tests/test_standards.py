"""The data package passes the reference validator, and the two install files agree."""
import re
import tomllib
from pathlib import Path

import frictionless
import yaml

import mbc_edu

ROOT = Path(__file__).resolve().parent.parent


def reference_problems(descriptor: Path) -> list[str]:
    """Every error Frictionless finds in the package: its schema, its tables and their keys."""
    report = frictionless.validate(str(descriptor))
    return [f"{task.name}: {error.message}" for task in report.tasks for error in task.errors] + \
        [f"datapackage.json: {error.message}" for error in report.errors]


def test_reference_validator_accepts_the_package():
    assert reference_problems(mbc_edu.data_dir() / "datapackage.json") == []


def test_reference_validator_sees_a_broken_table(data_copy):
    path = data_copy / "sites.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",false,", ",maybe,", 1), encoding="utf-8")
    found = reference_problems(data_copy / "datapackage.json")
    assert len(found) == 1 and found[0].startswith("sites: ") and "maybe" in found[0], found


def requirement(spec: str) -> tuple[str, str]:
    """("name", "bounds") of a requirement such as "textstat>=0.7.3,<0.7.4"."""
    name, bounds = re.fullmatch(r"([A-Za-z0-9._-]+)\s*(.*)", spec.strip()).groups()
    return name.lower().replace("_", "-"), bounds.replace(" ", "")


def test_environment_yml_names_what_pyproject_does():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    environment = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))["dependencies"]
    pip = next(d["pip"] for d in environment if isinstance(d, dict))
    conda = [d for d in environment if isinstance(d, str) and d != "pip"]
    python = [d for d in conda if d.startswith("python=")]
    assert python == ["python=" + project["requires-python"].removeprefix(">=")]
    assert "-e ." in pip  # the course package itself; its extras are listed one by one
    named = [requirement(d) for d in conda + pip if d not in python + ["-e ."]]
    wanted = [requirement(d) for d in project["dependencies"] + project["optional-dependencies"]["test"]]
    assert sorted(named) == sorted(wanted)
