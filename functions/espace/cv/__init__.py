"""The CV bank: up to five complete CVs per account, a personal CV (express mode), their PDFs, and
the index recruiters search."""
