"""Plotly figures for the pages; each takes its labels as arguments and never calls Streamlit."""
