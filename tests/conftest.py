"""Fixtures shared by every test folder.

`browser` (tests/browser.py) is registered here, once: imported into each test module, pytest
would see one session fixture per module and start a second Playwright while the first still
runs ("Sync API inside the asyncio loop").
"""

from tests.browser import browser  # noqa: F401  (the fixture)
