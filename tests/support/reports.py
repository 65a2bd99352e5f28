"""Comparing the browser's JSON report with CPython's, for the tests that check both give the same answer."""

from __future__ import annotations

from typing import Any


def essentials(report: dict[str, Any]) -> tuple[str, list[tuple[str, int | None, int | None]]]:
    """The verdict and each finding's code and evidence span: what a difference is first reported on."""
    findings = [
        (
            f["code"],
            f["evidence"]["start"] if f["evidence"] else None,
            f["evidence"]["end"] if f["evidence"] else None,
        )
        for f in report["findings"]
    ]
    return report["verdict"], findings


def compare(name: str, browser: dict[str, Any], expected: dict[str, Any]) -> list[tuple[object, ...]]:
    """Nothing when both reports are equal; otherwise one row saying how they differ."""
    if essentials(browser) != essentials(expected):
        return [(name, essentials(browser), essentials(expected))]
    if browser != expected:
        return [(name, "same findings, different report", browser, expected)]
    return []
