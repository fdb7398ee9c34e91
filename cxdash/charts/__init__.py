"""Plotly figures for the pages: pure functions of DataFrames and translated labels."""
