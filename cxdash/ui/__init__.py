"""The only cxdash code that imports streamlit: cached data access, language, widgets, errors."""
