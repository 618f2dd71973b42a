"""One module per phase of the benchmark; each has run(bench_run), which adds to bench_run.results."""
