"""Exports of the one-page report and the meeting minutes: PPTX, PDF (via HTML) and Markdown."""
