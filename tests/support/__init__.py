"""Shared test helpers (not tests).

- browser.py: a headless Chromium fixture for browser tests (Playwright + Debian's chromium).
- validators.py: the real validators: Nu HTML Checker (vnu.jar), RFC 4287 RELAX NG for Atom,
  RSS 2.0 structure, JSON Feed 1.1, sitemaps.org XSDs (schemas/), robots.txt.
- static_server.py: serve a built site on 127.0.0.1 under a path prefix, like GitHub Pages.
"""
