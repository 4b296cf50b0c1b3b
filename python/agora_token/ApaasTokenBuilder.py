"""``ApaasTokenBuilder`` under the class name; upstream's module is ``apaas_token_builder``."""

from .apaas_token_builder import ApaasTokenBuilder

__all__ = ["ApaasTokenBuilder"]
