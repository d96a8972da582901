"""Dialogs of the everyday pages: each edits one record through one service call."""
