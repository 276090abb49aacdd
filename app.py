"""Learning Activations: watch a neural network learn.  Run: streamlit run app.py

The page, top to bottom: sidebar controls; a notice for link settings that could
not be used; the run's progress; the tabs, where only the open one is drawn and,
while training runs, redrawn after every chunk.
"""

import streamlit as st

from dashboard import controls, downloads, live, page, state, sync, tabs, urlstate

page.setup()
state.init()
link = urlstate.capture()

page.header()
settings = controls.sidebar()
page.style(present=st.session_state["present"])
urlstate.notice(link)

run = sync.current_run(settings)
downloads.section(run)
if run is None or settings is None:
    st.stop()

run = live.take_steps(run)
status = st.empty()
view = tabs.View(run, settings, running=st.session_state["running"])
painter = tabs.show(tabs.TABS, view)
live.drive(run, status, painter, settings)
