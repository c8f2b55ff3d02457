"""Analyses of a :class:`~graphkit.model.Network`: coverage, instructors, pairing, attribution.

Every analysis reads frames and returns frames; findings follow the one format
of :mod:`graphkit.findings`.
"""

from __future__ import annotations

from graphkit.analysis.coverage import coverage, coverage_findings, party_org_streets, work_providers
from graphkit.analysis.instructors import (
    instructor_findings,
    instructor_load,
    instructor_reach,
    no_instructor_findings,
    reached_party_orgs,
)

__all__ = [
    "coverage",
    "coverage_findings",
    "instructor_findings",
    "instructor_load",
    "instructor_reach",
    "no_instructor_findings",
    "party_org_streets",
    "reached_party_orgs",
    "work_providers",
]
