"""Small reusable widgets: autosaving forms, optional dates, enum choosers, record lists."""
