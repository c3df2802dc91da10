"""Ingest, in one package: reading files (`loaders`), analysing articles (`pipeline`), storing them
(`writer`), finding claims seen before (`seen_before`), and the run that ties them (`run`:
`ingest_paths`, `ingest_articles`). Nothing is imported here, so reading files stays light."""
