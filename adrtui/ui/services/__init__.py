"""What works beside the screens, as helpers the main screen owns (composition).

* ``jobs``: latest-only search and the update queue; starts the thread workers
  (``workers``) and is the one place that freezes the gc (``idle_gc``).
* ``feed``: the collection on screen kept current (loads, live reload, lint, index).
* ``panes``: the list, detail and relations drawn from the state.
* ``editing``: ``e``/``a``/``S`` and the read-only state; ``editor``: the terminal hand-off.
* ``footer``: footer refreshes, at most once a frame. ``launch``: ``adrtui [DIR]``.
* ``search``: the browser's way into the domain's search; ``loading``, ``live_reload``:
  the thread bodies of loads and live updates; ``host``: what helpers ask of the screen.
"""
