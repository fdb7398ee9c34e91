"""Plotly figures for the pages: pure functions of data and translated labels; no Streamlit."""
