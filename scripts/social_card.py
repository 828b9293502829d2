"""Redraw docs/assets/social-card.png from scripts/social-card.html with Debian's Chromium."""

from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent

with sync_playwright() as p:
    browser = p.chromium.launch(executable_path="/usr/bin/chromium")
    page = browser.new_page(viewport={"width": 1200, "height": 630})
    page.goto((ROOT / "scripts/social-card.html").as_uri())
    page.screenshot(path=ROOT / "docs/assets/social-card.png")
    browser.close()
