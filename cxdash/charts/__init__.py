"""Plotly figures for the pages; they take display labels as arguments and never call Streamlit."""
"""Plotly figures for the pages: they take display labels as arguments and never call Streamlit."""
"""Plotly figures for the pages; they take labels as arguments and never call Streamlit."""
"""Plotly figures for the pages: each takes data and display labels, never calls Streamlit."""
