"""The site's starting content in Bulgarian and English (see loader.load_seed_content)."""
