"""civcas: war-news reports -> a verified, deduplicated, geocoded record of civilian-harm incidents.

Pipeline (one module per stage, data flows one way):
ingest -> extract -> geo -> link -> assess -> store / export / cli
"""

__version__ = "0.1.0"
