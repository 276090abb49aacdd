"""Learning Activations: watch a neural network learn.  Run: streamlit run app.py

The page, top to bottom: sidebar controls; a notice for link settings that could
not be used; the run's progress; the tabs, where only the open one is drawn and,
while training runs, redrawn after every chunk.
"""

import streamlit as st

from dashboard import controls, downloads, live, state, sync, tabs, text, urlstate

st.set_page_config(page_title=text.TITLE, page_icon="🧠", layout="wide")
state.init()
link = urlstate.capture()

st.title(text.TITLE)
st.caption(text.TAGLINE)
settings = controls.sidebar()
urlstate.notice(link)

run = sync.current_run(settings)
downloads.section(run)
if run is None or settings is None:
    st.stop()

run = live.take_steps(run)
status = st.empty()
painter = tabs.show(tabs.TABS, tabs.View(run, settings, st.session_state["running"]))
live.drive(run, status, painter, settings)
