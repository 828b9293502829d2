"""Notebooks: each page's take-away notebooks and scripts, their committed copies, and the
walkthroughs."""
