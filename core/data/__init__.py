"""Datasets: inline rows, seeded generators and CSV files, with splits and stored scaling."""
