"""The Hypothesis profile of `make fuzz` (HYPOTHESIS_PROFILE=fuzz): FUZZ_EXAMPLES inputs per fuzz target of
tests/hardening/test_fuzz.py, 20 000 unless told. Without the variable, nothing changes: Hypothesis' default
profile (100 inputs per target) applies, as for every other property test of `make test`.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "20000")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
    print_blob=True,  # a failure prints the exact input to reproduce it
)
if os.environ.get("HYPOTHESIS_PROFILE"):
    settings.load_profile(os.environ["HYPOTHESIS_PROFILE"])
