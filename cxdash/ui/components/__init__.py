"""In-repo Streamlit components (Components v2: plain JS and CSS, no build step)."""
