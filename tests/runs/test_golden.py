"""The Hangzhou baseline reproduces its checked-in golden summary (see tests/golden.py)."""

import pandas as pd
import pytest

from tests import golden


@pytest.mark.parametrize("case", sorted(golden.CASES))
def test_matches_golden(case):
    expected = golden.read(case)
    actual = golden.compute(case)
    assert list(actual.columns) == list(expected.columns)
    pd.testing.assert_frame_equal(actual, expected.astype(float), check_exact=False,
                                  rtol=1e-9, check_names=False)
