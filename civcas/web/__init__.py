"""The web pages of civcas: Jinja2 templates, static files (no build step, nothing from the network)."""
