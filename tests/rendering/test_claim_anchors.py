"""A claim's link to a section of the conclusion lands on the id that Python-Markdown's
toc extension gives that section's heading, whatever its title holds."""

from __future__ import annotations

import re

import markdown
import pytest

from livecompare.site.claims import _anchor


@pytest.mark.parametrize("title", ["Eager by default", "Training - the loop",
                                   "Déploiement et mobile", "C++ and Python (2026)"])
def test_a_conclusion_link_uses_the_id_the_heading_gets(title):
    html = markdown.Markdown(extensions=["toc"]).convert(f"## {title}\n")
    [heading_id] = re.findall(r'<h2 id="([^"]+)"', html)
    assert _anchor(title) == heading_id
