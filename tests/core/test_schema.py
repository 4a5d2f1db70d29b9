"""The one strict-schema loader (sim.core.schema) on a small schema of its own: what every input
file (scenario, profile, backcast, targets) gets from it."""

import hashlib

import pytest
from pydantic import Field, ValidationError

from sim.core.errors import InputError
from sim.core.schema import StrictModel, load_yaml_model, validate


class Plan(StrictModel):
    name: str = Field(description="text")
    beds: int = Field(ge=0, description="a whole number of beds from 0")
    share: float = Field(ge=0, le=1, description="a number from 0 to 1")


def write(tmp_path, text: str):
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_valid_file_loads_with_its_hash(tmp_path):
    path = write(tmp_path, "name: Lishui\nbeds: 15974\nshare: 0.3\n")
    plan, sha256 = load_yaml_model(path, Plan)
    assert (plan.name, plan.beds, plan.share) == ("Lishui", 15974, 0.3)
    assert sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("text, key, fragment", [
    ("name: x\nbeds: 1\nshare: 0.3\nshrae: 1\n", "shrae", "did you mean 'share'"),
    ("name: x\nbeds: 1.5\nshare: 0.3\n", "beds", "a whole number of beds from 0"),
    ("name: x\nbeds: '3'\nshare: 0.3\n", "beds", "a whole number of beds from 0"),
    ("name: x\nbeds: 1\nshare: 1.2\n", "share", "a number from 0 to 1"),
    ("name: x\nbeds: 1\nshare: .nan\n", "share", "share"),
    ("name: x\nbeds: 1\n", "share", "share"),
])
def test_a_schema_error_is_one_line_naming_file_and_key(tmp_path, text, key, fragment):
    path = write(tmp_path, text)
    with pytest.raises(InputError) as caught:
        load_yaml_model(path, Plan)
    message = str(caught.value)
    assert "\n" not in message
    assert "plan.yaml" in message and key in message and fragment in message


def test_yaml_problems_are_input_errors_too(tmp_path):
    for text in ("name: x\nname: y\nbeds: 1\nshare: 0\n",       # duplicate key
                 "name: !!python/object:os.system x\n",         # a tag that would run code
                 "name: [unclosed\n"):                          # not YAML
        with pytest.raises(InputError) as caught:
            load_yaml_model(write(tmp_path, text), Plan)
        assert "plan.yaml" in str(caught.value) and "\n" not in str(caught.value)


def test_models_are_frozen_and_validate_names_the_prefix(tmp_path):
    plan = validate(Plan, {"name": "x", "beds": 2, "share": 0.5}, None)
    with pytest.raises(ValidationError):  # pydantic's error for assigning to a frozen model
        plan.beds = 3  # type: ignore[misc]
    with pytest.raises(InputError, match=r"regions\.0\.beds"):
        validate(Plan, {"name": "x", "beds": -1, "share": 0.5}, tmp_path / "f.yaml",
                 prefix="regions.0")
