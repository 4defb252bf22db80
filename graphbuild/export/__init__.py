"""Export stage: one module per format, each with a pure ``*_data(G)`` function
and a thin ``write_*(G, path)`` wrapper (like networkx.readwrite)."""
