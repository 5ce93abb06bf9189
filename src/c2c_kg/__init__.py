"""c2c-kg: a linked-data knowledge graph of city-to-city cooperation."""

__version__ = "0.1.0"
