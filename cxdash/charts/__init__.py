"""Plotly figures for the pages: each takes data and display labels, never calls Streamlit."""
