"""The Streamlit dashboard: sidebar, session state, live training and the tabs.

Streamlit-only code lives here; figures come from ``figures`` and the maths from
``nn_core`` (dependencies flow one way: app.py -> dashboard -> figures, nn_core).
"""
