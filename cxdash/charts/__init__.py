"""Plotly figures for the pages: they take display labels as arguments and never call Streamlit."""
