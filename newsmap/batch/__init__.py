"""Batch ingestion: many inputs, extracted in parallel (worker processes or a Dask cluster),
stored in order in batched transactions, resumable, with every failure reported.

One module per job: ``inputs`` (what to read), ``articles`` (an input → an Article, in the worker),
``workers`` (local worker processes), ``dask_runner`` (a Dask cluster), ``progress``, ``report``,
``run`` (the loop that ties them to the store).
"""
