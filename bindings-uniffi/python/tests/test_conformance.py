"""The conformance vectors through the installed wheel: one test per case (vectors.py).

conftest.py prints ``conformance (<dir>): N passed, N failed`` at the end of the session,
as the Rust runner does.
"""

import pytest

import vectors

CASES = vectors.load_cases()


def test_there_are_vectors():
    assert CASES, f"no vector cases in {vectors.vectors_dir()}"


@pytest.mark.conformance
@pytest.mark.parametrize("case", CASES, ids=[f"{c.file}: {c.name}" for c in CASES])
def test_case(case):
    vectors.run(case.body)
