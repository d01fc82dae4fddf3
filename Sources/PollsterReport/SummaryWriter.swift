// Report writers.
