"""Counts the conformance cases (tests marked ``conformance``) and prints the runners'
common summary line at the end of the session."""

import vectors

_results = {"passed": 0, "failed": 0}


def pytest_configure(config):
    config.addinivalue_line("markers", "conformance: one case of the conformance vectors")


def pytest_runtest_logreport(report):
    if "conformance" not in report.keywords:
        return
    if report.when == "call":
        _results["passed" if report.passed else "failed"] += 1
    elif report.failed:  # a failed setup or teardown fails the case too
        _results["failed"] += 1


def pytest_terminal_summary(terminalreporter):
    terminalreporter.write_line(
        f"conformance ({vectors.vectors_dir()}): {_results['passed']} passed, {_results['failed']} failed"
    )
