"""Start the app server: ``python -m cxdash.ui.serve [streamlit options]``.

Streamlit decides per process whether ``pages/`` is a legacy multipage folder, and until
``st.navigation`` has run once it runs a deep-linked page script on its own, without
``app.py`` (so without the login gate, the language switch and the shell). This launcher
declares the app a navigation app before the server accepts its first request, so the very
first request of a fresh server already goes through the router.
"""

from __future__ import annotations

import sys
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app.py"


def main(argv: list[str] | None = None) -> None:
    """Run ``streamlit run app.py`` in this process with the legacy pages mode switched off."""
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    PagesManager.uses_pages_directory = False
    args = list(sys.argv[1:] if argv is None else argv)
    cli.main(args=["run", str(APP), *args], prog_name="streamlit")


if __name__ == "__main__":
    main()
