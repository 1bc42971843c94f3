"""Running the pipeline over many documents: ingest, fusion, and (later) a distributed engine."""
