"""Coverage-guided fuzz harnesses (atheris); not part of the package or the test run.

The property checks in :mod:`fuzz.common` are shared with ``tests/properties``.
"""
