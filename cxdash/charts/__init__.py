"""Plotly figures for the pages: pure functions of data and translated labels; no Streamlit."""

"""Plotly figures for the pages: they take display labels as arguments and never call Streamlit."""
