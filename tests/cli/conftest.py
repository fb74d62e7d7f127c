from tests.cli.site import site

__all__ = ["site"]
