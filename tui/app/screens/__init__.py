"""Screens: the main three-pane screen and the modal views it opens."""
