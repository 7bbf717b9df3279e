"""Marsad (مرصد): reads Arabic and English news and builds a database of conflict events.

Most users need only::

    from marsad import extract, Pipeline, Document
"""

__version__ = "0.1.0"

from marsad.api import default_pipeline, extract, ingest, read
from marsad.document import Document, Span
from marsad.pipeline import Pipeline

__all__ = ["Document", "Pipeline", "Span", "__version__", "default_pipeline", "extract", "ingest", "read"]
