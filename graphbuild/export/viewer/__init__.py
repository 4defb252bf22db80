"""Page template, script and style sheet of graph.html (read by graphbuild.export.html)."""
