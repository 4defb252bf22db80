"""Audits of a built graph against the reports it came from.

``find_unread(graph)`` lists the units of the reports (headings, list items,
table rows, lines of prose) that carry talk signals but gave no talk; see
docs/unread.md.
"""
from graphbuild.audit.unread import UnreadListing, find_unread, render

__all__ = ["UnreadListing", "find_unread", "render"]
