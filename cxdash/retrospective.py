"""The retrospective: the method asks to look back on five things after each round."""

from __future__ import annotations

# Communication, execution, the thinking behind the plan, the mistakes, and the solution itself.
HEADINGS = ("communication", "execution", "thinking", "mistakes", "solution")
