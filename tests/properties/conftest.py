"""Hypothesis profiles: random examples on a developer's machine, fixed ones in CI.

A property run explores new examples each time, which is how it finds bugs; in
CI that would let a new finding block an unrelated change at random. CI
(``.ci/run``) sets ``HYPOTHESIS_PROFILE=ci``: the same examples every run, so a
failure there is a regression. Exploration goes on in development runs and in
the fuzz campaigns (``fuzz/``); what they find becomes a regression test.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("dev")
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
