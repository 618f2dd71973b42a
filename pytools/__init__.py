"""Helpers the end-to-end suite (e2e/) and the benchmark (bench/) share: process groups, free ports and
HTTP requests on 127.0.0.1, and wrk's command line and output. Standard library only."""
