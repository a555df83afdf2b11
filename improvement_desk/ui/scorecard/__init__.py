"""The performance scorecard screen: indicators, their figures and RAG, and each one's trend.

The trend chart (`trend_view.TrendView`) shows the SVG of the very drawing the
board pack prints (`reports.charts`), so the screen and the pack agree.
"""
