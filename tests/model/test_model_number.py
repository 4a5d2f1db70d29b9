"""`sim.model.model_number`: code that needs a model constant reads the .mdl's own value."""

from __future__ import annotations

import pytest

from sim.model import MODEL_FILE, model_number


def test_a_literal_constant_is_read_from_the_model(tmp_path):
    assert model_number("transfer training duration") == 1.0
    edited = tmp_path / "m.mdl"
    edited.write_text(MODEL_FILE.read_text(encoding="utf-8").replace(
        "transfer training duration = 1\n", "transfer training duration = 1.5\n"),
        encoding="utf-8")
    assert model_number("transfer training duration", edited) == 1.5


def test_a_name_that_is_not_a_literal_constant_is_refused():
    with pytest.raises(ValueError, match="defines no constant 'transfer training completion'"):
        model_number("transfer training completion")   # an equation, not a number
