"""Good practices, impact stories, publications and data sets, and their dissemination."""
